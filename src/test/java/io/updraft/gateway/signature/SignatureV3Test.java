package io.updraft.gateway.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Test vectors of protocol.md §5.1 (V3-A) and §5.2 (V3-B), plus the verification rules of §5. */
class SignatureV3Test {

    private static final String SECRET = "testSecret";
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final List<String> TEA_SIGNED_HEADERS = List.of(
            "host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version");

    private static final String FIXED_CANONICAL_REQUEST = String.join("\n",
            "POST",
            "/",
            "AliasName=scanner%20v2&Desc=a%20b%2Bc%2Ad~e%2Ff%3Dg%26h%25i%21j%27k%28l%29m%E4%B8%AD"
                    + "&ModuleName=barcodeScanner&ProductKey=a1BwAGV%2A%2A%2A%2A",
            "host:127.0.0.1:18080",
            "x-acs-action:CreateOTAModule",
            "x-acs-content-sha256:" + EMPTY_SHA256,
            "x-acs-date:2026-01-02T03:04:05Z",
            "x-acs-signature-nonce:3a7e8f0e-4c1b-4b5e-9d8b-1f2e3d4c5b6a",
            "x-acs-version:2018-01-20",
            "",
            "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version",
            EMPTY_SHA256);
    private static final String FIXED_AUTHORIZATION = "ACS3-HMAC-SHA256 Credential=testAccessKeyId,"
            + "SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,"
            + "Signature=d6ceedbed508e1d6124ebd002387ad02c6269bf9684a66e1b1778d23728172d1";

    private static Map<String, String> fixedQuery() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("ProductKey", "a1BwAGV****");
        q.put("ModuleName", "barcodeScanner");
        q.put("AliasName", "scanner v2");
        q.put("Desc", "a b+c*d~e/f=g&h%i!j'k(l)m中");
        return q;
    }

    private static Map<String, String> fixedHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("host", "127.0.0.1:18080");
        h.put("x-acs-action", "CreateOTAModule");
        h.put("x-acs-version", "2018-01-20");
        h.put("x-acs-date", "2026-01-02T03:04:05Z");
        h.put("x-acs-signature-nonce", "3a7e8f0e-4c1b-4b5e-9d8b-1f2e3d4c5b6a");
        h.put("x-acs-content-sha256", EMPTY_SHA256);
        h.put("user-agent", "AlibabaCloud (Linux; amd64) Java/17.0.15 tea-util/0.2.6 TeaDSL/1");
        h.put("accept", "application/json");
        return h;
    }

    private static VerificationResult verifyFixed(Map<String, String> query, Map<String, String> headers, byte[] body) {
        return SignatureV3.verify("POST", query, headers::get, body, Acs3Authorization.parse(FIXED_AUTHORIZATION),
                SECRET);
    }

    @Test
    void sha256HexOfEmptyBodyIsWellKnownValue() {
        assertThat(SignatureV3.sha256Hex(new byte[0])).isEqualTo(EMPTY_SHA256);
    }

    @Test
    void sha256HexIsLowercase() {
        assertThat(SignatureV3.sha256Hex("MessageContent=aGVsbG8gd29ybGQ%2BPz8%3D".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("472af728edeb076b77e442a2fad03210f8b914ee652488127a94eacd2b5af239");
    }

    @Test
    void fixedInputsCanonicalRequestSignsOnlyListedHeaders() {
        assertThat(SignatureV3.canonicalRequest("POST", fixedQuery(), TEA_SIGNED_HEADERS, fixedHeaders()::get,
                EMPTY_SHA256)).isEqualTo(FIXED_CANONICAL_REQUEST);
    }

    @Test
    void fixedInputsStringToSign() {
        assertThat(SignatureV3.stringToSign(FIXED_CANONICAL_REQUEST))
                .isEqualTo("ACS3-HMAC-SHA256\na089ccc0977c3f63ffa097eedcc407d5eb1a458424d83778d89e61914df2acc2");
    }

    @Test
    void fixedInputsSignatureUsesSecretWithoutAmpersand() {
        assertThat(SignatureV3.sign(SignatureV3.stringToSign(FIXED_CANONICAL_REQUEST), SECRET))
                .isEqualTo("d6ceedbed508e1d6124ebd002387ad02c6269bf9684a66e1b1778d23728172d1");
    }

    @Test
    void fixedInputsVerify() {
        VerificationResult result = verifyFixed(fixedQuery(), fixedHeaders(), new byte[0]);
        assertThat(result.matched()).isTrue();
        assertThat(result.stringToSign())
                .isEqualTo("ACS3-HMAC-SHA256\na089ccc0977c3f63ffa097eedcc407d5eb1a458424d83778d89e61914df2acc2");
        assertThat(result.problem()).isEmpty();
    }

    @Test
    void teaWireQueryIsDecodedThenReEncoded() {
        // §5.2: capture 05's wire query, with "+" for space and literal "*"
        Map<String, String> query = FormParameters.decode("Desc=Desc+with+space*%7E%2B%26%3D%2F%E4%B8%AD"
                + "&IotInstanceId=iot-cn-0pp1n8t****&ModuleName=barcodeScanner&AliasName=scanner&ProductKey=a1BwAGV****");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "127.0.0.1:18080");
        headers.put("x-acs-action", "CreateOTAModule");
        headers.put("x-acs-date", "2026-11-26T15:20:37Z");
        headers.put("x-acs-version", "2018-01-20");
        headers.put("x-acs-content-sha256", EMPTY_SHA256);
        headers.put("x-acs-signature-nonce", "4da6451b-0491-40a6-bed1-e79e8720515a17957064376001");

        String canonicalRequest = SignatureV3.canonicalRequest("POST", query, TEA_SIGNED_HEADERS, headers::get,
                EMPTY_SHA256);

        assertThat(canonicalRequest.split("\n")[2]).isEqualTo("AliasName=scanner"
                + "&Desc=Desc%20with%20space%2A~%2B%26%3D%2F%E4%B8%AD&IotInstanceId=iot-cn-0pp1n8t%2A%2A%2A%2A"
                + "&ModuleName=barcodeScanner&ProductKey=a1BwAGV%2A%2A%2A%2A");
        String stringToSign = SignatureV3.stringToSign(canonicalRequest);
        assertThat(stringToSign)
                .isEqualTo("ACS3-HMAC-SHA256\n4ee88f3b7cee5bc25293a0044206b861b5b48ce047f6808b538a16709c4dc92a");
        assertThat(SignatureV3.sign(stringToSign, SECRET))
                .isEqualTo("0887486a2ffca7fd31f78013d37e4cff2b6f0645e49bb2a9b630df37e879b0e5");
    }

    @Test
    void emptyQueryGivesEmptyCanonicalQueryLine() {
        String canonicalRequest = SignatureV3.canonicalRequest("POST", Map.of(), List.of("host"),
                Map.of("host", "h")::get, EMPTY_SHA256);
        assertThat(canonicalRequest).isEqualTo("POST\n/\n\nhost:h\n\nhost\n" + EMPTY_SHA256);
    }

    @Test
    void headerValuesAreTrimmed() {
        Map<String, String> headers = fixedHeaders();
        headers.put("x-acs-action", "  CreateOTAModule \t");
        assertThat(verifyFixed(fixedQuery(), headers, new byte[0]).matched()).isTrue();
    }

    @Test
    void unsignedHeadersMayChange() {
        Map<String, String> headers = fixedHeaders();
        headers.put("user-agent", "something else");
        headers.remove("accept");
        assertThat(verifyFixed(fixedQuery(), headers, new byte[0]).matched()).isTrue();
    }

    @Test
    void changedSignedHeaderIsRejected() {
        Map<String, String> headers = fixedHeaders();
        headers.put("x-acs-action", "DeleteOTAModule");
        VerificationResult result = verifyFixed(fixedQuery(), headers, new byte[0]);
        assertThat(result.matched()).isFalse();
        assertThat(result.problem()).isEmpty();
        assertThat(result.stringToSign()).startsWith("ACS3-HMAC-SHA256\n");
    }

    @Test
    void changedQueryValueIsRejected() {
        Map<String, String> query = fixedQuery();
        query.put("ModuleName", "other");
        assertThat(verifyFixed(query, fixedHeaders(), new byte[0]).matched()).isFalse();
    }

    @Test
    void absentSignedHeaderIsAMismatchNotACrash() {
        Map<String, String> headers = fixedHeaders();
        headers.remove("x-acs-signature-nonce");
        VerificationResult result = verifyFixed(fixedQuery(), headers, new byte[0]);
        assertThat(result.matched()).isFalse();
        assertThat(result.problem()).hasValueSatisfying(p -> assertThat(p).contains("x-acs-signature-nonce"));
    }

    @Test
    void canonicalRequestRejectsAbsentSignedHeader() {
        assertThatThrownBy(() -> SignatureV3.canonicalRequest("POST", Map.of(), List.of("host"), name -> null,
                EMPTY_SHA256)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host");
    }

    @Test
    void bodyNotMatchingContentSha256IsRejected() {
        VerificationResult result = verifyFixed(fixedQuery(), fixedHeaders(), "x=1".getBytes(StandardCharsets.UTF_8));
        assertThat(result.matched()).isFalse();
        assertThat(result.problem()).hasValueSatisfying(p -> assertThat(p).contains("x-acs-content-sha256"));
    }

    @Test
    void wrongSecretIsRejected() {
        assertThat(SignatureV3.verify("POST", fixedQuery(), fixedHeaders()::get, new byte[0],
                Acs3Authorization.parse(FIXED_AUTHORIZATION), "testSecret&").matched()).isFalse();
    }
}
