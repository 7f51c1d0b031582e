package io.updraft.firmware;

import io.updraft.blob.BlobStore;
import io.updraft.error.ApiException;
import io.updraft.error.ErrorCode;
import io.updraft.store.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The GenerateOTAUploadURL → POST → CreateOTAFirmware half of packages: hands out signed forms, accepts the file
 * (streamed to a staging file while MD5 and SHA-256 are computed, then handed to the blob store), and purges files
 * no package used within 60 minutes (ota-api.md §B.3).
 */
public final class UploadService {
    private static final Logger LOG = LoggerFactory.getLogger(UploadService.class);
    /** 1,000 MB per file over HTTPS (ota-api.md §B.3). */
    public static final long MAX_FILE_BYTES = 1000L * 1024 * 1024;
    public static final Duration FORM_VALIDITY = Duration.ofMinutes(1);
    public static final Duration UNUSED_RETENTION = Duration.ofMinutes(60);
    static final Set<String> SUFFIXES = Set.of("bin", "dav", "apk", "tar", "gz", "tar.gz", "tar.xz", "zip", "gzip", "pack");

    private final UploadRepository uploads;
    private final BlobStore blobs;
    private final UploadForm forms;
    private final PublicUrls urls;
    private final Path stagingDir;

    public UploadService(UploadRepository uploads, BlobStore blobs, UploadForm forms, PublicUrls urls, Path stagingDir) {
        this.uploads = uploads;
        this.blobs = blobs;
        this.forms = forms;
        this.urls = urls;
        this.stagingDir = stagingDir;
        try {
            Files.createDirectories(stagingDir);
            // Left by uploads a crash interrupted: the staging dir belongs to this node, nothing else writes there.
            try (var leftovers = Files.newDirectoryStream(stagingDir, "upload-*.part")) {
                for (Path file : leftovers) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the staging dir " + stagingDir, e);
        }
    }

    /** Everything GenerateOTAUploadURL returns. */
    public record Slot(String host, String key, String policy, String accessKeyId, String signature,
                       String firmwareUrl, Instant created) {
    }

    public Slot issue(String accountId, String fileSuffix, Instant now) {
        String suffix = fileSuffix == null || fileSuffix.isEmpty() ? "bin" : fileSuffix.toLowerCase(Locale.ROOT);
        if (!SUFFIXES.contains(suffix)) {
            throw new ApiException(ErrorCode.FIRMWARE_FILE_SUFFIX_INVALID);
        }
        return issue(accountId, "ota/" + accountId + "/" + Ids.alnum(32) + "." + suffix, MAX_FILE_BYTES, now);
    }

    /**
     * A form for a file under a key the caller chose (e.g. device-list files), at most {@code maxBytes}; the file
     * is purged like any other when nothing claims it within {@link #UNUSED_RETENTION}.
     */
    public Slot issue(String accountId, String key, long maxBytes, Instant now) {
        uploads.insert(key, accountId, now.toEpochMilli());
        UploadForm.Issued form = forms.issue(key, now.plus(FORM_VALIDITY), maxBytes);
        return new Slot(urls.uploadHost(), key, form.policy(), UploadForm.ACCESS_KEY_ID, form.signature(),
                urls.fileUrl(key), now);
    }

    /** Checks the form, then streams the file into the blob store. {@code file} is the form's last part. */
    public Upload accept(Map<String, String> fields, InputStream file, Instant now) throws IOException {
        UploadForm.Allowed allowed = forms.verify(fields, now);
        Upload slot = uploads.find(allowed.key()).filter(u -> !u.used())
                .orElseThrow(() -> new ApiException(ErrorCode.UPLOAD_POLICY_CONDITION,
                        "the key is unknown, purged or already used by a package"));
        long max = Math.min(allowed.maxBytes(), MAX_FILE_BYTES);
        Path staged = Files.createTempFile(stagingDir, "upload-", ".part");
        try {
            MessageDigest md5 = digest("MD5");
            MessageDigest sha256 = digest("SHA-256");
            long size = 0;
            byte[] buffer = new byte[64 * 1024];
            try (OutputStream out = Files.newOutputStream(staged)) {
                for (int n; (n = file.read(buffer)) > 0; ) {
                    size += n;
                    if (size > max) {
                        throw new ApiException(ErrorCode.UPLOAD_TOO_LARGE, max);
                    }
                    md5.update(buffer, 0, n);
                    sha256.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            if (size < allowed.minBytes()) {
                throw new ApiException(ErrorCode.UPLOAD_TOO_SMALL, allowed.minBytes());
            }
            try {
                blobs.put(slot.key(), staged, size);
            } catch (IOException | RuntimeException e) {
                // The store failed, not the client: a 500 the uploader may retry, not a 400 blaming the form.
                LOG.error("storing upload {} in {} failed", slot.key(), blobs.describe(), e);
                throw new ApiException(ErrorCode.INTERNAL_ERROR);
            }
            String md5Hex = HexFormat.of().formatHex(md5.digest());
            String shaHex = HexFormat.of().formatHex(sha256.digest());
            if (!uploads.markUploaded(slot.key(), size, md5Hex, shaHex, now.toEpochMilli())) {
                // An upload slower than the purge's 60 minutes: its slot is gone, so is its file.
                deleteBlobQuietly(slot.key());
                throw new ApiException(ErrorCode.UPLOAD_POLICY_CONDITION, "the key was purged or used meanwhile");
            }
            return new Upload(slot.key(), slot.accountId(), slot.createdAt(), now.toEpochMilli(), size, md5Hex, shaHex, false);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /** Removes slots (and their files) that no package used within the retention time. @return how many */
    public int purgeUnused(Instant now) {
        int purged = 0;
        for (String key : uploads.unusedCreatedBefore(now.minus(UNUSED_RETENTION).toEpochMilli(), 500)) {
            // Row first (the file queued with it): once it is gone no package can claim the file.
            if (uploads.deleteUnused(key)) {
                deleteQueued(List.of(key));
                purged++;
            }
        }
        if (purged > 0) {
            LOG.info("purged {} uploaded files no package used within {} minutes", purged, UNUSED_RETENTION.toMinutes());
        }
        return purged;
    }

    /** Deletes queued files (see {@link UploadRepository#queueGarbage}); one that fails stays queued. */
    public int deleteQueued(List<String> keys) {
        int deleted = 0;
        for (String key : keys) {
            if (deleteBlobQuietly(key)) {
                uploads.garbageCollected(key);
                deleted++;
            }
        }
        return deleted;
    }

    /** Deletes the files whose deletion a crash or a failing blob store left queued. @return how many */
    public int collectGarbage() {
        int collected = 0;
        for (List<String> batch; !(batch = uploads.garbage(500)).isEmpty(); ) {
            int deleted = deleteQueued(batch);
            collected += deleted;
            if (deleted < batch.size()) {
                break; // the blob store fails: the next round retries
            }
        }
        if (collected > 0) {
            LOG.info("deleted {} package files whose packages were deleted", collected);
        }
        return collected;
    }

    boolean deleteBlobQuietly(String key) {
        try {
            blobs.delete(key);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot delete blob {}: {}", key, e.getMessage());
            return false;
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
