package io.updraft.reliability;

import com.aliyuncs.IAcsClient;
import io.updraft.testing.MqttDevice;
import io.updraft.testing.RawMqtt;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A storm of CONNECTs with wrong passwords (for a real device: the expensive case, a store read and a signature
 * check each) is refused with CONNACK 4 (bad user name or password), connection by connection, and does not stop
 * a good device from connecting and reporting its version meanwhile. Raw sockets, so the storm is as fast as the
 * broker allows. The broker's refusals do not depend on the store: H2 only (see the pom).
 */
class MqttConnectStormTest {
    private static final int STORM = 500;

    @Test
    void aStormOfBadPasswordsIsRefusedWhileAGoodDeviceConnectsAndReports() throws Exception {
        Path dir = Path.of("target", "test-data", "mqtt-storm-" + UUID.randomUUID());
        TestServer server = TestServer.start(dir, TestServer.bootstrap(dir));
        ExecutorService attackers = Executors.newFixedThreadPool(16);
        try {
            IAcsClient core = Sdk.core(server, TestServer.ACME);
            String productKey = MqttDevice.newProduct(core);
            MqttDevice victim = MqttDevice.register(core, productKey, "victim");
            MqttDevice good = MqttDevice.register(core, productKey, "good");

            Map<Integer, Integer> connacks = new ConcurrentHashMap<>();
            long started = System.nanoTime();
            List<Future<?>> storm = new ArrayList<>();
            for (int i = 0; i < STORM; i++) {
                String clientId = "storm" + i;
                storm.add(attackers.submit(() -> connacks.merge(RawMqtt.connack(null, server.mqttPort(), victim.clientIdentifier(clientId,
                        "hmacsha1", "1700000000000"), victim.userName(), "0".repeat(40)), 1, Integer::sum)));
            }
            Thread.sleep(200); // the storm is under way
            long goodStarted = System.nanoTime();
            MqttClient client = good.connect(server, "good-1");
            long goodConnectedMillis = (System.nanoTime() - goodStarted) / 1_000_000;
            client.publish("/ota/device/inform/" + productKey + "/good",
                    "{\"id\":1,\"params\":{\"version\":\"3.1.4\"}}".getBytes(StandardCharsets.UTF_8), 1, false);
            long goodReportedMillis = (System.nanoTime() - goodStarted) / 1_000_000;
            for (Future<?> f : storm) {
                f.get(60, TimeUnit.SECONDS);
            }
            long stormMillis = (System.nanoTime() - started) / 1_000_000;
            client.disconnect();
            client.close();

            assertThat(connacks).containsOnlyKeys(4).containsEntry(4, STORM);
            assertThat(good.reportedVersions(core)).containsExactly("3.1.4");
            Figures.report("mqtt-connect-storm", "%d CONNECTs with a wrong password from 16 threads refused (CONNACK 4) "
                            + "in %d ms: %.0f refusals/s; a good device meanwhile connected in %d ms and its version "
                            + "report was acknowledged at %d ms",
                    STORM, stormMillis, STORM * 1000.0 / stormMillis, goodConnectedMillis, goodReportedMillis);
        } finally {
            attackers.shutdownNow();
            server.close();
        }
    }
}
