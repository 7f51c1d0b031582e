package io.updraft.mqtt;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.CancelOTAStrategyByJobRequest;
import com.aliyuncs.iot.model.v20180120.CancelOTATaskByDeviceRequest;
import com.aliyuncs.iot.model.v20180120.CancelOTATaskByJobRequest;
import com.aliyuncs.iot.model.v20180120.ConfirmOTATaskRequest;
import com.aliyuncs.iot.model.v20180120.CreateOTADynamicUpgradeJobRequest;
import com.aliyuncs.iot.model.v20180120.CreateOTAStaticUpgradeJobRequest;
import com.aliyuncs.iot.model.v20180120.CreateOTAVerifyJobRequest;
import com.aliyuncs.iot.model.v20180120.ListOTATaskByJobRequest;
import com.aliyuncs.iot.model.v20180120.ListOTATaskByJobResponse;
import com.aliyuncs.iot.model.v20180120.QueryOTAFirmwareRequest;
import com.aliyuncs.iot.model.v20180120.QueryOTAJobRequest;
import com.fasterxml.jackson.databind.JsonNode;
import io.updraft.testing.Batches;
import io.updraft.testing.MqttDevice;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import io.updraft.testing.UpgradingDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole rollouts through the core SDK with Paho devices that upgrade when pushed (download, progress, new version):
 * verification then upgrade, GRAY and SrcVersion selection, a dynamic batch catching a device that comes later,
 * confirmation, OverwriteMode, the cancels, and — with the shared server's batch clock moved forward instead of waiting —
 * automatic retry after a failure, a timeout, and a scheduled batch starting at its ScheduleTime.
 */
class RolloutFlowsTest {
    private final TestServer server = TestServer.shared();
    private final IAcsClient core = Sdk.core(server, TestServer.ACME);
    private final List<UpgradingDevice> devices = new ArrayList<>();
    private String productKey;

    @AfterEach
    void disconnect() throws Exception {
        for (UpgradingDevice device : devices) {
            device.close();
        }
    }

    private UpgradingDevice online(String name, String version) throws Exception {
        if (productKey == null) {
            productKey = MqttDevice.newProduct(core);
        }
        UpgradingDevice device = UpgradingDevice.connect(server, MqttDevice.register(core, productKey, name));
        devices.add(device);
        device.reportVersion(version);
        return device;
    }

    private String pkg(String version, boolean needToVerify) {
        if (productKey == null) {
            throw new IllegalStateException("connect a device first");
        }
        byte[] content = new byte[4_000];
        new Random(version.hashCode()).nextBytes(content);
        return Batches.newPackage(core, productKey, content, version, "MD5", r -> r.setNeedToVerify(needToVerify));
    }

    private String staticJob(String firmwareId, String selection, Consumer<CreateOTAStaticUpgradeJobRequest> customize)
            throws Exception {
        CreateOTAStaticUpgradeJobRequest create = new CreateOTAStaticUpgradeJobRequest();
        create.setProductKey(productKey);
        create.setFirmwareId(firmwareId);
        create.setTargetSelection(selection);
        customize.accept(create);
        var answer = core.getAcsResponse(create);
        assertThat(answer.getSuccess()).as(answer.getCode() + " " + answer.getErrorMessage()).isTrue();
        return answer.getData().getJobId();
    }

    /** A dynamic batch (DynamicMode 2: devices from now on) over the devices on {@code srcVersion}. */
    private String futureDevicesOn(String srcVersion, String firmwareId) throws Exception {
        CreateOTADynamicUpgradeJobRequest create = new CreateOTADynamicUpgradeJobRequest();
        create.setProductKey(productKey);
        create.setFirmwareId(firmwareId);
        create.setSrcVersions(List.of(srcVersion));
        create.setDynamicMode(2);
        return core.getAcsResponse(create).getData().getJobId();
    }

    /** The device upgrades with its next push; the task then reads SUCCEEDED. */
    private void upgrades(UpgradingDevice device, String jobId) throws Exception {
        device.upgrade(device.awaitPush().path("data"));
        Batches.awaitTask(core, jobId, device.device().deviceName(), "SUCCEEDED");
    }

    private List<ListOTATaskByJobResponse.SimpleOTATaskInfo> tasks(String jobId) throws Exception {
        ListOTATaskByJobRequest list = new ListOTATaskByJobRequest();
        list.setJobId(jobId);
        list.setPageSize(100);
        list.setCurrentPage(1);
        return core.getAcsResponse(list).getData();
    }

    private String jobStatus(String jobId) throws Exception {
        QueryOTAJobRequest query = new QueryOTAJobRequest();
        query.setJobId(jobId);
        return core.getAcsResponse(query).getData().getJobStatus();
    }

    @Test
    void aVerifiedPackageIsRolledOutToTheRestOfTheFleet() throws Exception {
        UpgradingDevice tester = online("verify-lab", "1.0.0");
        UpgradingDevice field = online("verify-field", "1.0.0");
        String firmwareId = pkg("2.0.0", true);
        CreateOTAVerifyJobRequest verify = new CreateOTAVerifyJobRequest();
        verify.setFirmwareId(firmwareId);
        verify.setProductKey(productKey);
        verify.setTargetDeviceNames(List.of("verify-lab"));
        String verifyJob = core.getAcsResponse(verify).getData().getJobId();
        upgrades(tester, verifyJob);
        QueryOTAFirmwareRequest query = new QueryOTAFirmwareRequest();
        query.setFirmwareId(firmwareId);
        assertThat(core.getAcsResponse(query).getFirmwareInfo().getStatus()).as("verified").isEqualTo(1);

        String rollout = staticJob(firmwareId, "ALL", r -> { });
        upgrades(field, rollout);
        assertThat(tasks(rollout)).extracting(ListOTATaskByJobResponse.SimpleOTATaskInfo::getDeviceName)
                .as("the lab device is on 2.0.0 already").containsExactly("verify-field");
        Batches.awaitJobStatus(core, rollout, "COMPLETED");
    }

    @Test
    void aGrayBatchUpgradesItsShareAndNoOtherDevice() throws Exception {
        List<UpgradingDevice> fleet = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fleet.add(online("gray-" + i, "1.0.0"));
        }
        String jobId = staticJob(pkg("2.0.0", false), "GRAY", r -> r.setGrayPercent("50"));
        List<ListOTATaskByJobResponse.SimpleOTATaskInfo> chosen = tasks(jobId);
        assertThat(chosen).hasSize(2);
        for (UpgradingDevice device : fleet) {
            if (chosen.stream().anyMatch(t -> t.getDeviceName().equals(device.device().deviceName()))) {
                upgrades(device, jobId);
            } else {
                device.assertNoPush(Duration.ofMillis(500));
            }
        }
    }

    @Test
    void srcVersionsUpgradeOnlyTheDevicesOnThem() throws Exception {
        UpgradingDevice old = online("src-old", "1.0.0");
        UpgradingDevice other = online("src-other", "1.5.0");
        String jobId = staticJob(pkg("2.0.0", false), "ALL", r -> r.setSrcVersions(List.of("1.0.0")));
        upgrades(old, jobId);
        other.assertNoPush(Duration.ofSeconds(1));
        assertThat(tasks(jobId)).hasSize(1);
    }

    @Test
    void aDynamicBatchUpgradesADeviceThatComesLater() throws Exception {
        online("dyn-first", "0.9.0");
        String jobId = futureDevicesOn("1.0.0", pkg("2.0.0", false));
        assertThat(tasks(jobId)).isEmpty();

        UpgradingDevice late = online("dyn-late", "1.0.0");
        upgrades(late, jobId);
        assertThat(jobStatus(jobId)).as("a dynamic batch keeps going").isEqualTo("IN_PROGRESS");
    }

    @Test
    void aConfirmedTaskIsPushedAndSucceeds() throws Exception {
        UpgradingDevice device = online("confirm-1", "1.0.0");
        String jobId = staticJob(pkg("2.0.0", false), "ALL", r -> r.setNeedConfirm(true));
        device.assertNoPush(Duration.ofSeconds(1));
        ConfirmOTATaskRequest confirm = new ConfirmOTATaskRequest();
        confirm.setTaskIds(List.of(Batches.task(core, jobId, "confirm-1").getTaskId()));
        assertThat(core.getAcsResponse(confirm).getSuccess()).isTrue();
        upgrades(device, jobId);
    }

    @Test
    void overwriteModeTwoReplacesAPendingTaskAndTheNewPackageIsInstalled() throws Exception {
        UpgradingDevice device = online("overwrite-1", "1.0.0");
        String first = staticJob(pkg("2.0.0", false), "ALL", r -> r.setNeedConfirm(true));
        String second = staticJob(pkg("3.0.0", false), "ALL", r -> r.setOverwriteMode(2));
        JsonNode push = device.awaitPush();
        assertThat(push.path("data").path("version").asText()).isEqualTo("3.0.0");
        device.upgrade(push.path("data"));
        Batches.awaitTask(core, second, "overwrite-1", "SUCCEEDED");
        assertThat(Batches.task(core, first, "overwrite-1").getTaskStatus()).isEqualTo("CANCELED");
    }

    @Test
    void aFailedDownloadIsRetriedAfterRetryIntervalAndThenSucceeds() throws Exception {
        UpgradingDevice device = online("retry-1", "1.0.0");
        String jobId = staticJob(pkg("2.0.0", false), "ALL", r -> {
            r.setRetryInterval(10);
            r.setRetryCount(1);
        });
        device.failNextUpgrade(-2, "download interrupted").upgrade(device.awaitPush().path("data"));
        assertThat(Batches.awaitTask(core, jobId, "retry-1", "FAILED").getTaskDesc()).contains("download interrupted");
        device.assertNoPush(Duration.ofSeconds(1));
        TestServer.SHARED_BATCH_CLOCK.advance(Duration.ofMinutes(10));
        upgrades(device, jobId);
    }

    @Test
    void aTaskWithoutProgressForTimeoutInMinutesFails() throws Exception {
        UpgradingDevice device = online("timeout-1", "1.0.0");
        String jobId = staticJob(pkg("2.0.0", false), "ALL", r -> r.setTimeoutInMinutes(1));
        device.awaitPush();
        device.progress(10, "downloading");
        Batches.awaitTask(core, jobId, "timeout-1", "IN_PROGRESS");
        TestServer.SHARED_BATCH_CLOCK.advance(Duration.ofSeconds(61));
        assertThat(Batches.awaitTask(core, jobId, "timeout-1", "FAILED").getTaskDesc()).containsIgnoringCase("timeout");
    }

    @Test
    void aScheduledBatchIsPlannedUntilItsScheduleTimeThenRollsOut() throws Exception {
        UpgradingDevice device = online("scheduled-1", "1.0.0");
        long start = TestServer.SHARED_BATCH_CLOCK.millis() + Duration.ofMinutes(6).toMillis();
        String jobId = staticJob(pkg("2.0.0", false), "ALL", r -> r.setScheduleTime(start));
        assertThat(jobStatus(jobId)).isEqualTo("PLANNED");
        device.assertNoPush(Duration.ofSeconds(1));
        TestServer.SHARED_BATCH_CLOCK.advance(Duration.ofMinutes(6));
        upgrades(device, jobId);
        Batches.awaitJobStatus(core, jobId, "COMPLETED");
    }

    @Test
    void aTaskCancelledByJobMidUpgradeStaysCancelledWhateverTheDeviceReports() throws Exception {
        UpgradingDevice device = online("cancel-job-1", "1.0.0");
        String jobId = staticJob(pkg("2.0.0", false), "ALL", r -> { });
        JsonNode data = device.awaitPush().path("data");
        device.progress(10, "downloading");
        Batches.awaitTask(core, jobId, "cancel-job-1", "IN_PROGRESS");
        CancelOTATaskByJobRequest cancel = new CancelOTATaskByJobRequest();
        cancel.setJobId(jobId);
        cancel.setCancelInProgressTask(true);
        assertThat(core.getAcsResponse(cancel).getSuccess()).isTrue();
        device.upgrade(data);
        Thread.sleep(500);
        assertThat(Batches.task(core, jobId, "cancel-job-1").getTaskStatus()).isEqualTo("CANCELED");
        Batches.awaitJobStatus(core, jobId, "COMPLETED");
    }

    @Test
    void aTaskCancelledByDeviceIsNotPushedAgainOnReconnect() throws Exception {
        UpgradingDevice device = online("cancel-dev-1", "1.0.0");
        String firmwareId = pkg("2.0.0", false);
        String jobId = staticJob(firmwareId, "ALL", r -> { });
        device.awaitPush();
        CancelOTATaskByDeviceRequest cancel = new CancelOTATaskByDeviceRequest();
        cancel.setProductKey(productKey);
        cancel.setFirmwareId(firmwareId);
        cancel.setDeviceNames(List.of("cancel-dev-1"));
        assertThat(core.getAcsResponse(cancel).getSuccess()).isTrue();
        device.reconnect();
        device.assertNoPush(Duration.ofSeconds(1));
        assertThat(Batches.task(core, jobId, "cancel-dev-1").getTaskStatus()).isEqualTo("CANCELED");
    }

    @Test
    void aDynamicBatchWhosePolicyIsCancelledCatchesNoLaterDevice() throws Exception {
        online("strategy-first", "0.9.0");
        String jobId = futureDevicesOn("1.0.0", pkg("2.0.0", false));
        CancelOTAStrategyByJobRequest cancel = new CancelOTAStrategyByJobRequest();
        cancel.setJobId(jobId);
        assertThat(core.getAcsResponse(cancel).getSuccess()).isTrue();
        UpgradingDevice late = online("strategy-late", "1.0.0");
        late.assertNoPush(Duration.ofSeconds(1));
        assertThat(tasks(jobId)).isEmpty();
        assertThat(jobStatus(jobId)).isEqualTo("CANCELED");
    }
}
