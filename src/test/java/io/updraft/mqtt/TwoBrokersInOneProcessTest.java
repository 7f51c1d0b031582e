package io.updraft.mqtt;

import com.aliyuncs.IAcsClient;
import io.updraft.testing.Batches;
import io.updraft.testing.MqttDevice;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import io.updraft.testing.UpgradingDevice;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HiveMQ's extension services are static and point at the broker that started last. A server must push, reply and
 * disconnect through its own broker even after another server started (and stopped) in the same process.
 */
class TwoBrokersInOneProcessTest {
    @Test
    void aServerPushesThroughItsOwnBrokerAfterAnotherServerStartedInTheProcess() throws Exception {
        TestServer shared = TestServer.shared();
        IAcsClient core = Sdk.core(shared, TestServer.ACME);
        String productKey = MqttDevice.newProduct(core);
        Path dir = Path.of("target", "test-data", "second-broker-" + UUID.randomUUID());
        TestServer other = TestServer.start(dir, TestServer.bootstrap(dir));
        assertThat(other.mqttPort()).isNotEqualTo(shared.mqttPort());
        other.close();
        try (UpgradingDevice device = UpgradingDevice.connect(shared, MqttDevice.register(core, productKey, "own-1"))) {
            device.reportVersion("1.0.0");
            String firmwareId = Batches.newPackage(core, productKey, new byte[2048], "2.0.0", "MD5");
            String jobId = Batches.staticJob(core, productKey, firmwareId, List.of("own-1"), r -> { });
            device.upgrade(device.awaitPush().path("data"));
            Batches.awaitTask(core, jobId, "own-1", "SUCCEEDED");
            assertThat(device.pull(null).path("data").isEmpty()).as("a reply: nothing pending").isTrue();
        }
    }
}
