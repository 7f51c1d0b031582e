package io.updraft.gateway.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Test vectors of protocol.md §4.1–4.3 and the verification rules of §4 and §6. */
class SignatureV1Test {

    // §4.1 V1-A: Alibaba documentation example
    private static final String DOC_SECRET = "testsecret";
    private static final String DOC_STRING_TO_SIGN = "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions"
            + "%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"
            + "%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26";

    // §4.2 V1-B: worked example with awkward characters
    private static final String SECRET = "testSecret";
    private static final String WORKED_CANONICAL = "AccessKeyId=testAccessKeyId&Action=CreateOTAModule"
            + "&AliasName=scanner%20v2&Desc=a%20b%2Bc%2Ad~e%2Ff%3Dg%26h%25i%21j%27k%28l%29m%E4%B8%AD%F0%9F%98%80"
            + "&Format=JSON&ModuleName=barcodeScanner&ProductKey=a1BwAGV%2A%2A%2A%2A&RegionId=cn-shanghai"
            + "&SignatureMethod=HMAC-SHA1&SignatureNonce=45e25e9b-0a6f-4070-8c85-2956eda1b466&SignatureVersion=1.0"
            + "&Timestamp=2026-01-02T03%3A04%3A05Z&Version=2018-01-20";
    private static final String WORKED_POST_STRING_TO_SIGN = "POST&%2F&AccessKeyId%3DtestAccessKeyId"
            + "%26Action%3DCreateOTAModule%26AliasName%3Dscanner%2520v2%26Desc%3Da%2520b%252Bc%252Ad~e%252Ff%253Dg"
            + "%2526h%2525i%2521j%2527k%2528l%2529m%25E4%25B8%25AD%25F0%259F%2598%2580%26Format%3DJSON"
            + "%26ModuleName%3DbarcodeScanner%26ProductKey%3Da1BwAGV%252A%252A%252A%252A%26RegionId%3Dcn-shanghai"
            + "%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D45e25e9b-0a6f-4070-8c85-2956eda1b466"
            + "%26SignatureVersion%3D1.0%26Timestamp%3D2026-01-02T03%253A04%253A05Z%26Version%3D2018-01-20";

    private static Map<String, String> docExampleParams(String timestampName) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("Version", "2014-05-26");
        p.put("Action", "DescribeRegions");
        p.put(timestampName, "2016-02-23T12:46:24Z");
        p.put("Format", "XML");
        p.put("SignatureVersion", "1.0");
        p.put("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf");
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("AccessKeyId", "testid");
        return p;
    }

    private static Map<String, String> workedExampleParams() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("Desc", "a b+c*d~e/f=g&h%i!j'k(l)m中😀");
        p.put("Action", "CreateOTAModule");
        p.put("Version", "2018-01-20");
        p.put("Format", "JSON");
        p.put("AccessKeyId", "testAccessKeyId");
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("SignatureVersion", "1.0");
        p.put("SignatureNonce", "45e25e9b-0a6f-4070-8c85-2956eda1b466");
        p.put("Timestamp", "2026-01-02T03:04:05Z");
        p.put("RegionId", "cn-shanghai");
        p.put("ProductKey", "a1BwAGV****");
        p.put("ModuleName", "barcodeScanner");
        p.put("AliasName", "scanner v2");
        return p;
    }

    private static Map<String, String> workedExampleWithEmptyDesc() {
        Map<String, String> p = workedExampleParams();
        p.put("Desc", "");
        return p;
    }

    @Test
    void docExampleStringToSignMatchesPublishedValue() {
        assertThat(SignatureV1.stringToSign("GET", docExampleParams("Timestamp"))).isEqualTo(DOC_STRING_TO_SIGN);
    }

    @Test
    void docExampleSignsAsOLeaidS1() {
        assertThat(SignatureV1.sign(DOC_STRING_TO_SIGN, DOC_SECRET)).isEqualTo("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    }

    @Test
    void docExampleWithTimeStampSpellingSignsAsCT9X0() {
        String stringToSign = SignatureV1.stringToSign("GET", docExampleParams("TimeStamp"));
        assertThat(stringToSign).isEqualTo(DOC_STRING_TO_SIGN.replace("%26Timestamp%3D", "%26TimeStamp%3D"));
        assertThat(SignatureV1.sign(stringToSign, DOC_SECRET)).isEqualTo("CT9X0VtwR86fNWSnsc6v8YGOjuE=");
    }

    @Test
    void parameterNamesAreSignedCaseSensitively() {
        assertThat(SignatureV1.verify("GET", docExampleParams("TimeStamp"), DOC_SECRET,
                "OLeaidS1JvxuMvnyHOwuJ+uX5qY=").matched()).isFalse();
    }

    @Test
    void workedExampleCanonicalizesSortedAndStrictlyEncoded() {
        assertThat(CanonicalQuery.of(workedExampleParams())).isEqualTo(WORKED_CANONICAL);
    }

    @Test
    void workedExamplePostStringToSign() {
        assertThat(SignatureV1.stringToSign("POST", workedExampleParams())).isEqualTo(WORKED_POST_STRING_TO_SIGN);
    }

    @Test
    void workedExamplePostSignature() {
        assertThat(SignatureV1.sign(WORKED_POST_STRING_TO_SIGN, SECRET)).isEqualTo("yBu13ATnamUNyroTN5KUFoDvvOw=");
    }

    @Test
    void workedExampleGetSignatureDependsOnMethod() {
        String stringToSign = SignatureV1.stringToSign("GET", workedExampleParams());
        assertThat(stringToSign).isEqualTo("GET" + WORKED_POST_STRING_TO_SIGN.substring("POST".length()));
        assertThat(SignatureV1.sign(stringToSign, SECRET)).isEqualTo("bpSKWydDL50vk3I2YrPkN+MWoiQ=");
    }

    @Test
    void signatureParameterIsNotSigned() {
        Map<String, String> withSignature = workedExampleParams();
        withSignature.put("Signature", "yBu13ATnamUNyroTN5KUFoDvvOw=");
        assertThat(SignatureV1.stringToSign("POST", withSignature)).isEqualTo(WORKED_POST_STRING_TO_SIGN);
    }

    @Test
    void namesSortInByteOrderUppercaseBeforeLowercase() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("a", "3");
        p.put("Z", "2");
        p.put("A", "1");
        p.put("AB", "4");
        assertThat(CanonicalQuery.of(p)).isEqualTo("A=1&AB=4&Z=2&a=3");
    }

    @Test
    void emptyValueKeptSignsAsF7zG() {
        String strict = SignatureV1.stringToSign("POST", workedExampleWithEmptyDesc());
        assertThat(strict).contains("%26Desc%3D%26");
        assertThat(SignatureV1.sign(strict, SECRET)).isEqualTo("F7zG+fTyisxL3kgPNi+O9z3uloE=");
    }

    @Test
    void emptyValueDroppedSignsAsYuNi() {
        Map<String, String> withoutDesc = workedExampleWithEmptyDesc();
        withoutDesc.remove("Desc");
        assertThat(SignatureV1.sign(SignatureV1.stringToSign("POST", withoutDesc), SECRET))
                .isEqualTo("yuNiUBRYM1kx9dsVJ2x24i1w+4g=");
    }

    @Test
    void verifyAcceptsEmptyValueSignedStrictly() {
        VerificationResult result = SignatureV1.verify("POST", workedExampleWithEmptyDesc(), SECRET,
                "F7zG+fTyisxL3kgPNi+O9z3uloE=");
        assertThat(result.matched()).isTrue();
        assertThat(result.stringToSign()).contains("%26Desc%3D%26");
    }

    @Test
    void verifyAcceptsEmptyValueLeftOutOfSignatureByTea() {
        VerificationResult result = SignatureV1.verify("POST", workedExampleWithEmptyDesc(), SECRET,
                "yuNiUBRYM1kx9dsVJ2x24i1w+4g=");
        assertThat(result.matched()).isTrue();
        assertThat(result.stringToSign()).doesNotContain("Desc");
    }

    @Test
    void verifyEchoesStrictStringToSignWhenNeitherVariantMatches() {
        VerificationResult result = SignatureV1.verify("POST", workedExampleWithEmptyDesc(), SECRET,
                "yBu13ATnamUNyroTN5KUFoDvvOw=");
        assertThat(result.matched()).isFalse();
        assertThat(result.stringToSign()).isEqualTo(SignatureV1.stringToSign("POST", workedExampleWithEmptyDesc()));
        assertThat(result.problem()).isEmpty();
    }

    @Test
    void verifyDoesNotDropNonEmptyParameters() {
        Map<String, String> withoutDesc = workedExampleParams();
        withoutDesc.remove("Desc");
        String signedWithoutDesc = SignatureV1.sign(SignatureV1.stringToSign("POST", withoutDesc), SECRET);
        assertThat(SignatureV1.verify("POST", workedExampleParams(), SECRET, signedWithoutDesc).matched()).isFalse();
    }

    @Test
    void verifyAcceptsWorkedExample() {
        assertThat(SignatureV1.verify("POST", workedExampleParams(), SECRET, "yBu13ATnamUNyroTN5KUFoDvvOw=").matched())
                .isTrue();
    }

    @Test
    void verifyRejectsWrongSecret() {
        assertThat(SignatureV1.verify("POST", workedExampleParams(), "otherSecret", "yBu13ATnamUNyroTN5KUFoDvvOw=")
                .matched()).isFalse();
    }

    @Test
    void verifyRejectsOtherMethod() {
        assertThat(SignatureV1.verify("GET", workedExampleParams(), SECRET, "yBu13ATnamUNyroTN5KUFoDvvOw=").matched())
                .isFalse();
    }

    @Test
    void verifyRejectsMissingSignature() {
        assertThat(SignatureV1.verify("POST", workedExampleParams(), SECRET, null).matched()).isFalse();
    }
}
