package io.updraft.batch;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which tasks CancelOTATaskByJob cancels (ota-api.md §A.4): CancelQueuedTask also cancels CONFIRM tasks when
 * CancelUnconfirmedTask is absent; CancelScheduledTask cancels the tasks of a batch that has not started yet.
 */
public record CancelScope(boolean scheduled, Boolean unconfirmed, boolean queued, boolean notified, boolean inProgress) {

    public boolean any() {
        return scheduled || Boolean.TRUE.equals(unconfirmed) || queued || notified || inProgress;
    }

    /** The task states this scope cancels in a started batch. */
    public Set<TaskStatus> states() {
        Set<TaskStatus> states = EnumSet.noneOf(TaskStatus.class);
        if (Boolean.TRUE.equals(unconfirmed) || (unconfirmed == null && queued)) {
            states.add(TaskStatus.CONFIRM);
        }
        if (queued) {
            states.add(TaskStatus.QUEUED);
        }
        if (notified) {
            states.add(TaskStatus.NOTIFIED);
        }
        if (inProgress) {
            states.add(TaskStatus.IN_PROGRESS);
        }
        return states;
    }
}
