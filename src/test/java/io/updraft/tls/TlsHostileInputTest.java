package io.updraft.tls;

import com.aliyuncs.IAcsClient;
import io.updraft.config.HttpLimits;
import io.updraft.config.TlsSettings;
import io.updraft.testing.LogCapture;
import io.updraft.testing.MqttDevice;
import io.updraft.testing.RawMqtt;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import io.updraft.testing.TestTls;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TLS ports as an attacker probes them. A client that opens a connection and never finishes its handshake is
 * closed: on HTTPS at the request-head deadline ({@code --http-header-timeout}; the idle timeout here is far
 * longer, so it is the deadline that closes), on MQTT TLS at the broker's handshake timeout. Plain text sent to a
 * TLS port gets no answer in plain text and its connection closed, and the port goes on serving TLS clients.
 */
class TlsHostileInputTest {
    /** Longer than any deadline under test: a read still blocked then means the server kept the connection. */
    private static final int READ_LIMIT_MILLIS = 60_000;
    private static TestServer server;

    @BeforeAll
    static void startTlsServer() {
        Path dir = Path.of("target", "test-data", "tls-hostile-" + UUID.randomUUID());
        server = TestServer.start(dir, TestServer.bootstrap(dir), c -> c
                .withTls(TlsSettings.auto(List.of()).withPorts(0, 0))
                .withHttpLimits(new HttpLimits(Duration.ofMinutes(10), Duration.ofSeconds(1), 1000, Duration.ofSeconds(5))));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anHttpsClientThatSendsNothingIsClosedAtTheHeaderDeadline() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.httpsPort())) {
            assertThat(readUntilClosed(socket)).isEmpty();
        }
    }

    @Test
    void anHttpsClientThatStopsInsideItsClientHelloIsClosedAtTheHeaderDeadline() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.httpsPort())) {
            // a TLS handshake record header announcing 512 bytes, then silence
            socket.getOutputStream().write(new byte[]{0x16, 0x03, 0x01, 0x02, 0x00, 0x01});
            socket.getOutputStream().flush();
            assertThat(readUntilClosed(socket)).isEmpty();
        }
    }

    @Test
    void anMqttTlsClientThatNeverHandshakesIsClosed() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.mqttsPort())) {
            socket.getOutputStream().write(new byte[]{0x16, 0x03, 0x01});
            socket.getOutputStream().flush();
            assertThat(readUntilClosed(socket)).isEmpty();
        }
    }

    @Test
    void plainHttpOnTheHttpsPortGetsNoHttpAnswerAndTheConnectionIsClosed() throws Exception {
        try (LogCapture log = LogCapture.start();
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.httpsPort())) {
            socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(readUntilClosed(socket), StandardCharsets.ISO_8859_1);
            assertThat(answer).doesNotContain("HTTP/1.1 200").doesNotContain("UP");
            assertThat(log.text()).as("no stack trace logged").doesNotContain("\tat ");
        }
        HttpResponse<String> health = TestTls.httpClient(server.caCertificate()).send(HttpRequest.newBuilder(
                URI.create("https://" + server.httpsEndpoint() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void aPlainMqttConnectOnTheTlsPortGetsNoConnackAndDevicesStillConnectOverTls() throws Exception {
        IAcsClient core = Sdk.core(server, TestServer.ACME);
        MqttDevice device = MqttDevice.register(core, MqttDevice.newProduct(core), "hostile-tls");
        String clientId = "sn-h";
        String identifier = device.clientIdentifier(clientId, 2, "hmacsha1", "1700000000000");
        try (LogCapture log = LogCapture.start()) {
            assertThat(RawMqtt.connack(null, server.mqttsPort(), identifier, device.userName(),
                    device.password(clientId, "hmacsha1", "1700000000000", device.deviceSecret())))
                    .isEqualTo(RawMqtt.CLOSED);
            assertThat(log.text()).as("no stack trace logged").doesNotContain("\tat ");
        }
        MqttClient client = device.connect(server.mqttsUri(), 2, clientId,
                TestTls.sslContext(server.caCertificate()).getSocketFactory());
        assertThat(client.isConnected()).isTrue();
        client.disconnect();
        client.close();
    }

    /** Everything the server sends until it closes; fails if it keeps the connection for {@link #READ_LIMIT_MILLIS}. */
    private static byte[] readUntilClosed(Socket socket) throws IOException {
        socket.setSoTimeout(READ_LIMIT_MILLIS);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open for " + READ_LIMIT_MILLIS + " ms", e);
        } catch (IOException reset) {
            // a reset is a close too
        }
        return received.toByteArray();
    }
}
