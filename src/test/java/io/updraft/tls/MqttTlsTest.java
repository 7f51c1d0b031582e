package io.updraft.tls;

import com.aliyuncs.IAcsClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.updraft.config.TlsSettings;
import io.updraft.testing.Batches;
import io.updraft.testing.MqttDevice;
import io.updraft.testing.NodeDeviceSdk;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import io.updraft.testing.TestTls;
import io.updraft.testing.UpgradingDevice;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.SocketFactory;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocketFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Devices over MQTT with TLS ({@code --mqtts-port}, a {@code tls auto} server): Paho and Alibaba's Node device SDK
 * trust the local CA the way a device build would, announce {@code securemode=2}, report versions and take an
 * upgrade (pushed over TLS, downloaded over HTTPS) as over plain TCP. {@code securemode} must match the transport: 2 only over TLS, 3 only on the plain port, else CONNACK 5 (not
 * authorized), so a device that asked for TLS is never served in the clear.
 */
class MqttTlsTest {
    private static TestServer server;
    private static IAcsClient core;
    private static String productKey;
    private static SocketFactory trustingTheCa;

    @BeforeAll
    static void startTlsServer() throws Exception {
        Path dir = Path.of("target", "test-data", "mqtt-tls-" + UUID.randomUUID());
        server = TestServer.start(dir, TestServer.bootstrap(dir),
                c -> c.withTls(TlsSettings.auto(List.of()).withPorts(0, 0)));
        core = Sdk.core(server, TestServer.ACME);
        productKey = MqttDevice.newProduct(core);
        trustingTheCa = TestTls.sslContext(server.caCertificate()).getSocketFactory();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void pahoOverTlsWithSecureMode2ConnectsAndReportsItsVersion() throws Exception {
        MqttDevice device = MqttDevice.register(core, productKey, "paho-tls");
        MqttClient client = device.connect(server.mqttsUri(), 2, "sn-tls-1", trustingTheCa);
        try {
            client.publish("/ota/device/inform/" + productKey + "/paho-tls",
                    "{\"id\":\"1\",\"params\":{\"version\":\"2.0.2\"}}".getBytes(StandardCharsets.UTF_8), 1, false);
        } finally {
            client.disconnect();
            client.close();
        }
        assertThat(device.reportedVersions(core)).containsExactly("2.0.2");
    }

    @Test
    void secureMode3OnTheTlsPortIsNotAuthorized() throws Exception {
        MqttDevice device = MqttDevice.register(core, productKey, "mode3-on-tls");
        assertThatThrownBy(() -> device.connect(server.mqttsUri(), 3, "sn-3", trustingTheCa))
                .isInstanceOfSatisfying(MqttException.class, e ->
                        assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
    }

    @Test
    void secureMode2OnThePlainPortIsNotAuthorized() throws Exception {
        MqttDevice device = MqttDevice.register(core, productKey, "mode2-on-tcp");
        assertThatThrownBy(() -> device.connect(server.mqttUri(), 2, "sn-2", SocketFactory.getDefault()))
                .isInstanceOfSatisfying(MqttException.class, e ->
                        assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
    }

    @Test
    void aDeviceThatDoesNotTrustTheCaFailsTheHandshake() throws Exception {
        MqttDevice device = MqttDevice.register(core, productKey, "untrusting");
        // the JVM's default trust store: public CAs only
        assertThatThrownBy(() -> device.connect(server.mqttsUri(), 2, "sn-u", SSLSocketFactory.getDefault()))
                .isInstanceOf(MqttException.class)
                .hasCauseInstanceOf(SSLHandshakeException.class)
                .hasStackTraceContaining("unable to find valid certification path");
    }

    @Test
    void alibabasNodeDeviceSdkConnectsOverMqttsTrustingTheCaAndReports() throws Exception {
        MqttDevice device = MqttDevice.register(core, productKey, "node-tls");
        try (NodeDeviceSdk node = NodeDeviceSdk.start("mqtts://127.0.0.1:" + server.mqttsPort(), device, "3.0.1",
                java.util.Map.of("NODE_EXTRA_CA_CERTS", server.caCertificate().toAbsolutePath().toString()))) {
            node.await("connected");
            assertThat(node.await("reported").path("version").asText()).isEqualTo("3.0.1");
        }
        assertThat(device.reportedVersions(core)).containsExactly("3.0.1");
    }

    @Test
    void alibabasNodeDeviceSdkWithoutTheCaDoesNotConnect() throws Exception {
        MqttDevice device = MqttDevice.register(core, productKey, "node-untrusting");
        try (NodeDeviceSdk node = NodeDeviceSdk.start("mqtts://127.0.0.1:" + server.mqttsPort(), device, "3.0.1",
                java.util.Map.of())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> node.await("connected"))
                    .hasMessageContainingAll("failed", "certificate");
        }
    }

    @Test
    void anUpgradeIsPushedOverTlsDownloadedOverHttpsAndItsTaskSucceeds() throws Exception {
        MqttDevice registered = MqttDevice.register(core, productKey, "upgrading-tls");
        try (UpgradingDevice device = UpgradingDevice.connectOverTls(server, registered, server.caCertificate())) {
            device.reportVersion("1.0.0");
            byte[] content = new byte[30_000];
            new java.util.Random(30).nextBytes(content);
            String firmwareId = Batches.newPackage(core, productKey, content, "1.1.0", "MD5",
                    TestTls.httpClient(server.caCertificate()), r -> { });
            String jobId = Batches.staticJob(core, productKey, firmwareId, List.of("upgrading-tls"), r -> { });
            JsonNode data = device.awaitPush().path("data");
            assertThat(data.path("url").asText()).startsWith("https://127.0.0.1:" + server.httpsPort() + "/ota-files/");
            assertThat(device.upgrade(data)).isEqualTo(content);
            assertThat(Batches.awaitTask(core, jobId, "upgrading-tls", "SUCCEEDED").getDestVersion()).isEqualTo("1.1.0");
        }
    }
}
