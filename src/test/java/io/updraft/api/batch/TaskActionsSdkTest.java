package io.updraft.api.batch;

import com.aliyuncs.http.FormatType;
import com.aliyuncs.iot.model.v20180120.CancelOTATaskByDeviceRequest;
import com.aliyuncs.iot.model.v20180120.CancelOTATaskByJobRequest;
import com.aliyuncs.iot.model.v20180120.ConfirmOTATaskRequest;
import com.aliyuncs.iot.model.v20180120.ConfirmOTATaskResponse;
import com.aliyuncs.iot.model.v20180120.ListOTATaskByJobRequest;
import com.aliyuncs.iot.model.v20180120.ListOTATaskByJobResponse;
import com.aliyuncs.iot.model.v20180120.ListOTAUnfinishedTaskByDeviceRequest;
import com.aliyuncs.iot.model.v20180120.ListOTAUnfinishedTaskByDeviceResponse;
import com.aliyuncs.iot.model.v20180120.ReupgradeOTATaskRequest;
import com.aliyuncs.iot.model.v20180120.ReupgradeOTATaskResponse;
import com.aliyun.iot20180120.models.ListOTATaskByJobResponseBody;
import com.aliyun.iot20180120.models.ListOTAUnfinishedTaskByDeviceResponseBody;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static io.updraft.api.batch.JobActionsSdkTest.UTC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The task Actions through each official client: lists read as the SDKs read them, and confirm / cancel / re-upgrade
 * acting on the tasks of batches over offline devices (nothing is pushed, so each task stays where the test put it).
 */
class TaskActionsSdkTest {
    private final TestServer server = TestServer.shared();

    /** A NeedConfirm static ALL batch over {@code devices} offline devices: every task waits in CONFIRM. */
    private static String confirmBatch(Fleet fleet) {
        var create = fleet.staticJob(fleet.firmware("2.0.0", false), "ALL");
        create.setNeedConfirm(true);
        create.setTimeoutInMinutes(45);
        return fleet.create(create);
    }

    @Test
    void coreSdkListsTheTasksOfABatch() throws Exception {
        Fleet fleet = Fleet.of(server, 3);
        String jobId = confirmBatch(fleet);
        ListOTATaskByJobRequest list = new ListOTATaskByJobRequest();
        list.setJobId(jobId);
        list.setPageSize(2);
        list.setCurrentPage(1);
        ListOTATaskByJobResponse first = fleet.core.getAcsResponse(list);
        assertThat(first.getSuccess()).as(first.getErrorMessage()).isTrue();
        assertThat(first.getTotal()).isEqualTo(3);
        assertThat(first.getPageCount()).isEqualTo(2);
        assertThat(first.getPageSize()).isEqualTo(2);
        assertThat(first.getCurrentPage()).isEqualTo(1);
        assertThat(first.getData()).hasSize(2);
        ListOTATaskByJobResponse.SimpleOTATaskInfo task = first.getData().get(0);
        assertThat(task.getTaskId()).startsWith(jobId).hasSizeGreaterThan(jobId.length());
        assertThat(task.getJobId()).isEqualTo(jobId);
        assertThat(task.getProductKey()).isEqualTo(fleet.productKey);
        assertThat(task.getProductName()).isNotEmpty();
        assertThat(fleet.names()).contains(task.getDeviceName());
        assertThat(task.getIotId()).isEqualTo(fleet.devices.stream()
                .filter(d -> d.deviceName().equals(task.getDeviceName())).findFirst().orElseThrow().iotId());
        assertThat(task.getDestVersion()).isEqualTo("2.0.0");
        assertThat(task.getTaskStatus()).isEqualTo("CONFIRM");
        assertThat(task.getProgress()).isEqualTo("0.00");
        assertThat(task.getTimeout()).isEqualTo("45");
        assertThat(task.getUtcCreate()).matches(UTC);
        assertThat(task.getUtcModified()).matches(UTC);

        list.setCurrentPage(2);
        ListOTATaskByJobResponse second = fleet.core.getAcsResponse(list);
        assertThat(second.getData()).hasSize(1);
        assertThat(second.getData().get(0).getTaskId()).isNotIn(first.getData().stream()
                .map(ListOTATaskByJobResponse.SimpleOTATaskInfo::getTaskId).toList());

        list.setCurrentPage(1);
        list.setTaskStatus("QUEUED");
        assertThat(fleet.core.getAcsResponse(list).getTotal()).isZero();

        ListOTATaskByJobRequest byName = new ListOTATaskByJobRequest();
        byName.setJobId(jobId);
        byName.setDeviceNamess(List.of(fleet.names().get(1)));
        byName.setPageSize(1);
        byName.setCurrentPage(3);
        ListOTATaskByJobResponse named = fleet.core.getAcsResponse(byName);
        assertThat(named.getData()).singleElement()
                .satisfies(t -> assertThat(t.getDeviceName()).isEqualTo(fleet.names().get(1)));

        // A new request: the core SDK keeps a query parameter once set (setTaskStatus(null) does not remove it).
        ListOTATaskByJobRequest all = new ListOTATaskByJobRequest();
        all.setJobId(jobId);
        all.setPageSize(100);
        all.setSysAcceptFormat(FormatType.XML);
        ListOTATaskByJobResponse xml = fleet.core.getAcsResponse(all);
        assertThat(xml.getData()).hasSize(3).allSatisfy(t -> assertThat(t.getTaskStatus()).isEqualTo("CONFIRM"));
    }

    @Test
    void coreSdkConfirmsListsUnfinishedAndCancelsTasks() throws Exception {
        Fleet fleet = Fleet.of(server, 3);
        String jobId = confirmBatch(fleet);
        Map<String, ListOTATaskByJobResponse.SimpleOTATaskInfo> tasks = fleet.tasks(jobId);
        String first = fleet.names().get(0);
        String second = fleet.names().get(1);

        ListOTAUnfinishedTaskByDeviceRequest unfinished = new ListOTAUnfinishedTaskByDeviceRequest();
        unfinished.setProductKey(fleet.productKey);
        unfinished.setDeviceName(first);
        ListOTAUnfinishedTaskByDeviceResponse pending = fleet.core.getAcsResponse(unfinished);
        assertThat(pending.getSuccess()).as(pending.getErrorMessage()).isTrue();
        assertThat(pending.getData()).singleElement().satisfies(t -> {
            assertThat(t.getTaskId()).isEqualTo(tasks.get(first).getTaskId());
            assertThat(t.getJobId()).isEqualTo(jobId);
            assertThat(t.getModuleName()).isEqualTo("default");
            assertThat(t.getTaskStatus()).isEqualTo("CONFIRM");
            assertThat(t.getDestVersion()).isEqualTo("2.0.0");
            assertThat(t.getIotId()).isEqualTo(fleet.devices.get(0).iotId());
            assertThat(t.getUtcCreate()).matches(UTC);
        });

        ConfirmOTATaskRequest confirm = new ConfirmOTATaskRequest();
        confirm.setTaskIds(List.of(tasks.get(first).getTaskId(), tasks.get(second).getTaskId()));
        ConfirmOTATaskResponse confirmed = fleet.core.getAcsResponse(confirm);
        assertThat(confirmed.getSuccess()).as(confirmed.getErrorMessage()).isTrue();
        assertThat(fleet.states(jobId)).containsEntry(first, "QUEUED").containsEntry(second, "QUEUED")
                .containsEntry(fleet.names().get(2), "CONFIRM");

        unfinished.setTaskStatus("CONFIRM");
        assertThat(fleet.core.getAcsResponse(unfinished).getData()).isEmpty();
        unfinished.setTaskStatus("QUEUED");
        unfinished.setModuleName("default");
        assertThat(fleet.core.getAcsResponse(unfinished).getData()).hasSize(1);

        CancelOTATaskByDeviceRequest byDevice = new CancelOTATaskByDeviceRequest();
        byDevice.setFirmwareId(tasks.get(first).getFirmwareId());
        byDevice.setProductKey(fleet.productKey);
        byDevice.setDeviceNames(List.of(first));
        byDevice.setJobId(jobId);
        assertThat(fleet.core.getAcsResponse(byDevice).getSuccess()).isTrue();
        assertThat(fleet.states(jobId)).containsEntry(first, "CANCELED").containsEntry(second, "QUEUED");

        CancelOTATaskByJobRequest byJob = new CancelOTATaskByJobRequest();
        byJob.setJobId(jobId);
        byJob.setCancelQueuedTask(true);
        assertThat(fleet.core.getAcsResponse(byJob).getSuccess()).isTrue();
        assertThat(fleet.states(jobId)).as("CancelQueuedTask alone also cancels CONFIRM tasks")
                .containsOnly(Map.entry(first, "CANCELED"), Map.entry(second, "CANCELED"),
                        Map.entry(fleet.names().get(2), "CANCELED"));

        ReupgradeOTATaskRequest reupgrade = new ReupgradeOTATaskRequest();
        reupgrade.setJobId(jobId);
        reupgrade.setTaskIds(List.of(tasks.get(first).getTaskId()));
        ReupgradeOTATaskResponse refused = fleet.core.getAcsResponse(reupgrade);
        assertThat(refused.getSuccess()).isFalse();
        assertThat(refused.getCode()).isEqualTo("iot.ota.FailedTaskNotFound");
    }

    @ParameterizedTest(name = "Tea SDK, V1 signature = {0}")
    @ValueSource(booleans = {false, true})
    void teaSdkListsConfirmsAndCancelsTasks(boolean v1) throws Exception {
        com.aliyun.iot20180120.Client tea = Sdk.tea(server, TestServer.ACME, v1);
        Fleet fleet = Fleet.of(server, 2);
        String jobId = confirmBatch(fleet);

        ListOTATaskByJobResponseBody listed = tea.listOTATaskByJob(new com.aliyun.iot20180120.models.ListOTATaskByJobRequest()
                .setJobId(jobId).setCurrentPage(1).setPageSize(10)).getBody();
        assertThat(listed.getTotal()).isEqualTo(2);
        assertThat(listed.getPageCount()).isEqualTo(1);
        List<ListOTATaskByJobResponseBody.ListOTATaskByJobResponseBodyDataSimpleOTATaskInfo> tasks =
                listed.getData().getSimpleOTATaskInfo();
        assertThat(tasks).hasSize(2).allSatisfy(t -> {
            assertThat(t.getTaskStatus()).isEqualTo("CONFIRM");
            assertThat(t.getProgress()).isEqualTo("0.00");
            assertThat(t.getTimeout()).isEqualTo("45");
        });
        String taskId = tasks.get(0).getTaskId();
        String deviceName = tasks.get(0).getDeviceName();
        assertThat(tea.listOTATaskByJob(new com.aliyun.iot20180120.models.ListOTATaskByJobRequest().setJobId(jobId)
                .setDeviceNames(List.of(deviceName))).getBody().getData().getSimpleOTATaskInfo())
                .singleElement().satisfies(t -> assertThat(t.getTaskId()).isEqualTo(taskId));

        assertThat(tea.confirmOTATask(new com.aliyun.iot20180120.models.ConfirmOTATaskRequest()
                .setTaskId(List.of(taskId))).getBody().getSuccess()).isTrue();
        ListOTAUnfinishedTaskByDeviceResponseBody unfinished = tea.listOTAUnfinishedTaskByDevice(
                new com.aliyun.iot20180120.models.ListOTAUnfinishedTaskByDeviceRequest()
                        .setProductKey(fleet.productKey).setDeviceName(deviceName)).getBody();
        assertThat(unfinished.getData().getSimpleOTATaskInfo()).singleElement().satisfies(t -> {
            assertThat(t.getTaskId()).isEqualTo(taskId);
            assertThat(t.getTaskStatus()).isEqualTo("QUEUED");
            assertThat(t.getModuleName()).isEqualTo("default");
        });

        assertThat(tea.cancelOTATaskByDevice(new com.aliyun.iot20180120.models.CancelOTATaskByDeviceRequest()
                .setFirmwareId(tasks.get(0).getFirmwareId()).setProductKey(fleet.productKey)
                .setDeviceName(List.of(deviceName))).getBody().getSuccess()).isTrue();
        assertThat(fleet.states(jobId)).containsEntry(deviceName, "CANCELED");

        assertThat(tea.cancelOTATaskByJob(new com.aliyun.iot20180120.models.CancelOTATaskByJobRequest()
                .setJobId(jobId).setCancelUnconfirmedTask(true)).getBody().getSuccess()).isTrue();
        assertThat(fleet.states(jobId).values()).containsOnly("CANCELED");

        var reupgrade = tea.reupgradeOTATask(new com.aliyun.iot20180120.models.ReupgradeOTATaskRequest()
                .setJobId(jobId).setTaskId(List.of(taskId))).getBody();
        assertThat(reupgrade.getSuccess()).isFalse();
        assertThat(reupgrade.getCode()).isEqualTo("iot.ota.FailedTaskNotFound");
    }
}
