package io.updraft.api.batch;

import io.updraft.api.ota.FirmwareTimes;
import io.updraft.batch.Job;
import io.updraft.batch.JobStatus;
import io.updraft.batch.Tag;

import java.util.List;
import java.util.Map;

import static io.updraft.api.ActionResult.object;

/**
 * How a batch reads in QueryOTAJob (detail) and in ListOTAJobByFirmware / ListOTAJobByDevice (summary): show-item
 * lists, {@code SrcVersions.SrcVersion[]} and {@code Tags.OtaTagDTO[]}; times as UTC strings; absent settings omitted.
 */
final class JobView {
    private JobView() {
    }

    static Map<String, Object> detail(Job j) {
        return object(
                "JobId", j.jobId(),
                "FirmwareId", j.firmwareId(),
                "ProductKey", j.productKey(),
                "Name", j.firmwareName(),
                "DestVersion", j.destVersion(),
                "JobDesc", j.description(),
                "JobStatus", j.status().name(),
                "JobType", j.type().wire(),
                "SelectionType", j.selectionType(),
                "TargetSelection", j.targetSelection(),
                "GrayPercent", j.grayPercent(),
                "DynamicMode", j.dynamic() ? j.dynamicMode() : null,
                "DownloadProtocol", j.downloadProtocol(),
                "MaximumPerMinute", j.maximumPerMinute(),
                "MultiModuleMode", j.multiModuleMode(),
                "NeedConfirm", j.needConfirm(),
                "NeedPush", j.needPush(),
                "OverwriteMode", j.overwriteMode(),
                "RetryCount", j.retryCount(),
                "RetryInterval", j.retryInterval(),
                "TimeoutInMinutes", j.timeoutMinutes(),
                "SrcVersions", object("SrcVersion", j.srcVersions()),
                "Tags", tags(j.tags()),
                "UtcCreate", FirmwareTimes.utc(j.gmtCreate()),
                "UtcModified", FirmwareTimes.utc(j.gmtModified()),
                "UtcStartTime", utc(j.gmtStart()),
                "UtcEndTime", utc(j.gmtEnd()),
                "UtcScheduleTime", utc(j.scheduleTime()),
                "UtcScheduleFinishTime", utc(j.scheduleFinishTime()));
    }

    /**
     * A list item. The list Actions document a finished batch as {@code COMPLETE} where QueryOTAJob says
     * {@code COMPLETED} (ota-api.md §A.3); each Action answers as Alibaba documents it.
     */
    static Map<String, Object> summary(Job j) {
        return object(
                "JobId", j.jobId(),
                "FirmwareId", j.firmwareId(),
                "ProductKey", j.productKey(),
                "JobStatus", j.status() == JobStatus.COMPLETED ? "COMPLETE" : j.status().name(),
                "JobType", j.type().wire(),
                "SelectionType", j.selectionType(),
                "TargetSelection", j.targetSelection(),
                "UtcCreate", FirmwareTimes.utc(j.gmtCreate()),
                "UtcModified", FirmwareTimes.utc(j.gmtModified()),
                "UtcStartTime", utc(j.gmtStart()),
                "UtcEndTime", utc(j.gmtEnd()),
                "Tags", tags(j.tags()));
    }

    private static Map<String, Object> tags(List<Tag> tags) {
        return object("OtaTagDTO", tags.stream().map(t -> object("Key", t.key(), "Value", t.value())).toList());
    }

    private static String utc(Long epochMillis) {
        return epochMillis == null ? null : FirmwareTimes.utc(epochMillis);
    }
}
