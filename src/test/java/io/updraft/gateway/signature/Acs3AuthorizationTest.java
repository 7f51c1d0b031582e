package io.updraft.gateway.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Acs3AuthorizationTest {

    private static final String SIGNATURE = "5d147ee69ee115b68f96c501b0a77aa0e884749c864493ece342d876b551ef55";

    @Test
    void parsesTeaFieldOrder() {
        Acs3Authorization auth = Acs3Authorization.parse("ACS3-HMAC-SHA256 Credential=testAccessKeyId,"
                + "SignedHeaders=host;x-acs-action;x-acs-content-sha256,Signature=" + SIGNATURE);
        assertThat(auth.accessKeyId()).isEqualTo("testAccessKeyId");
        assertThat(auth.signedHeaders()).containsExactly("host", "x-acs-action", "x-acs-content-sha256");
        assertThat(auth.signature()).isEqualTo(SIGNATURE);
    }

    @Test
    void parsesCoreFieldOrderWithSignatureBeforeSignedHeaders() {
        Acs3Authorization auth = Acs3Authorization.parse("ACS3-HMAC-SHA256 Credential=testAccessKeyId,Signature="
                + SIGNATURE + ",SignedHeaders=content-type;x-acs-action");
        assertThat(auth.signedHeaders()).containsExactly("content-type", "x-acs-action");
        assertThat(auth.signature()).isEqualTo(SIGNATURE);
    }

    @Test
    void toleratesSpacesAroundFields() {
        Acs3Authorization auth = Acs3Authorization.parse(
                "ACS3-HMAC-SHA256 Signature=abc, SignedHeaders=host , Credential = ak");
        assertThat(auth.accessKeyId()).isEqualTo("ak");
        assertThat(auth.signedHeaders()).containsExactly("host");
        assertThat(auth.signature()).isEqualTo("abc");
    }

    @Test
    void lowercasesSignedHeaderNamesKeepingTheirOrder() {
        Acs3Authorization auth = Acs3Authorization.parse(
                "ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=X-Acs-Date;Host,Signature=abc");
        assertThat(auth.signedHeaders()).containsExactly("x-acs-date", "host");
        assertThat(auth.signedHeadersString()).isEqualTo("x-acs-date;host");
    }

    @Test
    void recognisesV3SchemeOnlyWithTheAlgorithmToken() {
        assertThat(Acs3Authorization.isAcs3("ACS3-HMAC-SHA256 Credential=a,SignedHeaders=h,Signature=s")).isTrue();
        assertThat(Acs3Authorization.isAcs3("Bearer xyz")).isFalse();
        assertThat(Acs3Authorization.isAcs3(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "ACS3-HMAC-SHA256",
            "Bearer Credential=ak,SignedHeaders=host,Signature=abc",
            "ACS3-HMAC-SHA1 Credential=ak,SignedHeaders=host,Signature=abc",
            "ACS3-HMAC-SHA256 SignedHeaders=host,Signature=abc",
            "ACS3-HMAC-SHA256 Credential=ak,Signature=abc",
            "ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host",
            "ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host,Signature=",
            "ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host,Signature=abc,Signature=def",
            "ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host,Signature=abc,Extra=1",
            "ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host,Signature=abc,",
            "ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host;;x-acs-date,Signature=abc",
            "ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host;Host,Signature=abc",
            "ACS3-HMAC-SHA256 Credential=ak SignedHeaders=host Signature=abc",
    })
    void rejectsMalformedHeader(String header) {
        assertThatThrownBy(() -> Acs3Authorization.parse(header))
                .isInstanceOf(MalformedAuthorizationException.class)
                .hasMessageContaining("Authorization");
    }

    @Test
    void rejectsNullHeader() {
        assertThatThrownBy(() -> Acs3Authorization.parse(null)).isInstanceOf(MalformedAuthorizationException.class);
    }
}
