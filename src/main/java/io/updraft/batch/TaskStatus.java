package io.updraft.batch;

import java.util.EnumSet;
import java.util.Set;

/** A device task's state, as Alibaba names it (ota-api.md §A.4). The transitions live in {@link TaskTransitions}. */
public enum TaskStatus {
    CONFIRM, QUEUED, NOTIFIED, IN_PROGRESS, SUCCEEDED, FAILED, CANCELED;

    /** The states ListOTAUnfinishedTaskByDevice lists: the task still holds the device's slot for its module. */
    public static final Set<TaskStatus> UNFINISHED = EnumSet.of(CONFIRM, QUEUED, NOTIFIED, IN_PROGRESS);

    public boolean unfinished() {
        return UNFINISHED.contains(this);
    }
}
