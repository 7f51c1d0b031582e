package io.updraft.batch;

import io.updraft.device.Device;
import io.updraft.device.DeviceRef;
import io.updraft.device.DeviceService;
import io.updraft.error.ApiException;
import io.updraft.error.ErrorCode;
import io.updraft.firmware.Firmware;
import io.updraft.firmware.FirmwareRepository;
import io.updraft.store.SqlErrors;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Device tasks as the API sees them: lists, cancellation, confirmation and re-upgrade (ota-api.md §A.4). */
public final class TaskService {
    public static final int MAX_CONFIRM = 10;
    public static final int MAX_REUPGRADE = 10;
    public static final int MAX_CANCEL_DEVICES = 200;
    public static final int MAX_LIST_DEVICES = 50;
    private final JobRepository jobs;
    private final TaskRepository tasks;
    private final FirmwareRepository firmware;
    private final DeviceService devices;
    private final JobCompletion completion;
    private final ChunkedExpansion expansion;
    private final Runnable wakeDispatcher;
    private final Clock clock;

    TaskService(JobRepository jobs, TaskRepository tasks, FirmwareRepository firmware, DeviceService devices,
                JobCompletion completion, ChunkedExpansion expansion, Runnable wakeDispatcher, Clock clock) {
        this.expansion = expansion;
        this.jobs = jobs;
        this.tasks = tasks;
        this.firmware = firmware;
        this.devices = devices;
        this.completion = completion;
        this.wakeDispatcher = wakeDispatcher;
        this.clock = clock;
    }

    /** ListOTATaskByJob; with {@code deviceNames} (at most 50) paging is ignored. {@code status} null = all. */
    public Page<Task> listByJob(String accountId, String instanceId, String jobId, TaskStatus status,
                                List<String> deviceNames, int currentPage, int pageSize) {
        Job job = job(accountId, instanceId, jobId);
        if (deviceNames != null && !deviceNames.isEmpty()) {
            if (deviceNames.size() > MAX_LIST_DEVICES) {
                throw new ApiException(ErrorCode.TARGET_DEVICES_INVALID,
                        "DeviceNames.N takes at most " + MAX_LIST_DEVICES + " device names.");
            }
            List<Task> found = tasks.listByJobAndDevices(job.pk(), status, deviceNames);
            return new Page<>(found, found.size());
        }
        int offset = (currentPage - 1) * pageSize;
        return new Page<>(tasks.listByJob(job.pk(), status, offset, pageSize), tasks.countByJob(job.pk(), status));
    }

    /** ListOTAUnfinishedTaskByDevice; {@code module} null = all modules, {@code statuses} empty = all unfinished. */
    public List<Task> unfinishedByDevice(String accountId, String instanceId, DeviceRef device, String module,
                                         Set<TaskStatus> statuses) {
        for (TaskStatus s : statuses) {
            if (!s.unfinished()) {
                throw new ApiException(ErrorCode.TASK_STATUS_INVALID, s + " is not an unfinished state "
                        + "(use CONFIRM, QUEUED, NOTIFIED or IN_PROGRESS).");
            }
        }
        Device found = devices.get(accountId, instanceId, device);
        return tasks.unfinishedOfDevice(found.id()).stream()
                .filter(t -> module == null || t.moduleName().equalsIgnoreCase(module))
                .filter(t -> statuses.isEmpty() || statuses.contains(t.status()))
                .toList();
    }

    public void cancelByJob(String accountId, String instanceId, String jobId, CancelScope scope) {
        if (!scope.any()) {
            throw new ApiException(ErrorCode.CANCEL_SCOPE_EMPTY);
        }
        long now = clock.millis();
        jobs.jdbi().useTransaction(h -> {
            Job job = lockedJob(h, accountId, instanceId, jobId);
            Set<TaskStatus> states = job.status() == JobStatus.PLANNED
                    ? (scope.scheduled() ? TaskStatus.UNFINISHED : Set.of()) : scope.states();
            if (!states.isEmpty()) {
                tasks.move(h, TaskTransition.CANCEL, "job_pk = :job AND status IN (<states>)", null,
                        u -> u.bind("job", job.pk()).bindList("states", TaskRepository.names(states)),
                        "canceled by CancelOTATaskByJob", now);
            }
            if (states.contains(TaskStatus.QUEUED)) {
                cancelPendingRetries(h, "job_pk = :job", job.pk(), now);
            }
            if (states.contains(ChunkedExpansion.initialStatus(job))) {
                expansion.stop(h, job.pk());   // the devices not expanded yet would be cancelled at once
            }
            if (job.status() == JobStatus.PLANNED && scope.scheduled()) {
                jobs.setStatus(h, job.pk(), JobStatus.CANCELED, now);
            }
            completion.settle(h, job.pk(), now);
        });
    }

    /** A FAILED task waiting for its automatic retry is cancelled with the queued ones: it would be queued again. */
    private void cancelPendingRetries(Handle h, String where, long jobPk, long now) {
        h.createUpdate("UPDATE ota_task SET status = 'CANCELED', active = NULL, retry_at = NULL, gmt_modified = :now"
                        + " WHERE status = 'FAILED' AND retry_at IS NOT NULL AND " + where)
                .bind("now", now).bind("job", jobPk).execute();
    }

    /** CancelOTATaskByDevice: QUEUED, NOTIFIED and IN_PROGRESS tasks of the package for these devices. */
    public void cancelByDevice(String accountId, String instanceId, String firmwareId, String productKey,
                               List<String> deviceNames, String jobId) {
        if (deviceNames.isEmpty()) {
            throw ApiException.missing("DeviceName");
        }
        JobRules.deviceNames(deviceNames, MAX_CANCEL_DEVICES, "DeviceName.N");
        long now = clock.millis();
        Firmware pkg = firmware.find(accountId, firmwareId).filter(f -> f.instanceId().equals(instanceId))
                .orElseThrow(() -> new ApiException(ErrorCode.FIRMWARE_NOT_FOUND));
        if (!pkg.productKey().equals(productKey)) {
            throw new ApiException(ErrorCode.FIRMWARE_PRODUCT_MISMATCH);
        }
        Job only = jobId == null || jobId.isEmpty() ? null : job(accountId, instanceId, jobId);
        if (only != null && only.firmwarePk() != pkg.pk()) {
            throw new ApiException(ErrorCode.JOB_NOT_FOUND);
        }
        jobs.jdbi().useTransaction(h -> {
            List<Long> jobPks = h.createQuery("""
                            SELECT DISTINCT t.job_pk FROM ota_task t JOIN device d ON d.id = t.device_id
                            JOIN ota_job j ON j.id = t.job_pk
                            WHERE j.firmware_pk = :f AND d.product_id = :p AND d.name IN (<names>) AND t.active = TRUE
                            ORDER BY t.job_pk""")
                    .bind("f", pkg.pk()).bind("p", pkg.productId()).bindList("names", deviceNames)
                    .mapTo(Long.class).list();
            for (long jobPk : jobPks) {
                if (only != null && jobPk != only.pk()) {
                    continue;
                }
                jobs.lock(h, jobPk);
                String where = "job_pk = :job AND device_id IN (SELECT id FROM device WHERE product_id = :p AND name IN (<names>))";
                tasks.move(h, TaskTransition.CANCEL, where + " AND status IN ('QUEUED', 'NOTIFIED', 'IN_PROGRESS')", null,
                        u -> u.bind("job", jobPk).bind("p", pkg.productId()).bindList("names", deviceNames),
                        "canceled by CancelOTATaskByDevice", now);
                completion.settle(h, jobPk, now);
            }
        });
    }

    public void confirm(String accountId, String instanceId, List<String> taskIds) {
        List<TaskIds.Parsed> ids = parse(taskIds, MAX_CONFIRM);
        long now = clock.millis();
        jobs.jdbi().useTransaction(h -> {
            List<Task> found = own(h, accountId, instanceId, ids);
            for (Task t : found) {
                if (t.status() != TaskStatus.CONFIRM) {
                    throw new ApiException(ErrorCode.INVALID_TASK_EXIST, t.taskId() + " is " + t.status()
                            + ", not CONFIRM.");
                }
            }
            for (Task t : found) {
                jobs.lock(h, t.jobPk());
                tasks.move(h, TaskTransition.CONFIRMED, "id = :id", "due_at = :now", u -> u.bind("id", t.pk()), null, now);
            }
        });
        wakeDispatcher.run();
    }

    public void reupgrade(String accountId, String instanceId, String jobId, List<String> taskIds) {
        List<TaskIds.Parsed> ids = parse(taskIds, MAX_REUPGRADE);
        long now = clock.millis();
        try {
            jobs.jdbi().useTransaction(h -> {
                Job job = lockedJob(h, accountId, instanceId, jobId);
                if (job.status() == JobStatus.CANCELED) {
                    throw new ApiException(ErrorCode.JOB_CANCELED);
                }
                for (TaskIds.Parsed id : ids) {
                    if (!id.jobId().equals(job.jobId())) {
                        throw new ApiException(ErrorCode.UNMATCHED_JOB, TaskIds.of(id.jobId(), id.taskPk())
                                + " is not a task of " + job.jobId() + ".");
                    }
                }
                List<Task> found = own(h, accountId, instanceId, ids);
                if (found.stream().noneMatch(t -> t.status() == TaskStatus.FAILED)) {
                    throw new ApiException(ErrorCode.FAILED_TASK_NOT_FOUND);
                }
                for (Task t : found) {
                    if (t.status() != TaskStatus.FAILED) {
                        throw new ApiException(ErrorCode.INVALID_TASK_EXIST, t.taskId() + " is " + t.status()
                                + ", not FAILED.");
                    }
                }
                for (Task t : found) {
                    tasks.move(h, TaskTransition.REQUEUE, "id = :id",
                            "due_at = :now, retry_at = NULL, progress = 0, started_at = NULL, notified_at = NULL",
                            u -> u.bind("id", t.pk()), "upgrading again (ReupgradeOTATask)", now);
                }
                if (job.status() == JobStatus.COMPLETED) {
                    jobs.setStatus(h, job.pk(), JobStatus.IN_PROGRESS, now);
                }
            });
        } catch (RuntimeException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new ApiException(ErrorCode.DEVICE_NOT_REUPGRADED);
            }
            throw e;
        }
        wakeDispatcher.run();
    }

    private static List<TaskIds.Parsed> parse(List<String> taskIds, int max) {
        if (taskIds.isEmpty()) {
            throw ApiException.missing("TaskId");
        }
        if (taskIds.size() > max) {
            throw new ApiException(ErrorCode.TOO_MANY_TASKS, max);
        }
        List<TaskIds.Parsed> parsed = new ArrayList<>();
        for (String id : new LinkedHashSet<>(taskIds)) {
            parsed.add(TaskIds.parse(id).orElseThrow(() -> new ApiException(ErrorCode.TASK_ID_INVALID)));
        }
        return parsed;
    }

    /** The tasks, each of a batch of the caller's account and instance; any other is "not existed". */
    private List<Task> own(Handle h, String accountId, String instanceId, List<TaskIds.Parsed> ids) {
        List<Task> found = tasks.get(h, ids.stream().map(TaskIds.Parsed::taskPk).toList());
        for (TaskIds.Parsed id : ids) {
            Task task = found.stream().filter(t -> t.pk() == id.taskPk()).findFirst().orElse(null);
            Job job = task == null ? null : jobs.get(h, task.jobPk()).orElse(null);
            if (task == null || !task.jobId().equals(id.jobId()) || !job.accountId().equals(accountId)
                    || !job.instanceId().equals(instanceId)) {
                throw new ApiException(ErrorCode.TASK_ID_INVALID);
            }
        }
        return found;
    }

    private Job job(String accountId, String instanceId, String jobId) {
        return jobs.find(accountId, instanceId, jobId).orElseThrow(() -> new ApiException(ErrorCode.JOB_NOT_FOUND));
    }

    private Job lockedJob(Handle h, String accountId, String instanceId, String jobId) {
        return jobs.find(h, accountId, instanceId, jobId, true).orElseThrow(() -> new ApiException(ErrorCode.JOB_NOT_FOUND));
    }
}
