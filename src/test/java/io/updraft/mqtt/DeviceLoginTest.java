package io.updraft.mqtt;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The CONNECT fields of an Alibaba device, and the ota-api.md §F.0 test vector. */
class DeviceLoginTest {

    @Test
    void signsTheDocumentedTestVector() {
        DeviceLogin login = DeviceLogin.parse("SN1928339|securemode=3,signmethod=hmacsha1,timestamp=1539421321846|",
                "light1983432&a14Xib5kdYd").orElseThrow();
        assertThat(login.signContent())
                .isEqualTo("clientIdSN1928339deviceNamelight1983432productKeya14Xib5kdYdtimestamp1539421321846");
        assertThat(login.signMethod().sign("oLyaKqVxtRvjH284LdhqVgVUx1UPy6zq", login.signContent()))
                .isEqualTo("b2488041f64f425016b467ee1c94959ebd592ad1");
    }

    @Test
    void leavesTheTimestampOutOfTheContentWhenAbsent() {
        DeviceLogin login = DeviceLogin.parse("dev1|securemode=2,signmethod=hmacsha256|", "dn&pk").orElseThrow();
        assertThat(login.timestamp()).isNull();
        assertThat(login.signContent()).isEqualTo("clientIddev1deviceNamednproductKeypk");
        assertThat(login.signMethod()).isEqualTo(SignMethod.HMACSHA256);
    }

    @Test
    void signMethodDefaultsToHmacMd5() {
        assertThat(DeviceLogin.parse("dev1|securemode=3|", "dn&pk").orElseThrow().signMethod())
                .isEqualTo(SignMethod.HMACMD5);
    }

    @Test
    void acceptsLinkSdkExtraParametersAndTrailingComma() {
        assertThat(DeviceLogin.parse("pk.dn|timestamp=2524608000000,_ss=1,_v=sdk-c-4.1.0,securemode=2,"
                + "signmethod=hmacsha256,ext=3,|", "dn&pk")).isPresent();
    }

    @Test
    void refusesMalformedIdentifiers() {
        assertThat(DeviceLogin.parse("dev1", "dn&pk")).as("no parameters").isEmpty();
        assertThat(DeviceLogin.parse("dev1|signmethod=hmacsha1|", "dn&pk")).as("no securemode").isEmpty();
        assertThat(DeviceLogin.parse("dev1|securemode=1|", "dn&pk")).as("securemode 1").isEmpty();
        assertThat(DeviceLogin.parse("dev1|securemode=3,signmethod=sha512|", "dn&pk")).as("sign method").isEmpty();
        assertThat(DeviceLogin.parse("dev1|securemode=3,timestamp=soon|", "dn&pk")).as("timestamp").isEmpty();
        assertThat(DeviceLogin.parse("x".repeat(65) + "|securemode=3|", "dn&pk")).as("clientId > 64").isEmpty();
        assertThat(DeviceLogin.parse("dev1|securemode=3|", "dnpk")).as("user name").isEmpty();
        assertThat(DeviceLogin.parse("dev1|securemode=3|", null)).as("no user name").isEmpty();
    }
}
