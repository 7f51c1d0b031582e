package io.updraft.batch;

import io.updraft.device.DeviceRef;

import java.util.List;
import java.util.Set;

/** Device tasks as the API sees them: lists, cancellation, confirmation and re-upgrade (ota-api.md §A.4). */
public final class TaskService {
    public static final int MAX_CONFIRM = 10;
    public static final int MAX_REUPGRADE = 10;

    /** ListOTATaskByJob; with {@code deviceNames} (at most 50) paging is ignored. {@code status} null = all. */
    public Page<Task> listByJob(String accountId, String instanceId, String jobId, TaskStatus status,
                                List<String> deviceNames, int currentPage, int pageSize) {
        throw new UnsupportedOperationException("batch engine: in progress");
    }

    /** ListOTAUnfinishedTaskByDevice; {@code module} null = all modules, {@code statuses} empty = all unfinished. */
    public List<Task> unfinishedByDevice(String accountId, String instanceId, DeviceRef device, String module,
                                         Set<TaskStatus> statuses) {
        throw new UnsupportedOperationException("batch engine: in progress");
    }

    public void cancelByJob(String accountId, String instanceId, String jobId, CancelScope scope) {
        throw new UnsupportedOperationException("batch engine: in progress");
    }

    /** CancelOTATaskByDevice: QUEUED, NOTIFIED and IN_PROGRESS tasks of the package for these devices. */
    public void cancelByDevice(String accountId, String instanceId, String firmwareId, String productKey,
                               List<String> deviceNames, String jobId) {
        throw new UnsupportedOperationException("batch engine: in progress");
    }

    public void confirm(String accountId, String instanceId, List<String> taskIds) {
        throw new UnsupportedOperationException("batch engine: in progress");
    }

    public void reupgrade(String accountId, String instanceId, String jobId, List<String> taskIds) {
        throw new UnsupportedOperationException("batch engine: in progress");
    }
}
