package io.updraft.firmware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.updraft.error.ApiException;
import io.updraft.error.ErrorCode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * OSS PostObject forms: a base64 JSON policy ({@code expiration}, {@code conditions}) and
 * {@code Signature = base64(HMAC-SHA1(key, policy))}, exactly as OSS signs them, so OSS upload code works unchanged.
 * The key is Updraft's own (derived from the master key), not the caller's AccessKey secret: the form is handed to
 * whoever uploads, and the caller's secret must never sign anything a third party holds.
 */
public final class UploadForm {
    /** The {@code OSSAccessKeyId} every form carries: it names Updraft's signing key, it is not a secret. */
    public static final String ACCESS_KEY_ID = "updraft-upload";
    /** What the signing key is derived for (see {@code SecretCipher.deriveKey}); a new version rotates it. */
    public static final String KEY_PURPOSE = "updraft/upload-forms/v1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final byte[] signingKey;

    public UploadForm(byte[] signingKey) {
        this.signingKey = signingKey.clone();
    }

    public record Issued(String policy, String signature) {
    }

    /** What a verified form allows: the object key and the size range of the file. */
    public record Allowed(String key, long minBytes, long maxBytes) {
    }

    public Issued issue(String key, Instant expiration, long maxBytes) {
        ObjectNode policy = JSON.createObjectNode();
        policy.put("expiration", expiration.toString());
        ArrayNode conditions = policy.putArray("conditions");
        conditions.addArray().add("content-length-range").add(1).add(maxBytes);
        conditions.addArray().add("eq").add("$key").add(key);
        String encoded = Base64.getEncoder().encodeToString(policy.toString().getBytes(StandardCharsets.UTF_8));
        return new Issued(encoded, sign(encoded));
    }

    public String sign(String policyBase64) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(policyBase64.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks a submitted form (field names lower-cased): access key, signature, expiry, then every condition.
     * The signature is checked before the policy is read, so a tampered policy is refused as such.
     */
    public Allowed verify(Map<String, String> fields, Instant now) {
        String policy = fields.get("policy");
        String signature = fields.get("signature");
        String accessKeyId = fields.get("ossaccesskeyid");
        String key = fields.get("key");
        if (policy == null || signature == null || accessKeyId == null || key == null) {
            throw new ApiException(ErrorCode.UPLOAD_MALFORMED,
                    "the form needs the fields key, policy, OSSAccessKeyId and Signature before the file");
        }
        if (!ACCESS_KEY_ID.equals(accessKeyId)) {
            throw new ApiException(ErrorCode.UPLOAD_ACCESS_KEY_INVALID);
        }
        if (!MessageDigest.isEqual(sign(policy).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            throw new ApiException(ErrorCode.UPLOAD_SIGNATURE_MISMATCH);
        }
        JsonNode doc = parse(policy);
        Instant expiration;
        try {
            expiration = Instant.parse(doc.path("expiration").asText());
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.UPLOAD_POLICY_INVALID, "expiration is not an ISO-8601 UTC time");
        }
        if (!now.isBefore(expiration)) {
            throw new ApiException(ErrorCode.UPLOAD_POLICY_EXPIRED);
        }
        long min = 0;
        long max = Long.MAX_VALUE;
        for (JsonNode condition : doc.path("conditions")) {
            if (condition.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = condition.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    requireEqual(fields, e.getKey(), e.getValue().asText());
                }
            } else if (condition.isArray() && condition.size() == 3) {
                String op = condition.get(0).asText().toLowerCase(Locale.ROOT);
                switch (op) {
                    case "content-length-range" -> {
                        min = condition.get(1).asLong();
                        max = condition.get(2).asLong();
                    }
                    case "eq" -> requireEqual(fields, field(condition.get(1).asText()), condition.get(2).asText());
                    case "starts-with" -> {
                        String name = field(condition.get(1).asText());
                        String value = fields.getOrDefault(name, "");
                        if (!value.startsWith(condition.get(2).asText())) {
                            throw new ApiException(ErrorCode.UPLOAD_POLICY_CONDITION, "[\"starts-with\", \"$" + name + "\"]");
                        }
                    }
                    default -> throw new ApiException(ErrorCode.UPLOAD_POLICY_INVALID, "unknown condition " + op);
                }
            } else {
                throw new ApiException(ErrorCode.UPLOAD_POLICY_INVALID, "malformed condition");
            }
        }
        return new Allowed(key, min, max);
    }

    private static JsonNode parse(String policy) {
        try {
            return JSON.readTree(Base64.getDecoder().decode(policy));
        } catch (Exception e) {
            throw new ApiException(ErrorCode.UPLOAD_POLICY_INVALID, "the policy is not base64 of a JSON document");
        }
    }

    private static String field(String reference) {
        return (reference.startsWith("$") ? reference.substring(1) : reference).toLowerCase(Locale.ROOT);
    }

    private static void requireEqual(Map<String, String> fields, String name, String expected) {
        String field = name.toLowerCase(Locale.ROOT);
        if (field.equals("bucket")) {
            return; // OSS checks the bucket against the host; Updraft has one upload endpoint and no buckets
        }
        if (!expected.equals(fields.get(field))) {
            throw new ApiException(ErrorCode.UPLOAD_POLICY_CONDITION, "[\"eq\", \"$" + field + "\", \"" + expected + "\"]");
        }
    }
}
