package io.updraft.gateway.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The 15 byte-exact SDK captures (protocol.md §3, §4.4), verified with secret {@code testSecret}. */
class CaptureSignatureTest {

    static Stream<String> v1Captures() {
        return Stream.of("01-core-v1-post", "02-core-v1-post-sts", "03-core-v1-post-format-xml",
                "07-tea-signatureAlgorithm-v2", "08-popcore-get", "09-popcore-post", "10-emptydesc-core-v1",
                "12-emptydesc-tea-v2", "13-emptydesc-popcore-post", "14-core-v1-Pub-query-plus-formbody");
    }

    static Stream<String> v3Captures() {
        return Stream.of("04-core-v3-optin", "05-tea-default-v3", "06-tea-default-v3-sts", "11-emptydesc-tea-v3",
                "15-tea-v3-Pub-query-plus-formbody");
    }

    static Stream<String> allCaptures() {
        return Stream.concat(v1Captures(), v3Captures()).sorted();
    }

    private static CapturedRequest capture(String name) {
        return CapturedRequest.load(name + ".request.http");
    }

    private static Map<String, String> withProductKey(Map<String, String> params, String productKey) {
        Map<String, String> changed = new LinkedHashMap<>(params);
        assertThat(changed.put("ProductKey", productKey)).as("capture carries ProductKey").isNotNull();
        return changed;
    }

    @ParameterizedTest
    @MethodSource("v1Captures")
    void v1CaptureIsSignedWithV1(String name) {
        assertThat(capture(name).isV3()).isFalse();
        assertThat(capture(name).mergedParameters().values()).containsKey("Signature");
    }

    @ParameterizedTest
    @MethodSource("v3Captures")
    void v3CaptureIsSignedWithV3(String name) {
        assertThat(capture(name).isV3()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("allCaptures")
    void captureHasNoDuplicatedParameters(String name) {
        assertThat(capture(name).mergedParameters().hasDuplicates()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("allCaptures")
    void captureIsAcceptedWithTestSecret(String name) {
        VerificationResult result = CaptureVerifier.verify(capture(name), CaptureVerifier.SECRET);
        assertThat(result.matched()).as(result.toString()).isTrue();
        assertThat(result.problem()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("allCaptures")
    void captureIsRejectedWithOtherSecret(String name) {
        assertThat(CaptureVerifier.verify(capture(name), "testSecret2").matched()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("allCaptures")
    void captureWithOneChangedParameterValueIsRejected(String name) {
        VerificationResult result = CaptureVerifier.verify(capture(name), CaptureVerifier.SECRET,
                params -> withProductKey(params, "a1BwAGVXXXX"));
        assertThat(result.matched()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("v1Captures")
    void v1CaptureStrictStringToSignEqualsVerifyFile(String name) {
        CapturedRequest request = capture(name);
        String expected = CaptureExpectation.load(name + ".verify.txt").stringToSign();
        assertThat(SignatureV1.stringToSign(request.method(), request.mergedParameters().values())).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("v3Captures")
    void v3CaptureCanonicalRequestEqualsVerifyFile(String name) {
        CapturedRequest request = capture(name);
        CaptureExpectation expected = CaptureExpectation.load(name + ".verify.txt");
        Acs3Authorization authorization = Acs3Authorization.parse(request.header("authorization"));
        String canonicalRequest = SignatureV3.canonicalRequest(request.method(), request.queryParameters().values(),
                authorization.signedHeaders(), request::header, SignatureV3.sha256Hex(request.body()));
        assertThat(canonicalRequest).isEqualTo(expected.canonicalRequest());
        assertThat(SignatureV3.stringToSign(canonicalRequest)).isEqualTo(expected.stringToSign());
    }

    @ParameterizedTest
    @MethodSource("v3Captures")
    void v3CaptureContentSha256EqualsHashOfDechunkedBody(String name) {
        CapturedRequest request = capture(name);
        assertThat(request.header("x-acs-content-sha256")).isEqualTo(SignatureV3.sha256Hex(request.body()));
    }

    @ParameterizedTest
    @MethodSource("v3Captures")
    void v3CaptureWithChangedSignedHeaderIsRejected(String name) {
        CapturedRequest changed = capture(name).withHeader("x-acs-date", "2026-11-26T15:30:00Z");
        assertThat(CaptureVerifier.verify(changed, CaptureVerifier.SECRET).matched()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("v3Captures")
    void v3CaptureWithoutASignedHeaderIsRejected(String name) {
        CapturedRequest stripped = capture(name).withHeader("x-acs-signature-nonce", null);
        VerificationResult result = CaptureVerifier.verify(stripped, CaptureVerifier.SECRET);
        assertThat(result.matched()).isFalse();
        assertThat(result.problem()).isPresent();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "01-core-v1-post, RGLvCRhFHuDLi/9qV9tYbvXRdzc=",
            "02-core-v1-post-sts, 7ZmHBv4bQs8cVc9ZkRzj3TTbLeM=",
            "03-core-v1-post-format-xml, IlMkLafgm6kO6BatRNgmzVYvKDg=",
            "07-tea-signatureAlgorithm-v2, 7wCSDoiymU07khW80IW1N+EJHuY=",
            "08-popcore-get, Ov1onXe6TWRftemhdrIYZa3Xqxg=",
            "09-popcore-post, 8pMVkGH2l8Rj25wvvMp1D9zrReg=",
            "10-emptydesc-core-v1, IDDQcLPDL/uPZvStSqx1i5cR+T4=",
            "13-emptydesc-popcore-post, r/jeUE/8mLSPoTgv9qnjVKNYEz4=",
            "14-core-v1-Pub-query-plus-formbody, EGmmUP5VehW23Jiw4axTQs/aBDI=",
    })
    void v1CaptureStrictSignatureMatchesTable(String name, String expectedSignature) {
        CapturedRequest request = capture(name);
        String stringToSign = SignatureV1.stringToSign(request.method(), request.mergedParameters().values());
        assertThat(SignatureV1.sign(stringToSign, CaptureVerifier.SECRET)).isEqualTo(expectedSignature);
        assertThat(request.mergedParameters().values()).containsEntry("Signature", expectedSignature);
    }

    @ParameterizedTest(name = "{0}: kept {1}, dropped {2}")
    @CsvSource({
            "10-emptydesc-core-v1, IDDQcLPDL/uPZvStSqx1i5cR+T4=, FjwDWVRtwzGUkAljWg5K0tj44pQ=",
            "12-emptydesc-tea-v2, FwY/LLCe1Q5G/pWFXIGYIfk4wfg=, dMWKEWISPavz5Vu0FJxVOvoSOVY=",
            "13-emptydesc-popcore-post, r/jeUE/8mLSPoTgv9qnjVKNYEz4=, kKcboThMsL9VDkSSzRlyW6FDMY0=",
    })
    void emptyDescCaptureSignsBothVariantsAsTable(String name, String keptSignature, String droppedSignature) {
        CapturedRequest request = capture(name);
        Map<String, String> params = request.mergedParameters().values();
        assertThat(params).containsEntry("Desc", "");
        assertThat(SignatureV1.sign(SignatureV1.stringToSign(request.method(), params), CaptureVerifier.SECRET))
                .isEqualTo(keptSignature);
        params.remove("Desc");
        assertThat(SignatureV1.sign(SignatureV1.stringToSign(request.method(), params), CaptureVerifier.SECRET))
                .isEqualTo(droppedSignature);
    }

    @Test
    void teaV1EmptyDescCaptureMatchesOnlyWithEmptyValueDropped() {
        VerificationResult result = CaptureVerifier.verify(capture("12-emptydesc-tea-v2"), CaptureVerifier.SECRET);
        assertThat(result.matched()).isTrue();
        assertThat(result.stringToSign()).doesNotContain("Desc");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "04-core-v3-optin, 5d147ee69ee115b68f96c501b0a77aa0e884749c864493ece342d876b551ef55",
            "05-tea-default-v3, 0887486a2ffca7fd31f78013d37e4cff2b6f0645e49bb2a9b630df37e879b0e5",
            "06-tea-default-v3-sts, b493d1137056f403a21ce8dd8072281de596e6ca797379fd0fee79fee477fda7",
            "11-emptydesc-tea-v3, 25d8123fb36ba28f73088ef098f98a83a862531562b22f7205ac6a8e4eaed9f8",
            "15-tea-v3-Pub-query-plus-formbody, 169f16f4d5cd8532ab0187f6f66befe908c4cb29c0e9f1ee0eb16523a0446c7e",
    })
    void v3CaptureSignatureMatchesTable(String name, String expectedSignature) {
        CapturedRequest request = capture(name);
        VerificationResult result = CaptureVerifier.verify(request, CaptureVerifier.SECRET);
        assertThat(SignatureV3.sign(result.stringToSign(), CaptureVerifier.SECRET)).isEqualTo(expectedSignature);
        assertThat(Acs3Authorization.parse(request.header("authorization")).signature()).isEqualTo(expectedSignature);
    }

    @Test
    void coreV1FormBodyParameterIsSigned() {
        VerificationResult result = CaptureVerifier.verify(capture("14-core-v1-Pub-query-plus-formbody"),
                CaptureVerifier.SECRET, params -> {
                    Map<String, String> changed = new LinkedHashMap<>(params);
                    changed.put("MessageContent", "dGFtcGVyZWQ=");
                    return changed;
                });
        assertThat(result.matched()).isFalse();
    }

    @Test
    void teaV3FormBodyIsCoveredByContentHash() {
        CapturedRequest original = capture("15-tea-v3-Pub-query-plus-formbody");
        CapturedRequest tampered = new CapturedRequest(original.method(), original.rawQuery(), original.headers(),
                "MessageContent=dGFtcGVyZWQ%3D".getBytes(StandardCharsets.US_ASCII));
        VerificationResult result = CaptureVerifier.verify(tampered, CaptureVerifier.SECRET);
        assertThat(result.matched()).isFalse();
        assertThat(result.problem()).hasValueSatisfying(p -> assertThat(p).contains("x-acs-content-sha256"));
    }

    @Test
    void teaV3FormBodyParametersAreNotPartOfCanonicalQuery() {
        CapturedRequest request = capture("15-tea-v3-Pub-query-plus-formbody");
        assertThat(request.mergedParameters().values()).containsKey("MessageContent");
        assertThat(CaptureExpectation.load("15-tea-v3-Pub-query-plus-formbody.verify.txt").canonicalRequest())
                .doesNotContain("MessageContent");
    }

    @ParameterizedTest(name = "{0}: {1} bytes")
    @CsvSource({
            "09-popcore-post, 439",
            "13-emptydesc-popcore-post, 399",
            "14-core-v1-Pub-query-plus-formbody, 39",
            "15-tea-v3-Pub-query-plus-formbody, 39",
            "05-tea-default-v3, 0",
            "01-core-v1-post, 0",
    })
    void captureBodyIsReadWithoutFraming(String name, int expectedLength) {
        assertThat(capture(name).body()).hasSize(expectedLength);
    }
}
