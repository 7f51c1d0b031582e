package io.updraft.batch;

import io.updraft.firmware.Firmware;
import io.updraft.firmware.FirmwareRepository;
import org.jdbi.v3.core.Handle;

import java.util.Map;

/**
 * What follows from tasks becoming final, decided under the batch's row lock: a static or verification batch
 * with nothing left to do is COMPLETED (a dynamic batch runs until its policy is cancelled), and a verification
 * batch sets its package's verification state and progress.
 */
final class JobCompletion {
    private final JobRepository jobs;
    private final TaskRepository tasks;
    private final FirmwareRepository firmware;
    private final ChunkedExpansion expansion;

    JobCompletion(JobRepository jobs, TaskRepository tasks, FirmwareRepository firmware, ChunkedExpansion expansion) {
        this.jobs = jobs;
        this.tasks = tasks;
        this.firmware = firmware;
        this.expansion = expansion;
    }

    /** Call inside the transaction that changed the batch's tasks, after the changes. */
    void settle(Handle h, long jobPk, long now) {
        Job job = jobs.lock(h, jobPk).orElse(null);
        if (job == null || job.status() != JobStatus.IN_PROGRESS) {
            return;
        }
        if (job.type() == JobType.VERIFY) {
            Map<TaskStatus, Integer> counts = tasks.countsByStatus(h, jobPk);
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            int succeeded = counts.get(TaskStatus.SUCCEEDED);
            boolean done = !tasks.hasWork(h, jobPk) && !expansion.pending(h, jobPk);
            int status = !done ? Firmware.STATUS_VERIFYING
                    : total > 0 && succeeded == total ? Firmware.STATUS_VERIFIED : Firmware.STATUS_VERIFY_FAILED;
            firmware.setVerification(h, job.firmwarePk(), status, total == 0 ? 0 : succeeded * 100 / total, now);
        }
        if (!job.dynamic() && !tasks.hasWork(h, jobPk) && !expansion.pending(h, jobPk)) {
            jobs.setStatus(h, jobPk, JobStatus.COMPLETED, now);
        }
    }
}
