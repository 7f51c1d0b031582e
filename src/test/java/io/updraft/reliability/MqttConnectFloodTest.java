package io.updraft.reliability;

import com.aliyuncs.IAcsClient;
import io.updraft.mqtt.DeviceAuthenticator;
import io.updraft.testing.LogCapture;
import io.updraft.testing.MqttDevice;
import io.updraft.testing.RawMqtt;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
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
 * A flood of hostile CONNECTs from one address — 1,000 with 64 KB client identifiers and 1,000 with wrong
 * passwords, interleaved — against a server with the default per-address limit (120 per minute), while a good
 * device on another address connects and reports. The good device is served; every attempt is refused (CONNACK 4
 * for the fields the broker checked, the limit's code for the rest, which engages); nothing throws, so no stack
 * trace is logged; and the whole flood writes less log than one of its identifiers (measured with the production
 * log pattern). The attacker is 127.0.0.2, the good device 127.0.0.1: both this machine.
 */
class MqttConnectFloodTest {
    private static final int EACH = 1_000;
    /** The longest an MQTT string can be is 65,535 bytes; the identifier is the rest of a 64 KB CONNECT. */
    private static final int HUGE_IDENTIFIER = 65_000;
    private static final int CONNECTS_PER_MINUTE = 120;

    @Test
    void hugeIdentifiersAndWrongPasswordsFromOneAddressCostABoundedLogAndNotTheGoodDevicesLogin() throws Exception {
        Path dir = Path.of("target", "test-data", "mqtt-flood-" + UUID.randomUUID());
        TestServer server = TestServer.start(dir, TestServer.bootstrap(dir),
                c -> c.withMqttConnectsPerMinute(CONNECTS_PER_MINUTE));
        ExecutorService attackers = Executors.newFixedThreadPool(8);
        InetAddress attacker = InetAddress.getByName("127.0.0.2");
        try {
            IAcsClient core = Sdk.core(server, TestServer.ACME);
            String productKey = MqttDevice.newProduct(core);
            MqttDevice victim = MqttDevice.register(core, productKey, "victim");
            MqttDevice good = MqttDevice.register(core, productKey, "good");
            String huge = "x".repeat(HUGE_IDENTIFIER - 40) + "|securemode=3,signmethod=hmacsha1|";
            assertThat(huge.length()).isGreaterThan(DeviceAuthenticator.MAX_CLIENT_IDENTIFIER_BYTES);

            Map<Integer, Integer> connacks = new ConcurrentHashMap<>();
            List<Future<?>> flood = new ArrayList<>();
            try (LogCapture log = LogCapture.start()) {
                for (int i = 0; i < 2 * EACH; i++) {
                    String identifier = i % 2 == 0 ? huge
                            : victim.clientIdentifier("flood" + i, "hmacsha1", "1700000000000");
                    flood.add(attackers.submit(() -> connacks.merge(RawMqtt.connack(attacker, server.mqttPort(),
                            identifier, victim.userName(), "0".repeat(40)), 1, Integer::sum)));
                }
                Thread.sleep(200); // the flood is under way
                MqttClient client = good.connect(server, "good-1");
                client.publish("/ota/device/inform/" + productKey + "/good",
                        "{\"id\":1,\"params\":{\"version\":\"6.4.0\"}}".getBytes(StandardCharsets.UTF_8), 1, false);
                client.disconnect();
                client.close();
                for (Future<?> f : flood) {
                    f.get(120, TimeUnit.SECONDS);
                }
                long logged = log.size();
                String text = log.text();

                assertThat(good.reportedVersions(core)).containsExactly("6.4.0");
                assertThat(connacks.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2 * EACH);
                assertThat(connacks).doesNotContainKeys(0, RawMqtt.CLOSED);
                int limited = 2 * EACH - connacks.getOrDefault(4, 0);
                assertThat(connacks.get(4)).as("checked and refused: bad user name or password")
                        .isGreaterThanOrEqualTo(CONNECTS_PER_MINUTE / 2);
                assertThat(limited).as("refused by the per-address limit").isGreaterThan(EACH);
                assertThat(text).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
                assertThat(text).doesNotContain("x".repeat(100));
                assertThat(logged).as("log bytes for the whole flood").isLessThan(HUGE_IDENTIFIER);
                Figures.report("mqtt-connect-flood", "%d CONNECTs from one address (%d with %d-byte identifiers, %d "
                                + "with wrong passwords): CONNACKs %s, %d refused by the per-address limit (%d/min); "
                                + "the good device connected and reported; %d bytes logged in all (%d lines)",
                        2 * EACH, EACH, HUGE_IDENTIFIER, EACH, connacks, limited, CONNECTS_PER_MINUTE, logged,
                        text.lines().count());
            }
        } finally {
            attackers.shutdownNow();
            server.close();
        }
    }
}
