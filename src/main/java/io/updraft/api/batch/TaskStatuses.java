package io.updraft.api.batch;

import io.updraft.batch.TaskStatus;
import io.updraft.error.ApiException;
import io.updraft.error.ErrorCode;

/** A TaskStatus parameter: one of Alibaba's seven names, exactly as spelled; else {@code iot.firmware.InvalidTaskStatus}. */
final class TaskStatuses {
    private TaskStatuses() {
    }

    static TaskStatus parse(String value) {
        for (TaskStatus status : TaskStatus.values()) {
            if (status.name().equals(value)) {
                return status;
            }
        }
        throw new ApiException(ErrorCode.TASK_STATUS_INVALID, value);
    }
}
