package io.updraft.mqtt;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.CreateOTAStaticUpgradeJobRequest;
import com.aliyuncs.iot.model.v20180120.ListOTATaskByJobResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.updraft.testing.Batches;
import io.updraft.testing.MqttDevice;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import io.updraft.testing.UpgradingDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole upgrades as a device sees them (ota-api.md §F): a batch created through the core SDK, a Paho device that
 * receives the push or pulls, downloads over HTTP (Range) or MQTT (blocks, CRC16), reports progress and its new
 * version, and the task's state read back with ListOTATaskByJob.
 */
class DeviceUpgradeFlowTest {
    private final TestServer server = TestServer.shared();
    private final IAcsClient core = Sdk.core(server, TestServer.ACME);
    private final List<UpgradingDevice> devices = new ArrayList<>();

    @AfterEach
    void disconnect() throws Exception {
        for (UpgradingDevice device : devices) {
            device.close();
        }
    }

    private static byte[] firmware(int size) {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        return content;
    }

    private MqttDevice register(String productKey, String name) throws Exception {
        return MqttDevice.register(core, productKey, name);
    }

    private UpgradingDevice online(MqttDevice device, String version) throws Exception {
        UpgradingDevice upgrading = UpgradingDevice.connect(server, device);
        devices.add(upgrading);
        upgrading.reportVersion(version);
        return upgrading;
    }

    private String job(String productKey, String firmwareId, String deviceName,
                       java.util.function.Consumer<CreateOTAStaticUpgradeJobRequest> customize) {
        return Batches.staticJob(core, productKey, firmwareId, List.of(deviceName), customize);
    }

    @Test
    void aPushedDeviceDownloadsReportsItsNewVersionAndItsTaskSucceeds() throws Exception {
        String productKey = MqttDevice.newProduct(core);
        UpgradingDevice device = online(register(productKey, "pushed-1"), "1.0.0");
        byte[] content = firmware(20_000);
        String firmwareId = Batches.newPackage(core, productKey, content, "2.0.0", "MD5");
        CreateOTAStaticUpgradeJobRequest.Tag tag = new CreateOTAStaticUpgradeJobRequest.Tag();
        tag.setKey("region");
        tag.setValue("east");
        String jobId = job(productKey, firmwareId, "pushed-1", r -> r.setTags(List.of(tag)));

        JsonNode push = device.awaitPush();
        assertThat(push.path("code").asText()).isEqualTo("1000");
        assertThat(push.path("message").asText()).isEqualTo("success");
        JsonNode data = push.path("data");
        assertThat(data.path("version").asText()).isEqualTo("2.0.0");
        assertThat(data.path("size").asLong()).isEqualTo(content.length);
        assertThat(data.path("signMethod").asText()).isEqualTo("Md5");
        assertThat(data.path("md5").asText()).isEqualTo(Batches.hex("MD5", content));
        assertThat(data.has("module")).isFalse();
        assertThat(data.path("extData").path("region").asText()).isEqualTo("east");
        URI url = URI.create(data.path("url").asText());
        assertThat((url.getRawPath() + "?" + url.getRawQuery()).getBytes(StandardCharsets.UTF_8).length)
                .as("C SDK 3.x crashes on a URL path and query of 256 bytes or more").isLessThan(256);
        Batches.awaitTask(core, jobId, "pushed-1", "NOTIFIED");

        assertThat(device.upgrade(data)).isEqualTo(content);
        ListOTATaskByJobResponse.SimpleOTATaskInfo task = Batches.awaitTask(core, jobId, "pushed-1", "SUCCEEDED");
        assertThat(task.getDestVersion()).isEqualTo("2.0.0");
    }

    @Test
    void theFirstProgressReportMovesTheTaskToInProgress() throws Exception {
        String productKey = MqttDevice.newProduct(core);
        UpgradingDevice device = online(register(productKey, "progressing-1"), "1.0.0");
        String firmwareId = Batches.newPackage(core, productKey, firmware(1000), "2.0.0", "MD5");
        String jobId = job(productKey, firmwareId, "progressing-1", r -> { });
        device.awaitPush();
        device.progress(10, "downloading");
        Batches.awaitTask(core, jobId, "progressing-1", "IN_PROGRESS");
    }

    @Test
    void withoutPushTheDevicePullsItsTaskAndUpgrades() throws Exception {
        String productKey = MqttDevice.newProduct(core);
        UpgradingDevice device = online(register(productKey, "puller-1"), "1.0.0");
        JsonNode nothing = device.pull(null);
        assertThat(nothing.path("code").asInt()).isEqualTo(200);
        assertThat(nothing.path("data").isObject()).isTrue();
        assertThat(nothing.path("data").isEmpty()).as("nothing pending: empty data").isTrue();

        byte[] content = firmware(9_000);
        String firmwareId = Batches.newPackage(core, productKey, content, "1.1.0", "SHA256");
        String jobId = job(productKey, firmwareId, "puller-1", r -> r.setNeedPush(false));
        device.assertNoPush(Duration.ofSeconds(2));

        JsonNode reply = device.pull(null);
        assertThat(reply.path("code").asInt()).isEqualTo(200);
        assertThat(reply.path("data").path("version").asText()).isEqualTo("1.1.0");
        assertThat(reply.path("data").path("signMethod").asText()).isEqualTo("SHA256");
        assertThat(reply.path("data").path("sign").asText()).isEqualTo(Batches.hex("SHA-256", content));
        Batches.awaitTask(core, jobId, "puller-1", "NOTIFIED");
        assertThat(device.upgrade(reply.path("data"))).isEqualTo(content);
        Batches.awaitTask(core, jobId, "puller-1", "SUCCEEDED");
    }

    @Test
    void anMqttDownloadDeliversEveryBlockWithItsCrcAndTheWholeFileMatchesItsMd5() throws Exception {
        String productKey = MqttDevice.newProduct(core);
        UpgradingDevice device = online(register(productKey, "mqtt-dl-1"), "1.0.0");
        byte[] content = firmware(5 * 1024 * 4 + 777);
        String firmwareId = Batches.newPackage(core, productKey, content, "3.0.0", "MD5");
        String jobId = job(productKey, firmwareId, "mqtt-dl-1", r -> r.setDownloadProtocol("MQTT"));

        JsonNode data = device.awaitPush().path("data");
        assertThat(data.path("dProtocol").asText()).isEqualTo("mqtt");
        assertThat(data.path("streamId").isIntegralNumber()).isTrue();
        assertThat(data.path("streamFileId").asInt()).isEqualTo(1);
        assertThat(data.has("url")).isFalse();
        assertThat(device.upgrade(data)).isEqualTo(content);
        Batches.awaitTask(core, jobId, "mqtt-dl-1", "SUCCEEDED");
    }

    @Test
    void aBlockRequestForAStreamTheDeviceDoesNotOwnGetsAnErrorCodeAndTheConnectionStays() throws Exception {
        String productKey = MqttDevice.newProduct(core);
        UpgradingDevice owner = online(register(productKey, "stream-owner"), "1.0.0");
        UpgradingDevice other = online(register(productKey, "stream-other"), "1.0.0");
        String firmwareId = Batches.newPackage(core, productKey, firmware(4096), "2.0.0", "MD5");
        job(productKey, firmwareId, "stream-owner", r -> r.setDownloadProtocol("MQTT"));
        long streamId = owner.awaitPush().path("data").path("streamId").asLong();

        UpgradingDevice.Block refused = other.requestBlock(streamId, 1, 0, 1024);
        assertThat(refused.code()).isNotEqualTo(200);
        assertThat(refused.data()).isEmpty();
        assertThat(other.isConnected()).isTrue();
        assertThat(owner.requestBlock(streamId, 1, 0, 1024).code()).isEqualTo(200);
        assertThat(owner.requestBlock(streamId, 2, 0, 1024).code()).as("no file 2 in a single-file package")
                .isNotEqualTo(200);
    }

    @Test
    void aBlockRequestForAnHttpsTaskGetsAnErrorCode() throws Exception {
        String productKey = MqttDevice.newProduct(core);
        UpgradingDevice device = online(register(productKey, "https-stream"), "1.0.0");
        String firmwareId = Batches.newPackage(core, productKey, firmware(4096), "2.0.0", "MD5");
        String jobId = job(productKey, firmwareId, "https-stream", r -> { });
        device.awaitPush();
        String taskId = Batches.task(core, jobId, "https-stream").getTaskId();
        long taskRow = Long.parseLong(taskId.substring(24));
        assertThat(device.requestBlock(taskRow, 1, 0, 1024).code()).isNotEqualTo(200);
        assertThat(device.isConnected()).isTrue();
    }

    @Test
    void aDeviceOfflineWhenTheBatchStartsIsPushedWhenItConnects() throws Exception {
        String productKey = MqttDevice.newProduct(core);
        MqttDevice registered = register(productKey, "offline-1");
        UpgradingDevice first = online(registered, "1.0.0");
        first.disconnect();
        byte[] content = firmware(3000);
        String firmwareId = Batches.newPackage(core, productKey, content, "2.0.0", "MD5");
        String jobId = job(productKey, firmwareId, "offline-1", r -> { });
        Thread.sleep(1000);
        assertThat(Batches.task(core, jobId, "offline-1").getTaskStatus()).as("nobody to push to yet")
                .isEqualTo("QUEUED");

        UpgradingDevice back = UpgradingDevice.offline(server, registered);
        devices.add(back);
        back.connect();
        JsonNode data = back.awaitPush().path("data");
        assertThat(back.upgrade(data)).isEqualTo(content);
        Batches.awaitTask(core, jobId, "offline-1", "SUCCEEDED");
    }

    @Test
    void aDeviceThatReconnectsMidUpgradeIsPushedTheSameTaskAgain() throws Exception {
        String productKey = MqttDevice.newProduct(core);
        UpgradingDevice device = online(register(productKey, "repush-1"), "1.0.0");
        String firmwareId = Batches.newPackage(core, productKey, firmware(2000), "2.0.0", "MD5");
        String jobId = job(productKey, firmwareId, "repush-1", r -> { });
        JsonNode first = device.awaitPush();
        device.progress(5, "downloading");
        Batches.awaitTask(core, jobId, "repush-1", "IN_PROGRESS");
        device.connect();
        JsonNode again = device.awaitPush();
        assertThat(again.path("data").path("version").asText()).isEqualTo(first.path("data").path("version").asText());
        assertThat(again.path("data").path("url").asText()).isNotEmpty();
    }

    @Test
    void progressMinus2FailsTheTaskAndKeepsTheReason() throws Exception {
        String productKey = MqttDevice.newProduct(core);
        UpgradingDevice device = online(register(productKey, "failing-1"), "1.0.0");
        String firmwareId = Batches.newPackage(core, productKey, firmware(2000), "2.0.0", "MD5");
        String jobId = job(productKey, firmwareId, "failing-1", r -> { });
        device.failNextUpgrade(-2, "download failed: no space left");
        device.upgrade(device.awaitPush().path("data"));
        ListOTATaskByJobResponse.SimpleOTATaskInfo task = Batches.awaitTask(core, jobId, "failing-1", "FAILED");
        assertThat(task.getTaskDesc()).contains("download failed: no space left");
    }

    @Test
    void malformedOtaMessagesAreDroppedAndTheConnectionStays() throws Exception {
        String productKey = MqttDevice.newProduct(core);
        UpgradingDevice device = online(register(productKey, "garbage-1"), "1.0.0");
        byte[] garbage = "not json {".getBytes(StandardCharsets.UTF_8);
        device.publishRaw(device.ota("progress"), garbage);
        device.publishRaw(device.ota("progress"), "{\"id\":1,\"params\":{\"step\":\"abc\"}}".getBytes(StandardCharsets.UTF_8));
        device.publishRaw(device.sys("thing/ota/firmware/get"), garbage);
        device.publishRaw(device.sys("thing/file/download"), garbage);
        assertThat(device.isConnected()).isTrue();
        assertThat(device.pull(null).path("code").asInt()).as("still answered").isEqualTo(200);
    }
}
