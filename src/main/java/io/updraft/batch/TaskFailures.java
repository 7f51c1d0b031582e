package io.updraft.batch;

import org.jdbi.v3.core.Handle;

/**
 * A task failing, and Alibaba's automatic retry (RetryInterval minutes, RetryCount times): a failed task that has
 * retries left keeps its device's slot and goes back to QUEUED at its retry time; a timeout is never retried.
 */
final class TaskFailures {
    private final JobRepository jobs;
    private final TaskRepository tasks;

    TaskFailures(JobRepository jobs, TaskRepository tasks) {
        this.jobs = jobs;
        this.tasks = tasks;
    }

    /** The device's words when it gave some, else what its step means (ota-api.md §F.4). */
    static String reason(int step, String desc) {
        if (desc != null && !desc.isBlank()) {
            return desc.length() > 256 ? desc.substring(0, 256) : desc;
        }
        return switch (step) {
            case -2 -> "download failed";
            case -3 -> "verification failed";
            case -4 -> "flashing failed";
            default -> "upgrade failed";
        };
    }

    /** @return whether the task failed now (it was in a state the transition starts from) */
    boolean fail(Handle h, Task task, TaskTransition transition, String reason, boolean retryable, long now) {
        if (tasks.move(h, transition, "id = :id", null, u -> u.bind("id", task.pk()), reason, now) == 0) {
            return false;
        }
        Job job = jobs.get(h, task.jobPk()).orElseThrow();
        if (retryable && job.retryInterval() != null && job.retryCount() != null && task.attempts() < job.retryCount()) {
            tasks.scheduleRetry(h, task.pk(), now + job.retryInterval() * 60_000L);
        }
        return true;
    }
}
