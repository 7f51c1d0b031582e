package io.updraft.batch;

import java.util.List;

/**
 * An upgrade batch. {@code selectionType} is STATIC or DYNAMIC; {@code targetSelection} ALL, SPECIFIC or GRAY
 * (dynamic batches report ALL). Times are epoch milliseconds; optional settings are null when absent.
 */
public record Job(
        long pk,
        String jobId,
        String accountId,
        String instanceId,
        long productId,
        String productKey,
        long firmwarePk,
        String firmwareId,
        String firmwareName,
        String destVersion,
        String moduleName,
        JobType type,
        String selectionType,
        String targetSelection,
        String grayPercent,
        Integer dynamicMode,
        JobStatus status,
        boolean paused,
        List<String> srcVersions,
        List<Tag> tags,
        String description,
        Long scheduleTime,
        Long scheduleFinishTime,
        Integer timeoutMinutes,
        Integer retryInterval,
        Integer retryCount,
        int maximumPerMinute,
        boolean needPush,
        boolean needConfirm,
        int overwriteMode,
        boolean multiModuleMode,
        String downloadProtocol,
        long gmtCreate,
        long gmtModified,
        Long gmtStart,
        Long gmtEnd) {

    public static final String STATIC = "STATIC";
    public static final String DYNAMIC = "DYNAMIC";

    public boolean dynamic() {
        return DYNAMIC.equals(selectionType);
    }
}
