package io.updraft.batch;

/**
 * A batch's state (ota-api.md §A.3): PLANNED until its ScheduleTime, IN_PROGRESS while it has work (a dynamic
 * batch stays IN_PROGRESS until its policy is cancelled), COMPLETED when every task is final, CANCELED.
 */
public enum JobStatus {
    PLANNED, IN_PROGRESS, COMPLETED, CANCELED
}
