package io.updraft.batch;

/**
 * A device task: one device's upgrade in one batch. The TaskId on the wire is derived, not stored: the batch's
 * JobId followed by the task's row number ({@link TaskIds}), so a TaskId alone finds its row and its batch.
 */
public record Task(
        long pk,
        long jobPk,
        String jobId,
        String firmwareId,
        String productKey,
        String productName,
        long deviceId,
        String deviceName,
        String iotId,
        String moduleName,
        String srcVersion,
        String destVersion,
        TaskStatus status,
        int progress,
        String description,
        Integer timeoutMinutes,
        int attempts,
        Long retryAt,
        long gmtCreate,
        long gmtModified) {

    public String taskId() {
        return TaskIds.of(jobId, pk);
    }
}
