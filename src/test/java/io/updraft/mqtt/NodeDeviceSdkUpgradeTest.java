package io.updraft.mqtt;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.ListOTATaskByJobResponse;
import com.aliyuncs.iot.model.v20180120.QueryDeviceDetailRequest;
import com.fasterxml.jackson.databind.JsonNode;
import io.updraft.testing.Batches;
import io.updraft.testing.MqttDevice;
import io.updraft.testing.NodeDeviceSdk;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One whole upgrade of a device built on Alibaba's own Node device SDK ({@code alibabacloud-iot-device-sdk}, see
 * {@link NodeDeviceSdk}): it connects with its certificate over plain TCP, reports its version, receives the push of
 * a static batch created through the core SDK, downloads the file from the push's URL, checks its md5 and sign,
 * reports progress and its new version; the task is read back through the SDK.
 */
class NodeDeviceSdkUpgradeTest {
    private final TestServer server = TestServer.shared();
    private final IAcsClient core = Sdk.core(server, TestServer.ACME);

    @Test
    void aDeviceOnAlibabasNodeSdkIsPushedDownloadsReportsProgressAndItsNewVersionAndItsTaskSucceeds()
            throws Exception {
        String productKey = MqttDevice.newProduct(core);
        MqttDevice registered = MqttDevice.register(core, productKey, "node-sdk-1");
        byte[] content = new byte[40_000];
        new Random(11).nextBytes(content);
        String firmwareId = Batches.newPackage(core, productKey, content, "2.0.0", "MD5");

        try (NodeDeviceSdk device = NodeDeviceSdk.start(server, registered, "1.0.0")) {
            assertThat(device.await("subscribed").path("granted").path(0).asInt()).isEqualTo(1);
            assertThat(device.await("reported").path("version").asText()).isEqualTo("1.0.0");
            assertThat(firmwareVersion(registered)).isEqualTo("1.0.0");

            String jobId = Batches.staticJob(core, productKey, firmwareId, List.of("node-sdk-1"), r -> { });

            JsonNode push = device.await("push").path("push");
            assertThat(push.path("message").asText()).isEqualTo("success");
            assertThat(push.path("data").path("version").asText()).isEqualTo("2.0.0");
            assertThat(device.await("downloaded").path("md5").asText()).isEqualTo(Batches.hex("MD5", content));
            assertThat(device.await("verified").path("signMethod").asText()).isEqualTo("Md5");
            assertThat(device.await("done").path("version").asText()).isEqualTo("2.0.0");
            assertThat(device.awaitExit()).isZero();
            assertThat(device.events("progress")).extracting(e -> e.path("step").asText())
                    .containsExactly("10", "50", "100");
            assertThat(device.events("reported")).extracting(e -> e.path("version").asText())
                    .containsExactly("1.0.0", "2.0.0");
            assertThat(device.events("push")).hasSize(1);

            ListOTATaskByJobResponse.SimpleOTATaskInfo task =
                    Batches.awaitTask(core, jobId, "node-sdk-1", "SUCCEEDED");
            assertThat(task.getDestVersion()).isEqualTo("2.0.0");
            assertThat(task.getProgress()).isEqualTo("100.00");
            assertThat(firmwareVersion(registered)).isEqualTo("2.0.0");
        }
    }

    private String firmwareVersion(MqttDevice device) throws Exception {
        QueryDeviceDetailRequest query = new QueryDeviceDetailRequest();
        query.setProductKey(device.productKey());
        query.setDeviceName(device.deviceName());
        return core.getAcsResponse(query).getData().getFirmwareVersion();
    }
}
