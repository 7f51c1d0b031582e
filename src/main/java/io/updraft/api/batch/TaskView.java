package io.updraft.api.batch;

import io.updraft.api.ota.FirmwareTimes;
import io.updraft.batch.Task;

import java.util.Locale;
import java.util.Map;

import static io.updraft.api.ActionResult.object;

/** How a device task reads in ListOTATaskByJob and ListOTAUnfinishedTaskByDevice ({@code SimpleOTATaskInfo}). */
final class TaskView {
    private TaskView() {
    }

    /** ListOTATaskByJob's item: every field a String, Progress with two decimals ("0.00") as Alibaba shows it. */
    static Map<String, Object> ofJob(Task t) {
        return object(
                "TaskId", t.taskId(),
                "JobId", t.jobId(),
                "FirmwareId", t.firmwareId(),
                "ProductKey", t.productKey(),
                "ProductName", t.productName(),
                "DeviceName", t.deviceName(),
                "IotId", t.iotId(),
                "SrcVersion", t.srcVersion(),
                "DestVersion", t.destVersion(),
                "TaskStatus", t.status().name(),
                "Progress", String.format(Locale.ROOT, "%d.00", t.progress()),
                "TaskDesc", t.description(),
                "Timeout", t.timeoutMinutes() == null ? null : t.timeoutMinutes().toString(),
                "UtcCreate", FirmwareTimes.utc(t.gmtCreate()),
                "UtcModified", FirmwareTimes.utc(t.gmtModified()));
    }

    /** ListOTAUnfinishedTaskByDevice's item: no progress, but the module. */
    static Map<String, Object> ofDevice(Task t) {
        return object(
                "TaskId", t.taskId(),
                "JobId", t.jobId(),
                "FirmwareId", t.firmwareId(),
                "ProductKey", t.productKey(),
                "ProductName", t.productName(),
                "DeviceName", t.deviceName(),
                "IotId", t.iotId(),
                "ModuleName", t.moduleName(),
                "SrcVersion", t.srcVersion(),
                "DestVersion", t.destVersion(),
                "TaskStatus", t.status().name(),
                "UtcCreate", FirmwareTimes.utc(t.gmtCreate()),
                "UtcModified", FirmwareTimes.utc(t.gmtModified()));
    }
}
