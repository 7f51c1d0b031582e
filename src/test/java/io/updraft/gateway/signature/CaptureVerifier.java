package io.updraft.gateway.signature;

import java.util.Map;
import java.util.function.UnaryOperator;

/** Verifies a captured request the way the gateway will: V3 if the Authorization header says so, else V1. */
final class CaptureVerifier {

    static final String SECRET = "testSecret";

    private CaptureVerifier() {
    }

    static VerificationResult verify(CapturedRequest request, String secret) {
        return verify(request, secret, UnaryOperator.identity());
    }

    /**
     * @param tamper applied to the decoded parameters before verification: the merged query and body
     *               parameters for V1, the query parameters for V3 (V3 covers the body through its hash)
     */
    static VerificationResult verify(CapturedRequest request, String secret,
                                     UnaryOperator<Map<String, String>> tamper) {
        if (request.isV3()) {
            Acs3Authorization authorization = Acs3Authorization.parse(request.header("authorization"));
            return SignatureV3.verify(request.method(), tamper.apply(request.queryParameters().values()),
                    request::header, request.body(), authorization, secret);
        }
        Map<String, String> params = request.mergedParameters().values();
        String receivedSignature = params.get(SignatureV1.SIGNATURE_PARAMETER);
        return SignatureV1.verify(request.method(), tamper.apply(params), secret, receivedSignature);
    }
}
