package io.updraft.gateway.signature;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Alibaba Cloud RPC signature V1 (HMAC-SHA1, {@code SignatureVersion=1.0}), used by
 * aliyun-java-sdk-core, pop-core and the Tea SDK with {@code signatureAlgorithm="v2"}.
 * See protocol.md §4.
 */
public final class SignatureV1 {

    /** The parameter that carries the signature; it is never part of what is signed. */
    public static final String SIGNATURE_PARAMETER = "Signature";

    private SignatureV1() {
    }

    /**
     * {@code METHOD&%2F&enc(CanonicalizedQueryString)}.
     *
     * @param httpMethod the real request method as received (POST, or GET for pop-core's default)
     * @param params     decoded query ∪ form-body parameters; {@code Signature} is ignored if present
     */
    public static String stringToSign(String httpMethod, Map<String, String> params) {
        Map<String, String> signed = new LinkedHashMap<>(params);
        signed.remove(SIGNATURE_PARAMETER);
        return httpMethod + "&" + PercentEncoder.encode("/") + "&" + PercentEncoder.encode(CanonicalQuery.of(signed));
    }

    /** Base64 (standard alphabet, padded) of HMAC-SHA1 keyed with {@code accessKeySecret + "&"}. */
    public static String sign(String stringToSign, String accessKeySecret) {
        // Without this check a null secret would silently become the key "null&".
        Objects.requireNonNull(accessKeySecret, "accessKeySecret");
        // The trailing "&" is the empty "token secret" slot inherited from OAuth 1.0; it is always present.
        return Base64.getEncoder().encodeToString(Crypto.hmac("HmacSHA1", accessKeySecret + "&", stringToSign));
    }

    /**
     * Checks {@code receivedSignature} (already form-decoded) against {@code params}.
     *
     * <p>First strictly, with every parameter. If that fails and some parameter has an empty value, once
     * more without the empty-valued ones: the Tea SDK's V1 path sends {@code Desc=} but leaves it out of
     * what it signs, whereas core and pop-core sign it (captures 10, 12, 13).
     *
     * @return {@code stringToSign()} is the variant that matched, or the strict one when neither did
     */
    public static VerificationResult verify(String httpMethod, Map<String, String> params,
                                            String accessKeySecret, String receivedSignature) {
        String strict = stringToSign(httpMethod, params);
        if (Crypto.constantTimeEquals(sign(strict, accessKeySecret), receivedSignature)) {
            return VerificationResult.of(true, strict);
        }
        Map<String, String> withoutEmpty = new LinkedHashMap<>(params);
        if (withoutEmpty.values().removeIf(String::isEmpty)) {
            String lenient = stringToSign(httpMethod, withoutEmpty);
            if (Crypto.constantTimeEquals(sign(lenient, accessKeySecret), receivedSignature)) {
                return VerificationResult.of(true, lenient);
            }
        }
        return VerificationResult.of(false, strict);
    }
}
