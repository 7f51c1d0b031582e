package io.updraft.firmware;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The URLs Updraft hands out under its public base URL: the upload form's host, the FirmwareUrl that names an
 * uploaded file, and expiring download links. A download link carries {@code Expires} (epoch seconds) and
 * {@code Signature} = base64url(HMAC-SHA256(key derived from the master key, blob key + "\n" + Expires)); the blob
 * key itself contains 32 random characters, so links can be neither guessed nor extended.
 */
public final class PublicUrls {
    public static final String UPLOAD_PATH = "/ota-upload";
    public static final String FILES_PATH = "/ota-files/";
    /** What the link key is derived for (see {@code SecretCipher.deriveKey}); a new version rotates it. */
    public static final String KEY_PURPOSE = "updraft/download-links/v1";
    private final Supplier<String> baseUrl;
    private final byte[] downloadKey;

    /** @param baseUrl asked at each use: without a configured public URL it depends on the port bound at start */
    public PublicUrls(Supplier<String> baseUrl, byte[] downloadKey) {
        this.baseUrl = baseUrl;
        this.downloadKey = downloadKey.clone();
    }

    private String base() {
        String url = baseUrl.get();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String uploadHost() {
        return base() + UPLOAD_PATH;
    }

    /** The unsigned name of an uploaded file, as GenerateOTAUploadURL returns it for CreateOTAFirmware. */
    public String fileUrl(String key) {
        return base() + FILES_PATH + key;
    }

    public String downloadUrl(String key, long expiresEpochSeconds) {
        return fileUrl(key) + "?Expires=" + expiresEpochSeconds + "&Signature=" + sign(key, expiresEpochSeconds);
    }

    public boolean verify(String key, long expiresEpochSeconds, String signature) {
        return signature != null && MessageDigest.isEqual(sign(key, expiresEpochSeconds).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    /** The blob key a FirmwareUrl names: its path after {@code /ota-files/}, whatever host and query it carries. */
    public static Optional<String> keyOf(String firmwareUrl) {
        try {
            String path = URI.create(firmwareUrl.trim()).getPath();
            int at = path == null ? -1 : path.indexOf(FILES_PATH);
            return at < 0 ? Optional.empty() : Optional.of(path.substring(at + FILES_PATH.length()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String sign(String key, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(downloadKey, "HmacSHA256"));
            byte[] digest = mac.doFinal((key + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
