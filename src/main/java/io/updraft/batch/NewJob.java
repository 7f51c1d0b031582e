package io.updraft.batch;

import java.util.List;

/**
 * A batch as the creating Action received it, before the rules of ota-api.md §A.3/§B.4 are checked
 * ({@link JobRules}). Absent optional parameters are null (lists: empty).
 */
public record NewJob(
        JobType type,
        String selectionType,
        String productKey,
        String firmwareId,
        String targetSelection,
        List<String> targetDeviceNames,
        String dnListFileUrl,
        String grayPercent,
        String groupId,
        String groupType,
        List<String> srcVersions,
        Integer dynamicMode,
        Long scheduleTime,
        Long scheduleFinishTime,
        Integer timeoutMinutes,
        Integer retryInterval,
        Integer retryCount,
        Integer maximumPerMinute,
        Boolean needPush,
        Boolean needConfirm,
        Integer overwriteMode,
        Boolean multiModuleMode,
        String downloadProtocol,
        List<Tag> tags) {
}
