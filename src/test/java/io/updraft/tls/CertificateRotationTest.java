package io.updraft.tls;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.QueryProductRequest;
import io.updraft.config.TlsSettings;
import io.updraft.testing.MqttDevice;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import io.updraft.testing.TestTls;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bring-your-own certificates ({@code --tls-cert}, {@code --tls-key}) are replaced while the server runs: a device
 * stays connected over MQTT TLS, an SDK keeps calling over HTTPS, and an HTTPS connection stays open across the
 * swap. New connections on both ports get the new certificate; none of the open ones is dropped.
 */
class CertificateRotationTest {
    private static final List<String> HOSTS = List.of("127.0.0.1", "localhost");

    @Test
    void replacedFilesServeNewConnectionsWhileOpenOnesStay() throws Exception {
        Path dir = Path.of("target", "test-data", "tls-rotation-" + UUID.randomUUID()).toAbsolutePath();
        LocalCertificateAuthority issuer = new LocalCertificateAuthority(dir.resolve("issuer"), Clock.systemUTC());
        issuer.ensure(HOSTS);
        Path ca = issuer.caCertificateFile();
        Path served = Files.createDirectories(dir.resolve("served"));
        Path cert = served.resolve("server.pem");
        Path key = served.resolve("server.key");
        Files.copy(issuer.certificateFile(), cert);
        Files.copy(issuer.keyFile(), key);
        BigInteger first = serial(cert);

        TestServer server = TestServer.start(dir, TestServer.bootstrap(dir), c -> c.withTls(TlsSettings.files(cert, key)
                .withPorts(0, 0).withReloadInterval(Duration.ofMillis(200))));
        ExecutorService caller = Executors.newSingleThreadExecutor();
        AtomicBoolean calling = new AtomicBoolean(true);
        try {
            IAcsClient sdk = Sdk.coreHttps(server, TestServer.ACME, ca);
            String productKey = MqttDevice.newProduct(sdk);
            MqttDevice device = MqttDevice.register(sdk, productKey, "rotating");
            MqttClient mqtt = device.connect(server.mqttsUri(), 2, "sn-rot",
                    TestTls.sslContext(ca).getSocketFactory());
            AtomicReference<Throwable> lost = new AtomicReference<>();
            mqtt.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    lost.set(cause);
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            SSLSocket openHttps = (SSLSocket) TestTls.sslContext(ca).getSocketFactory()
                    .createSocket("127.0.0.1", server.httpsPort());
            openHttps.setSoTimeout(10_000);
            assertThat(health(openHttps)).isEqualTo("HTTP/1.1 200 OK");
            assertThat(TestTls.servedSerial(ca, server.httpsPort())).isEqualTo(first);
            assertThat(TestTls.servedSerial(ca, server.mqttsPort())).isEqualTo(first);

            AtomicInteger calls = new AtomicInteger();
            QueryProductRequest query = new QueryProductRequest();
            query.setProductKey(productKey);
            Future<?> sdkLoop = caller.submit(() -> {
                while (calling.get()) {
                    sdk.getAcsResponse(query); // any failure ends the loop and fails get() below
                    calls.incrementAndGet();
                }
                return null;
            });

            Files.delete(issuer.certificateFile());
            assertThat(issuer.ensure(HOSTS)).isTrue();
            BigInteger second = serial(issuer.certificateFile());
            assertThat(second).isNotEqualTo(first);
            // as an operator's deploy step would: each file replaced whole (the pair is briefly mismatched)
            replace(issuer.keyFile(), key);
            replace(issuer.certificateFile(), cert);

            awaitServed(() -> TestTls.servedSerial(ca, server.httpsPort()), second, "HTTPS");
            assertThat(health(openHttps)).as("the HTTPS connection opened before the swap").isEqualTo("HTTP/1.1 200 OK");
            assertThat(((X509Certificate) openHttps.getSession().getPeerCertificates()[0]).getSerialNumber())
                    .isEqualTo(first);
            // HiveMQ notices a changed key store within 10 s
            awaitServed(() -> TestTls.servedSerial(ca, server.mqttsPort()), second, "MQTT over TLS");

            mqtt.publish("/ota/device/inform/" + productKey + "/rotating",
                    "{\"id\":\"1\",\"params\":{\"version\":\"4.0.0\"}}".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(lost.get()).as("the device's connection was dropped").isNull();
            assertThat(mqtt.isConnected()).isTrue();
            int before = calls.get();
            awaitCalls(calls, before + 3);
            calling.set(false);
            sdkLoop.get(30, TimeUnit.SECONDS);
            assertThat(calls.get()).isGreaterThan(before);
            openHttps.close();
            mqtt.disconnect();
            mqtt.close();
        } finally {
            calling.set(false);
            caller.shutdownNow();
            server.close();
        }
    }

    private static BigInteger serial(Path pem) {
        return PemFiles.certificates(pem).get(0).getSerialNumber();
    }

    private static void replace(Path source, Path target) throws IOException {
        Path staged = target.resolveSibling(target.getFileName() + ".new");
        Files.copy(source, staged, StandardCopyOption.REPLACE_EXISTING);
        Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Polls fresh handshakes until the port serves {@code expected}; fails after 60 s. */
    private static void awaitServed(Supplier<BigInteger> served, BigInteger expected, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        BigInteger now = served.get();
        while (!now.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            now = served.get();
        }
        assertThat(now).as(what + " serves the new certificate to new connections").isEqualTo(expected);
    }

    private static void awaitCalls(AtomicInteger calls, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (calls.get() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** A keep-alive HTTP/1.1 GET /health on the open socket; its status line. */
    private static String health(SSLSocket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        String status = in.readLine();
        int length = 0;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        for (int i = 0; i < length; i++) {
            in.read();
        }
        return status;
    }
}
