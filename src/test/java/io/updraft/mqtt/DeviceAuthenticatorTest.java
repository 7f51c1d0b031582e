package io.updraft.mqtt;

import io.updraft.device.Device;
import io.updraft.device.DeviceRef;
import io.updraft.device.DeviceRepository;
import io.updraft.device.DeviceService;
import io.updraft.product.NewProduct;
import io.updraft.product.ProductRepository;
import io.updraft.product.ProductService;
import io.updraft.store.Database;
import io.updraft.store.SecretCipher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Authentication against stored devices, including the cases no API can produce yet (a disabled device). */
class DeviceAuthenticatorTest {
    private Database database;
    private DeviceService devices;
    private DeviceAuthenticator authenticator;
    private Device device;

    @BeforeEach
    void setUp() {
        database = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2);
        database.jdbi().useHandle(h -> h.execute("INSERT INTO account (id, name, created_at) VALUES ('1', 'a', 0)"));
        SecretCipher cipher = new SecretCipher(new byte[32]);
        ProductRepository products = new ProductRepository(database.jdbi(), cipher);
        String productKey = new ProductService(products).create("1", "", new NewProduct("auth_test", 0, null, null,
                null, null, null, null, null, null, false)).productKey();
        devices = new DeviceService(products, new DeviceRepository(database.jdbi(), cipher));
        device = devices.register("1", "", productKey, "light1983432", null);
        authenticator = new DeviceAuthenticator(devices, new io.updraft.metrics.UpdraftMetrics());
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private DeviceAuthenticator.Outcome connect(String secret, int keepAlive) {
        DeviceLogin login = DeviceLogin.parse("SN1928339|securemode=3,signmethod=hmacsha1,timestamp=1539421321846|",
                device.name() + "&" + device.productKey()).orElseThrow();
        String password = SignMethod.HMACSHA1.sign(secret, login.signContent());
        return authenticator.authenticate("SN1928339|securemode=3,signmethod=hmacsha1,timestamp=1539421321846|",
                device.name() + "&" + device.productKey(), password.getBytes(StandardCharsets.UTF_8), keepAlive, false);
    }

    @Test
    void acceptsTheDeviceSigningWithItsSecret() {
        assertThat(connect(device.secret(), 300).device().id()).isEqualTo(device.id());
    }

    @Test
    void acceptsAnUpperCaseHexPassword() {
        DeviceLogin login = DeviceLogin.parse("c|securemode=3|", device.name() + "&" + device.productKey()).orElseThrow();
        String password = SignMethod.HMACMD5.sign(device.secret(), login.signContent()).toUpperCase();
        assertThat(authenticator.authenticate("c|securemode=3|", device.name() + "&" + device.productKey(),
                password.getBytes(StandardCharsets.UTF_8), 60, false).accepted()).isTrue();
    }

    @Test
    void refusesAnotherSecret() {
        assertThat(connect("oLyaKqVxtRvjH284LdhqVgVUx1UPy6zq", 300).refusal())
                .isEqualTo(DeviceAuthenticator.Refusal.WRONG_PASSWORD);
    }

    @Test
    void refusesADisabledDevice() {
        devices.setDisabled("1", "", new DeviceRef(device.iotId(), null, null), true);
        assertThat(connect(device.secret(), 300).refusal()).isEqualTo(DeviceAuthenticator.Refusal.DEVICE_DISABLED);
    }

    @Test
    void refusesAKeepAliveOutsideThirtyToTwelveHundred() {
        assertThat(connect(device.secret(), 29).refusal()).isEqualTo(DeviceAuthenticator.Refusal.KEEP_ALIVE_OUT_OF_RANGE);
        assertThat(connect(device.secret(), 1201).refusal()).isEqualTo(DeviceAuthenticator.Refusal.KEEP_ALIVE_OUT_OF_RANGE);
        assertThat(connect(device.secret(), 30).accepted()).isTrue();
        assertThat(connect(device.secret(), 1200).accepted()).isTrue();
    }

    @Test
    void refusesAConnectWithoutPassword() {
        assertThat(authenticator.authenticate("c|securemode=3|", device.name() + "&" + device.productKey(), null, 60,
                false).refusal()).isEqualTo(DeviceAuthenticator.Refusal.MALFORMED_LOGIN);
    }

    @Test
    void acceptsSecureModeTwoOverTlsOnly() {
        String clientIdentifier = "c|securemode=2,signmethod=hmacsha256|";
        DeviceLogin login = DeviceLogin.parse(clientIdentifier, device.name() + "&" + device.productKey()).orElseThrow();
        byte[] password = SignMethod.HMACSHA256.sign(device.secret(), login.signContent()).getBytes(StandardCharsets.UTF_8);
        String userName = device.name() + "&" + device.productKey();
        assertThat(authenticator.authenticate(clientIdentifier, userName, password, 60, true).accepted()).isTrue();
        assertThat(authenticator.authenticate(clientIdentifier, userName, password, 60, false).refusal())
                .isEqualTo(DeviceAuthenticator.Refusal.SECURE_MODE_MISMATCH);
    }

    @Test
    void refusesSecureModeThreeOverTls() {
        DeviceLogin login = DeviceLogin.parse("c|securemode=3|", device.name() + "&" + device.productKey()).orElseThrow();
        byte[] password = SignMethod.HMACMD5.sign(device.secret(), login.signContent()).getBytes(StandardCharsets.UTF_8);
        assertThat(authenticator.authenticate("c|securemode=3|", device.name() + "&" + device.productKey(), password,
                60, true).refusal()).isEqualTo(DeviceAuthenticator.Refusal.SECURE_MODE_MISMATCH);
    }

    @Test
    void refusesFieldsOverTheirBoundsBeforeParsingThem() {
        String userName = device.name() + "&" + device.productKey();
        byte[] password = "0".repeat(40).getBytes(StandardCharsets.UTF_8);
        String longId = "x".repeat(DeviceAuthenticator.MAX_CLIENT_IDENTIFIER_BYTES) + "|securemode=3|";
        assertThat(authenticator.authenticate(longId, userName, password, 60, false).refusal())
                .isEqualTo(DeviceAuthenticator.Refusal.OVERSIZED_LOGIN);
        assertThat(authenticator.authenticate("c|securemode=3|", "u".repeat(257), password, 60, false).refusal())
                .isEqualTo(DeviceAuthenticator.Refusal.OVERSIZED_LOGIN);
        assertThat(authenticator.authenticate("c|securemode=3|", userName, new byte[257], 60, false).refusal())
                .isEqualTo(DeviceAuthenticator.Refusal.OVERSIZED_LOGIN);
        // 86 three-byte characters: 258 bytes in UTF-8, though only 86 in Java's count
        assertThat(DeviceAuthenticator.withinBounds("\u4e2d".repeat(86), userName, password)).isFalse();
        assertThat(DeviceAuthenticator.withinBounds("\u4e2d".repeat(85), userName, password)).isTrue();
    }
}
