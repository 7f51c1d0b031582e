package io.updraft.gateway.signature;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Alibaba Cloud signature V3 (ACS3-HMAC-SHA256), the Tea SDK's default and core's opt-in.
 * See protocol.md §5.
 */
public final class SignatureV3 {

    /** Header carrying the client's hex SHA-256 of the body; it is what binds the body to the signature. */
    public static final String CONTENT_SHA256_HEADER = "x-acs-content-sha256";

    // RPC-style APIs are always served on "/"; the path is not a variable of this protocol.
    private static final String CANONICAL_URI = "/";
    private static final HexFormat HEX = HexFormat.of(); // lowercase, as the protocol requires

    private SignatureV3() {
    }

    /** Lowercase hex SHA-256 of the (de-chunked) body; for an empty body {@code e3b0c442...b855}. */
    public static String sha256Hex(byte[] body) {
        return HEX.formatHex(Crypto.sha256(body));
    }

    /**
     * The CanonicalRequest: method, {@code /}, canonical query, one {@code name:trimmedValue} line per
     * signed header, the SignedHeaders string, the payload hash, joined by {@code \n}.
     *
     * @param queryParams   DECODED query parameters only: body parameters are covered by the payload
     *                      hash, not by the canonical query (capture 15)
     * @param signedHeaders lowercase names, in the order the client listed them; they are not re-sorted
     *                      because the client's SignedHeaders string is signed verbatim
     * @param headers       lowercase header name to value, {@code null} when absent
     * @throws IllegalArgumentException if a signed header is absent (use {@link #verify} to get a result)
     */
    public static String canonicalRequest(String httpMethod, Map<String, String> queryParams,
                                          List<String> signedHeaders, Function<String, String> headers,
                                          String hashedPayload) {
        StringBuilder request = new StringBuilder(512)
                .append(httpMethod).append('\n')
                .append(CANONICAL_URI).append('\n')
                .append(CanonicalQuery.of(queryParams)).append('\n');
        for (String name : signedHeaders) {
            String value = headers.apply(name);
            if (value == null) {
                throw new IllegalArgumentException("Signed header '" + name + "' is absent from the request");
            }
            request.append(name).append(':').append(value.trim()).append('\n');
        }
        return request.append('\n')
                .append(String.join(";", signedHeaders)).append('\n')
                .append(hashedPayload)
                .toString();
    }

    /** {@code ACS3-HMAC-SHA256\n} + lowercase hex SHA-256 of the CanonicalRequest. */
    public static String stringToSign(String canonicalRequest) {
        return Acs3Authorization.ALGORITHM + "\n" + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Lowercase hex HMAC-SHA256 keyed with the secret itself (unlike V1, no {@code "&"} is appended).
     *
     * @throws IllegalArgumentException for an empty secret (the JDK refuses an empty HMAC key)
     */
    public static String sign(String stringToSign, String accessKeySecret) {
        Objects.requireNonNull(accessKeySecret, "accessKeySecret");
        return HEX.formatHex(Crypto.hmac("HmacSHA256", accessKeySecret, stringToSign));
    }

    /**
     * Verifies a V3 request.
     *
     * <p>Not a match (with {@code problem()} set and, where it cannot be computed, an empty
     * {@code stringToSign()}) when a signed header is absent or {@code x-acs-content-sha256} disagrees
     * with the body. The payload line is always the hash of the body actually received, so the body
     * is authenticated even when the client did not send {@code x-acs-content-sha256}.
     *
     * @param queryParams decoded query parameters only (no body parameters)
     * @param headers     lowercase header name to value, {@code null} when absent
     * @param body        the received body with any chunked framing removed
     */
    public static VerificationResult verify(String httpMethod, Map<String, String> queryParams,
                                            Function<String, String> headers, byte[] body,
                                            Acs3Authorization authorization, String accessKeySecret) {
        for (String name : authorization.signedHeaders()) {
            if (headers.apply(name) == null) {
                return VerificationResult.unverifiable("", "Signed header '" + name + "' is absent from the request");
            }
        }
        String bodyHash = sha256Hex(body);
        String stringToSign = stringToSign(canonicalRequest(httpMethod, queryParams,
                authorization.signedHeaders(), headers, bodyHash));
        String claimedHash = headers.apply(CONTENT_SHA256_HEADER);
        if (claimedHash != null && !claimedHash.trim().equals(bodyHash)) {
            return VerificationResult.unverifiable(stringToSign,
                    CONTENT_SHA256_HEADER + " does not match the SHA-256 of the received body");
        }
        boolean matched = Crypto.constantTimeEquals(sign(stringToSign, accessKeySecret), authorization.signature());
        return VerificationResult.of(matched, stringToSign);
    }
}
