package io.updraft.api.batch;

import com.aliyuncs.iot.model.v20180120.CancelOTAStrategyByJobRequest;
import com.aliyuncs.iot.model.v20180120.CancelOTATaskByDeviceRequest;
import com.aliyuncs.iot.model.v20180120.CancelOTATaskByJobRequest;
import com.aliyuncs.iot.model.v20180120.ConfirmOTATaskRequest;
import com.aliyuncs.iot.model.v20180120.CreateOTADynamicUpgradeJobRequest;
import com.aliyuncs.iot.model.v20180120.CreateOTADynamicUpgradeJobResponse;
import com.aliyuncs.iot.model.v20180120.CreateOTAStaticUpgradeJobResponse;
import com.aliyuncs.iot.model.v20180120.CreateOTAVerifyJobRequest;
import com.aliyuncs.iot.model.v20180120.CreateOTAVerifyJobResponse;
import com.aliyuncs.iot.model.v20180120.ListOTAUnfinishedTaskByDeviceRequest;
import com.aliyuncs.iot.model.v20180120.ReupgradeOTATaskRequest;
import com.aliyuncs.iot.model.v20180120.ReupgradeOTATaskResponse;
import io.updraft.testing.MqttDevice;
import io.updraft.testing.TestServer;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user sees through the API when batches are created, confirmed and cancelled: which devices get tasks, in
 * which state, and how the package's verification status follows. Devices report versions over MQTT (Paho) first
 * and are offline while the batch is created, unless a flow needs a push.
 */
class BatchFlowsSdkTest {
    private final TestServer server = TestServer.shared();

    private static CreateOTADynamicUpgradeJobRequest dynamicJob(Fleet fleet, String firmwareId, String... srcVersions) {
        CreateOTADynamicUpgradeJobRequest request = new CreateOTADynamicUpgradeJobRequest();
        request.setFirmwareId(firmwareId);
        request.setProductKey(fleet.productKey);
        request.setSrcVersions(List.of(srcVersions));
        return request;
    }

    @Test
    void aStaticBatchOverAllDevicesQueuesATaskForEachDevice() {
        Fleet fleet = Fleet.of(server, 4);
        String jobId = fleet.create(fleet.staticJob(fleet.firmware("2.0.0", false), "ALL"));
        assertThat(fleet.states(jobId)).containsOnlyKeys(fleet.names()).allSatisfy((name, state) ->
                assertThat(state).isEqualTo("QUEUED"));
        assertThat(fleet.job(jobId).getJobStatus()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void aSpecificBatchTakesOnlyTheNamedDevices() {
        Fleet fleet = Fleet.of(server, 3);
        var create = fleet.staticJob(fleet.firmware("2.0.0", false), "SPECIFIC");
        create.setTargetDeviceNames(List.of(fleet.names().get(0), fleet.names().get(2)));
        String jobId = fleet.create(create);
        assertThat(fleet.states(jobId)).containsOnlyKeys(fleet.names().get(0), fleet.names().get(2));
    }

    @Test
    void needConfirmHoldsTasksInConfirmUntilConfirmOtaTask() {
        Fleet fleet = Fleet.of(server, 2);
        var create = fleet.staticJob(fleet.firmware("2.0.0", false), "ALL");
        create.setNeedConfirm(true);
        String jobId = fleet.create(create);
        assertThat(fleet.states(jobId).values()).containsOnly("CONFIRM");
        String first = fleet.names().get(0);

        ConfirmOTATaskRequest confirm = new ConfirmOTATaskRequest();
        confirm.setTaskIds(List.of(fleet.tasks(jobId).get(first).getTaskId()));
        assertThat(fleet.call(confirm).getSuccess()).isTrue();
        assertThat(fleet.states(jobId)).containsEntry(first, "QUEUED").containsEntry(fleet.names().get(1), "CONFIRM");

        var again = fleet.call(confirm);
        assertThat(again.getSuccess()).as("a task no longer in CONFIRM").isFalse();
        assertThat(again.getCode()).isEqualTo("iot.ota.InvalidTaskExist");
        assertThat(fleet.states(jobId)).containsEntry(first, "QUEUED");
    }

    @Test
    void cancelByJobCancelsOnlyTheStatesItNames() {
        Fleet fleet = Fleet.of(server, 2);
        var create = fleet.staticJob(fleet.firmware("2.0.0", false), "ALL");
        create.setNeedConfirm(true);
        String jobId = fleet.create(create);
        String confirmed = fleet.names().get(0);
        ConfirmOTATaskRequest confirm = new ConfirmOTATaskRequest();
        confirm.setTaskIds(List.of(fleet.tasks(jobId).get(confirmed).getTaskId()));
        fleet.call(confirm);

        CancelOTATaskByJobRequest cancel = new CancelOTATaskByJobRequest();
        cancel.setJobId(jobId);
        cancel.setCancelQueuedTask(true);
        cancel.setCancelUnconfirmedTask(false);
        assertThat(fleet.call(cancel).getSuccess()).isTrue();
        assertThat(fleet.states(jobId)).containsEntry(confirmed, "CANCELED").containsEntry(fleet.names().get(1), "CONFIRM");

        CancelOTATaskByJobRequest unconfirmed = new CancelOTATaskByJobRequest();
        unconfirmed.setJobId(jobId);
        unconfirmed.setCancelUnconfirmedTask(true);
        assertThat(fleet.call(unconfirmed).getSuccess()).isTrue();
        assertThat(fleet.states(jobId).values()).containsOnly("CANCELED");
        assertThat(fleet.job(jobId).getJobStatus()).as("cancelling all tasks completes a static batch, not cancels it")
                .isNotEqualTo("CANCELED");
    }

    @Test
    void cancelByDeviceCancelsThatDevicesTaskAndLeavesTheOthers() {
        Fleet fleet = Fleet.of(server, 3);
        String firmwareId = fleet.firmware("2.0.0", false);
        String jobId = fleet.create(fleet.staticJob(firmwareId, "ALL"));
        CancelOTATaskByDeviceRequest cancel = new CancelOTATaskByDeviceRequest();
        cancel.setFirmwareId(firmwareId);
        cancel.setProductKey(fleet.productKey);
        cancel.setDeviceNames(List.of(fleet.names().get(1)));
        assertThat(fleet.call(cancel).getSuccess()).isTrue();
        assertThat(fleet.states(jobId)).containsEntry(fleet.names().get(0), "QUEUED")
                .containsEntry(fleet.names().get(1), "CANCELED").containsEntry(fleet.names().get(2), "QUEUED");
    }

    @Test
    void aVerificationBatchMakesThePackageVerifyingAndOnlyOnce() {
        Fleet fleet = Fleet.of(server, 2);
        String firmwareId = fleet.firmware("2.0.0", true);
        assertThat(fleet.firmwareInfo(firmwareId).getStatus()).as("unverified").isZero();

        CreateOTAStaticUpgradeJobResponse tooEarly = fleet.call(fleet.staticJob(firmwareId, "ALL"));
        assertThat(tooEarly.getCode()).isEqualTo("iot.ota.FirmwareNotVerified");

        CreateOTAVerifyJobRequest verify = new CreateOTAVerifyJobRequest();
        verify.setFirmwareId(firmwareId);
        verify.setProductKey(fleet.productKey);
        verify.setTargetDeviceNames(List.of(fleet.names().get(0)));
        CreateOTAVerifyJobResponse created = fleet.call(verify);
        assertThat(created.getSuccess()).as(created.getErrorMessage()).isTrue();
        var info = fleet.firmwareInfo(firmwareId);
        assertThat(info.getStatus()).as("verifying").isEqualTo(2);
        assertThat(info.getVerifyProgress()).isZero();
        assertThat(fleet.states(created.getData().getJobId())).containsOnlyKeys(fleet.names().get(0));

        CreateOTAVerifyJobResponse twice = fleet.call(verify);
        assertThat(twice.getSuccess()).isFalse();
        assertThat(twice.getCode()).isEqualTo("iot.ota.FirmwareVerifyNotAllowed");
        assertThat(fleet.call(fleet.staticJob(firmwareId, "ALL")).getCode()).as("still not verified")
                .isEqualTo("iot.ota.FirmwareNotVerified");
    }

    @Test
    void grayFloorsThePercentage() {
        Fleet fleet = Fleet.of(server, 10);
        var create = fleet.staticJob(fleet.firmware("2.0.0", false), "GRAY");
        create.setGrayPercent("33.333");
        String jobId = fleet.create(create);
        assertThat(fleet.states(jobId)).hasSize(3);
        assertThat(fleet.job(jobId).getGrayPercent()).isEqualTo("33.333");
        assertThat(fleet.job(jobId).getTargetSelection()).isEqualTo("GRAY");
    }

    @Test
    void grayTakesAtLeastOneDevice() {
        Fleet fleet = Fleet.of(server, 3);
        var create = fleet.staticJob(fleet.firmware("2.0.0", false), "GRAY");
        create.setGrayPercent("1");
        assertThat(fleet.states(fleet.create(create))).hasSize(1);
    }

    @Test
    void srcVersionsLimitTheBatchToDevicesThatReportedOneOfThem() {
        Fleet fleet = Fleet.of(server, 4);
        fleet.report(fleet.devices.get(0), "1.0");
        fleet.report(fleet.devices.get(1), "1.1");
        fleet.report(fleet.devices.get(2), "1.5");
        var create = fleet.staticJob(fleet.firmware("2.0", false), "ALL");
        create.setSrcVersions(List.of("1.0", "1.1"));
        String jobId = fleet.create(create);
        var tasks = fleet.tasks(jobId);
        assertThat(tasks).containsOnlyKeys(fleet.names().get(0), fleet.names().get(1));
        assertThat(fleet.job(jobId).getSrcVersions()).containsExactly("1.0", "1.1");
    }

    @Test
    void aDeltaPackageTakesOnlyDevicesOnItsSourceVersion() {
        Fleet fleet = Fleet.of(server, 2);
        fleet.report(fleet.devices.get(0), "1.0");
        fleet.report(fleet.devices.get(1), "1.2");
        String jobId = fleet.create(fleet.staticJob(fleet.firmware("2.0", false, "1.0"), "ALL"));
        assertThat(fleet.states(jobId)).containsOnlyKeys(fleet.names().get(0));
    }

    @Test
    void devicesAlreadyOnTheDestVersionAreSkipped() {
        Fleet fleet = Fleet.of(server, 3);
        fleet.report(fleet.devices.get(0), "2.0");
        fleet.report(fleet.devices.get(1), "1.0");
        String firmwareId = fleet.firmware("2.0", false);
        String all = fleet.create(fleet.staticJob(firmwareId, "ALL"));
        assertThat(fleet.states(all)).containsOnlyKeys(fleet.names().get(1), fleet.names().get(2));

        Fleet other = Fleet.of(server, 2);
        other.report(other.devices.get(0), "2.0");
        var specific = other.staticJob(other.firmware("2.0", false), "SPECIFIC");
        specific.setTargetDeviceNames(other.names());
        assertThat(other.states(other.create(specific))).containsOnlyKeys(other.names().get(1));
    }

    @Test
    void aPackageHasOnlyOneRunningDynamicBatch() {
        Fleet fleet = Fleet.of(server, 1);
        String firmwareId = fleet.firmware("3.0", false);
        CreateOTADynamicUpgradeJobResponse first = fleet.call(dynamicJob(fleet, firmwareId, "2.0"));
        assertThat(first.getSuccess()).as(first.getErrorMessage()).isTrue();
        CreateOTADynamicUpgradeJobResponse second = fleet.call(dynamicJob(fleet, firmwareId, "2.1"));
        assertThat(second.getSuccess()).isFalse();
        assertThat(second.getCode()).isEqualTo("iot.ota.DynamicJobAlreadyExists");

        CancelOTAStrategyByJobRequest cancel = new CancelOTAStrategyByJobRequest();
        cancel.setJobId(first.getData().getJobId());
        assertThat(fleet.call(cancel).getSuccess()).isTrue();
        assertThat(fleet.call(dynamicJob(fleet, firmwareId, "2.1")).getSuccess()).as("after the policy is cancelled")
                .isTrue();
        var cancelledAgain = fleet.call(cancel);
        assertThat(cancelledAgain.getCode()).isEqualTo("iot.ota.JobHasCanceled");
    }

    @Test
    void aDynamicBatchTakesTheMatchingDevicesNowUnlessModeTwo() {
        Fleet fleet = Fleet.of(server, 2);
        fleet.report(fleet.devices.get(0), "2.0");
        fleet.report(fleet.devices.get(1), "2.5");
        var now = dynamicJob(fleet, fleet.firmware("3.0", false), "2.0");
        String jobId = fleet.call(now).getData().getJobId();
        assertThat(fleet.states(jobId)).containsOnlyKeys(fleet.names().get(0));

        var later = dynamicJob(fleet, fleet.firmware("3.1", false), "2.5");
        later.setDynamicMode(2);
        String laterJob = fleet.call(later).getData().getJobId();
        assertThat(fleet.states(laterJob)).as("DynamicMode 2 waits for devices that report later").isEmpty();
    }

    @Test
    void aDeviceHasAtMostOneUnfinishedTaskPerModuleAndOverwriteModeTwoReplacesIt() {
        Fleet fleet = Fleet.of(server, 1);
        String device = fleet.names().get(0);
        String firstJob = fleet.create(fleet.staticJob(fleet.firmware("2.0", false), "ALL"));
        // OverwriteMode 1 (default): the pending task stays; the second batch does not add one for this device
        fleet.call(fleet.staticJob(fleet.firmware("2.1", false), "ALL"));
        ListOTAUnfinishedTaskByDeviceRequest unfinished = new ListOTAUnfinishedTaskByDeviceRequest();
        unfinished.setIotId(fleet.devices.get(0).iotId());
        assertThat(fleet.call(unfinished).getData()).singleElement()
                .satisfies(t -> assertThat(t.getJobId()).isEqualTo(firstJob));

        var overwrite = fleet.staticJob(fleet.firmware("2.2", false), "ALL");
        overwrite.setOverwriteMode(2);
        String thirdJob = fleet.create(overwrite);
        assertThat(fleet.states(firstJob)).containsEntry(device, "CANCELED");
        assertThat(fleet.call(unfinished).getData()).singleElement()
                .satisfies(t -> assertThat(t.getJobId()).isEqualTo(thirdJob));
    }

    @Test
    void aScheduledBatchIsPlannedAndCancelScheduledTaskCancelsItsTasks() {
        Fleet fleet = Fleet.of(server, 2);
        var create = fleet.staticJob(fleet.firmware("2.0", false), "ALL");
        create.setScheduleTime(TestServer.SHARED_BATCH_CLOCK.millis() + 3_600_000);
        String jobId = fleet.create(create);
        assertThat(fleet.job(jobId).getJobStatus()).isEqualTo("PLANNED");
        CancelOTATaskByJobRequest cancel = new CancelOTATaskByJobRequest();
        cancel.setJobId(jobId);
        cancel.setCancelScheduledTask(true);
        assertThat(fleet.call(cancel).getSuccess()).isTrue();
        assertThat(fleet.states(jobId).values()).containsOnly("CANCELED");
    }

    @Test
    void aFailedTaskIsUpgradedAgainByReupgradeOtaTask() throws Exception {
        Fleet fleet = Fleet.of(server, 1);
        MqttDevice device = fleet.devices.get(0);
        MqttClient client = device.connect(server, "reupgrade-" + Fleet.shortId());
        BlockingQueue<String> pushes = new LinkedBlockingQueue<>();
        client.subscribe("/ota/device/upgrade/" + fleet.productKey + "/" + device.deviceName(), 1,
                (topic, message) -> pushes.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
        try {
            String jobId = fleet.create(fleet.staticJob(fleet.firmware("2.0", false), "ALL"));
            assertThat(pushes.poll(10, TimeUnit.SECONDS)).as("the upgrade push").contains("\"version\":\"2.0\"");
            client.publish("/ota/device/progress/" + fleet.productKey + "/" + device.deviceName(),
                    "{\"id\":\"2\",\"params\":{\"step\":\"-1\",\"desc\":\"flash write failed\"}}"
                            .getBytes(StandardCharsets.UTF_8), 1, false);
            long deadline = System.currentTimeMillis() + 10_000;
            while (!"FAILED".equals(fleet.states(jobId).get(device.deviceName()))) {
                assertThat(System.currentTimeMillis()).as("task FAILED").isLessThan(deadline);
                Thread.sleep(50);
            }
            var failed = fleet.tasks(jobId).get(device.deviceName());
            assertThat(failed.getTaskDesc()).contains("flash write failed");

            ReupgradeOTATaskRequest reupgrade = new ReupgradeOTATaskRequest();
            reupgrade.setJobId(jobId);
            reupgrade.setTaskIds(List.of(failed.getTaskId()));
            ReupgradeOTATaskResponse response = fleet.call(reupgrade);
            assertThat(response.getSuccess()).as(response.getErrorMessage()).isTrue();
            assertThat(fleet.states(jobId).get(device.deviceName())).isIn("QUEUED", "NOTIFIED");
            assertThat(pushes.poll(10, TimeUnit.SECONDS)).as("pushed again").contains("\"version\":\"2.0\"");
        } finally {
            client.disconnect();
            client.close();
        }
    }

    @Test
    void aBatchOfAnotherInstanceIsNotFound() {
        Fleet fleet = Fleet.of(server, 1);
        String jobId = fleet.create(fleet.staticJob(fleet.firmware("2.0", false), "ALL"));
        var query = new com.aliyuncs.iot.model.v20180120.QueryOTAJobRequest();
        query.setJobId(jobId);
        query.setIotInstanceId(TestServer.ACME_INSTANCE);
        var answer = fleet.call(query);
        assertThat(answer.getSuccess()).isFalse();
        assertThat(answer.getCode()).isEqualTo("iot.ota.InvalidJobId");
        assertThat(fleet.job(jobId).getJobId()).as("still there for its own instance").isEqualTo(jobId);
    }
}
