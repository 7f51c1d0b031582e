package io.updraft.batch;

import java.util.EnumSet;
import java.util.Set;

import static io.updraft.batch.TaskStatus.CANCELED;
import static io.updraft.batch.TaskStatus.CONFIRM;
import static io.updraft.batch.TaskStatus.FAILED;
import static io.updraft.batch.TaskStatus.IN_PROGRESS;
import static io.updraft.batch.TaskStatus.NOTIFIED;
import static io.updraft.batch.TaskStatus.QUEUED;
import static io.updraft.batch.TaskStatus.SUCCEEDED;

/**
 * The task state machine: every change of a task's state is one of these, applied by a conditional UPDATE
 * ({@code WHERE status IN from}), so concurrent events (a late progress report after a cancel, two nodes timing
 * out the same task) cannot move a task along an edge that is not drawn here. The README draws this diagram.
 */
enum TaskTransition {
    /** ConfirmOTATask. */
    CONFIRMED(QUEUED, CONFIRM),
    /** The dispatcher pushed the task, or the device pulled it. */
    NOTIFY(NOTIFIED, QUEUED),
    /** The push of a claimed task could not be handed to the device's session (it went, or has not subscribed yet). */
    UNDELIVERED(QUEUED, NOTIFIED),
    /** The first progress report; it starts the timeout clock. */
    START(IN_PROGRESS, QUEUED, NOTIFIED),
    /** The device reported the DestVersion. */
    SUCCEED(SUCCEEDED, CONFIRM, QUEUED, NOTIFIED, IN_PROGRESS),
    /** Progress -1..-4, or a version report that does not conform after progress 100. */
    FAIL(FAILED, NOTIFIED, IN_PROGRESS),
    /** TimeoutInMinutes passed since the first progress report; never retried. */
    TIME_OUT(FAILED, IN_PROGRESS),
    /** CancelOTATaskByJob / CancelOTATaskByDevice / ScheduleFinishTime / overwritten by a newer batch. */
    CANCEL(CANCELED, CONFIRM, QUEUED, NOTIFIED, IN_PROGRESS),
    /** A failed task whose automatic retry is due (RetryInterval), or ReupgradeOTATask. */
    REQUEUE(QUEUED, FAILED);

    final TaskStatus to;
    final Set<TaskStatus> from;

    TaskTransition(TaskStatus to, TaskStatus first, TaskStatus... rest) {
        this.to = to;
        this.from = EnumSet.of(first, rest);
    }
}
