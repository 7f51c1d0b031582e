package io.updraft.tls;

import com.aliyuncs.IAcsClient;
import io.updraft.config.TlsSettings;
import io.updraft.testing.LogCapture;
import io.updraft.testing.MqttDevice;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import io.updraft.testing.TestTls;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code --tls-legacy-device-ciphers}: a client that speaks only what Alibaba's C device SDK 3.x speaks (TLS 1.2,
 * {@code AES256-SHA256} = TLS_RSA_WITH_AES_256_CBC_SHA256, no ECDHE, no GCM) gets through on MQTT TLS and HTTPS
 * (the download host) only when the option is on; the start log says it is on; clients that offer modern suites
 * still get a modern one.
 */
class LegacyDeviceCiphersTest {
    private static final List<String> TLS12 = List.of("TLSv1.2");
    private static final List<String> AES256_SHA256 = List.of("TLS_RSA_WITH_AES_256_CBC_SHA256");
    private static TestServer legacyOn;
    private static TestServer legacyOff;
    private static String startLog;

    @BeforeAll
    static void startBoth() {
        Path on = Path.of("target", "test-data", "legacy-on-" + UUID.randomUUID());
        try (LogCapture log = LogCapture.start()) {
            legacyOn = TestServer.start(on, TestServer.bootstrap(on),
                    c -> c.withTls(TlsSettings.auto(List.of()).withPorts(0, 0).withLegacyDeviceCiphers(true)));
            startLog = log.text();
        }
        Path off = Path.of("target", "test-data", "legacy-off-" + UUID.randomUUID());
        legacyOff = TestServer.start(off, TestServer.bootstrap(off),
                c -> c.withTls(TlsSettings.auto(List.of()).withPorts(0, 0)));
    }

    @AfterAll
    static void stop() {
        legacyOn.close();
        legacyOff.close();
    }

    private static SSLSocketFactory cDeviceSdk(TestServer server) {
        return TestTls.restricted(server.caCertificate(), TLS12, AES256_SHA256);
    }

    @Test
    void withTheOptionOnADeviceLimitedToAes256Sha256ConnectsOverMqttTlsAndReachesHttps() throws Exception {
        IAcsClient core = Sdk.core(legacyOn, TestServer.ACME);
        MqttDevice device = MqttDevice.register(core, MqttDevice.newProduct(core), "c-sdk-3");
        MqttClient client = device.connect(legacyOn.mqttsUri(), 2, "sn-c3", cDeviceSdk(legacyOn));
        assertThat(client.isConnected()).isTrue();
        client.disconnect();
        client.close();
        assertThat(negotiated(cDeviceSdk(legacyOn), legacyOn.httpsPort()))
                .isEqualTo("TLS_RSA_WITH_AES_256_CBC_SHA256");
    }

    @Test
    void withTheOptionOnModernClientsStillGetAModernSuite() throws Exception {
        SSLSocketFactory modern = TestTls.sslContext(legacyOn.caCertificate()).getSocketFactory();
        assertThat(negotiated(modern, legacyOn.mqttsPort())).isIn(CipherSuites.MODERN);
        SSLSocketFactory modernTls12 = TestTls.restricted(legacyOn.caCertificate(), TLS12,
                List.of("TLS_RSA_WITH_AES_256_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"));
        assertThat(negotiated(modernTls12, legacyOn.httpsPort())).isEqualTo("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
    }

    @Test
    void theStartLogSaysTheLegacySuitesAreOn() {
        assertThat(startLog).contains("TLS_RSA_WITH_AES_256_CBC_SHA256").contains("are ON");
    }

    @Test
    void withTheOptionOffTheSameDeviceIsRefusedTheHandshakeOnBothPorts() throws Exception {
        IAcsClient core = Sdk.core(legacyOff, TestServer.ACME);
        MqttDevice device = MqttDevice.register(core, MqttDevice.newProduct(core), "c-sdk-3");
        assertThatThrownBy(() -> device.connect(legacyOff.mqttsUri(), 2, "sn-c3", cDeviceSdk(legacyOff)))
                .isInstanceOf(MqttException.class).hasCauseInstanceOf(SSLHandshakeException.class);
        assertThatThrownBy(() -> negotiated(cDeviceSdk(legacyOff), legacyOff.httpsPort()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    private static String negotiated(SSLSocketFactory factory, int port) throws IOException {
        try (SSLSocket socket = (SSLSocket) factory.createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return socket.getSession().getCipherSuite();
        }
    }
}
