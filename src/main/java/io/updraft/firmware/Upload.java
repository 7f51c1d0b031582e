package io.updraft.firmware;

/** A file slot handed out by GenerateOTAUploadURL; {@code uploadedAt} stays null until the file arrives. */
public record Upload(String key, String accountId, long createdAt, Long uploadedAt, long size, String md5,
                     String sha256, boolean used) {

    public boolean isUploaded() {
        return uploadedAt != null;
    }
}
