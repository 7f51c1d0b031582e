package io.updraft.reliability;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.ListOTAModuleVersionsByDeviceRequest;
import com.aliyuncs.iot.model.v20180120.ListOTAModuleVersionsByDeviceResponse;
import io.updraft.testing.MqttDevice;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
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
                storm.add(attackers.submit(() -> connacks.merge(connack(server, victim.clientIdentifier(clientId,
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
            ListOTAModuleVersionsByDeviceRequest versions = new ListOTAModuleVersionsByDeviceRequest();
            versions.setProductKey(productKey);
            versions.setDeviceName("good");
            versions.setCurrentPage(1);
            versions.setPageSize(10);
            ListOTAModuleVersionsByDeviceResponse listed = core.getAcsResponse(versions);
            assertThat(listed.getData()).extracting(ListOTAModuleVersionsByDeviceResponse.SimpleOTAModuleInfo::getModuleVersion)
                    .containsExactly("3.1.4");
            Figures.report("mqtt-connect-storm", "%d CONNECTs with a wrong password from 16 threads refused (CONNACK 4) "
                            + "in %d ms: %.0f refusals/s; a good device meanwhile connected in %d ms and its version "
                            + "report was acknowledged at %d ms",
                    STORM, stormMillis, STORM * 1000.0 / stormMillis, goodConnectedMillis, goodReportedMillis);
        } finally {
            attackers.shutdownNow();
            server.close();
        }
    }

    /** Sends an MQTT 3.1.1 CONNECT on a fresh socket; the CONNACK return code, or -1 if the broker just closed. */
    private static int connack(TestServer server, String clientId, String userName, String password) {
        try (Socket socket = new Socket("127.0.0.1", server.mqttPort())) {
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream variable = new ByteArrayOutputStream();
            writeString(variable, "MQTT");
            variable.write(4);          // protocol level 3.1.1
            variable.write(0xC2);       // user name, password, clean session
            variable.write(0);
            variable.write(60);         // keep alive 60 s
            writeString(variable, clientId);
            writeString(variable, userName);
            writeString(variable, password);
            byte[] rest = variable.toByteArray();
            ByteArrayOutputStream packet = new ByteArrayOutputStream();
            packet.write(0x10);
            int length = rest.length;
            do {
                int digit = length % 128;
                length /= 128;
                packet.write(length > 0 ? digit | 0x80 : digit);
            } while (length > 0);
            packet.write(rest);
            socket.getOutputStream().write(packet.toByteArray());
            socket.getOutputStream().flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int type = in.read();
            if (type != 0x20) {
                return -1;
            }
            in.readUnsignedByte(); // remaining length 2
            in.readUnsignedByte(); // session present
            return in.readUnsignedByte();
        } catch (IOException e) {
            return -1;
        }
    }

    private static void writeString(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }
}
