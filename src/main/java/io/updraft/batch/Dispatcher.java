package io.updraft.batch;

import io.updraft.firmware.Firmware;
import io.updraft.firmware.FirmwareRepository;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Moves batches along on every node, a round at a time (every {@link #ROUND_MILLIS} ms, or at once when woken):
 * starts PLANNED batches at their ScheduleTime, ends them at ScheduleFinishTime, times out tasks, requeues due
 * retries, and notifies QUEUED tasks of devices connected to this node — at most MaximumPerMinute devices per
 * batch in any 60 seconds, counted in the store under the batch's row lock, so the limit holds across nodes and
 * no task is claimed twice. A push is sent after the commit that marks its task NOTIFIED: a crash in between
 * leaves a NOTIFIED task, which is pushed again when its device subscribes.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    static final long ROUND_MILLIS = 500;
    private final JobRepository jobs;
    private final TaskRepository tasks;
    private final FirmwareRepository firmware;
    private final JobCompletion completion;
    private final TaskFailures failures;
    private final OfferBuilder offers;
    private final ChunkedExpansion expansion;
    private final LocalDevices local;
    private final Clock clock;
    private volatile UpgradeNotifier notifier = UpgradeNotifier.NONE;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    /** Rounds run only once started; before that (tests driving rounds by hand) a wake does nothing. */
    private volatile boolean started;

    /** Which devices are connected to this node: a condition on {@code d} (the device table) and its binding. */
    public record LocalDevices(String condition, String nodeId) {
        public static final LocalDevices ANY = new LocalDevices("", null);

        public static LocalDevices ofNode(String nodeId) {
            return new LocalDevices(" AND d.node_id = :node", nodeId);
        }
    }

    Dispatcher(JobRepository jobs, TaskRepository tasks, FirmwareRepository firmware, JobCompletion completion,
               TaskFailures failures, OfferBuilder offers, ChunkedExpansion expansion, LocalDevices local, Clock clock) {
        this.expansion = expansion;
        this.jobs = jobs;
        this.tasks = tasks;
        this.firmware = firmware;
        this.completion = completion;
        this.failures = failures;
        this.offers = offers;
        this.local = local;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "updraft-dispatcher");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the rounds; pushes go through {@code notifier} (the device channel of this node). */
    public void start(UpgradeNotifier notifier) {
        this.notifier = notifier;
        started = true;
        thread.scheduleWithFixedDelay(this::roundSafely, ROUND_MILLIS, ROUND_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Runs a round soon (a batch was created, a task confirmed, a device came online). */
    public void wake() {
        if (started && wakePending.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    wakePending.set(false);
                    roundSafely();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                wakePending.set(false);   // shutting down
            }
        }
    }

    private void roundSafely() {
        try {
            round();
        } catch (RuntimeException e) {
            // a failed round (database briefly away) must not end the schedule; the next round retries
            LOG.warn("dispatcher round failed, retrying: {}", e.toString());
        }
    }

    /** One pass over the batches that have work. Public for tests that drive the clock. */
    public void round() {
        long now = clock.millis();
        // Large batches' tasks first, for at most a round's period, then the notifications of what exists.
        expansion.continuePending(now, System.nanoTime() + ROUND_MILLIS * 1_000_000L);
        for (long jobPk : jobs.active(now)) {
            List<Push> pushes = jobs.jdbi().inTransaction(h -> advance(h, jobPk, now));
            for (Push p : pushes) {
                pushOrRequeue(p, now);
            }
        }
        // The rate window needs the last 60 s only; purging once a minute keeps the table small off the hot path.
        if (now - lastPurge >= 60_000) {
            tasks.purgeNotifications(now - 120_000);
            lastPurge = now;
        }
    }

    private long lastPurge;

    private record Push(String productKey, String deviceName, UpgradeOffer offer) {
    }

    private List<Push> advance(Handle h, long jobPk, long now) {
        Job job = jobs.lock(h, jobPk).orElse(null);
        if (job == null) {
            return List.of();
        }
        if (job.status() == JobStatus.PLANNED) {
            if (job.scheduleTime() == null || job.scheduleTime() > now) {
                return List.of();
            }
            jobs.setStatus(h, jobPk, JobStatus.IN_PROGRESS, now);
        } else if (job.status() != JobStatus.IN_PROGRESS) {
            return List.of();
        }
        if (job.scheduleFinishTime() != null && job.scheduleFinishTime() <= now) {
            finish(h, job, now);
            return List.of();
        }
        if (job.timeoutMinutes() != null) {
            for (Task late : timedOut(h, job, now)) {
                failures.fail(h, late, TaskTransition.TIME_OUT, "timeout", false, now);
            }
        }
        tasks.move(h, TaskTransition.REQUEUE, "job_pk = :job AND retry_at <= :now",
                "attempts = attempts + 1, due_at = :now, retry_at = NULL, progress = 0, started_at = NULL, notified_at = NULL",
                u -> u.bind("job", jobPk), null, now);
        List<Push> pushes = job.needPush() && !job.paused() ? notifyDue(h, job, now) : List.of();
        completion.settle(h, jobPk, now);
        return pushes;
    }

    private List<Task> timedOut(Handle h, Job job, long now) {
        List<Long> pks = h.createQuery("""
                        SELECT id FROM ota_task WHERE job_pk = :job AND status = 'IN_PROGRESS' AND started_at <= :deadline""")
                .bind("job", job.pk()).bind("deadline", now - job.timeoutMinutes() * 60_000L)
                .mapTo(Long.class).list();
        return tasks.get(h, pks);
    }

    /** ScheduleFinishTime: what is left is cancelled and the batch is complete. */
    private void finish(Handle h, Job job, long now) {
        tasks.move(h, TaskTransition.CANCEL, "job_pk = :job", null, u -> u.bind("job", job.pk()),
                "canceled at ScheduleFinishTime", now);
        h.createUpdate("""
                        UPDATE ota_task SET status = 'CANCELED', active = NULL, retry_at = NULL, gmt_modified = :now,
                            task_desc = 'canceled at ScheduleFinishTime'
                        WHERE job_pk = :job AND status = 'FAILED' AND retry_at IS NOT NULL""")
                .bind("now", now).bind("job", job.pk()).execute();
        jobs.setStatus(h, job.pk(), JobStatus.COMPLETED, now);
    }

    private int budget(Handle h, Job job, long now) {
        return Math.max(0, job.maximumPerMinute() - tasks.notifiedInLastMinute(h, job.pk(), now));
    }

    private List<Push> notifyDue(Handle h, Job job, long now) {
        int budget = budget(h, job, now);
        if (budget == 0) {
            return List.of();
        }
        List<Long> claimed = tasks.claimable(h, job.pk(), now, local.condition(),
                q -> { if (local.nodeId() != null) { q.bind("node", local.nodeId()); } }, budget);
        if (claimed.isEmpty()) {
            return List.of();
        }
        tasks.move(h, TaskTransition.NOTIFY, "id IN (<ids>)", "notified_at = :now", u -> u.bindList("ids", claimed),
                null, now);
        tasks.recordNotifications(h, job.pk(), claimed, now);
        Firmware pkg = firmware.get(h, job.firmwarePk()).orElseThrow();
        List<Push> pushes = new ArrayList<>();
        for (Task task : tasks.get(h, claimed)) {
            pushes.add(new Push(task.productKey(), task.deviceName(), offers.offer(task, job, pkg)));
        }
        return pushes;
    }

    /** A pull (firmware/get) of a QUEUED task: notifies it if the batch runs and its rate allows, inside the pull's transaction. */
    boolean claimForPull(Handle h, Job job, Task task, long now) {
        if (task.status() != TaskStatus.QUEUED || job.status() != JobStatus.IN_PROGRESS || job.paused()
                || budget(h, job, now) == 0) {
            return false;
        }
        if (tasks.move(h, TaskTransition.NOTIFY, "id = :id AND due_at <= :now", "notified_at = :now",
                u -> u.bind("id", task.pk()), null, now) == 0) {
            return false;
        }
        tasks.recordNotifications(h, job.pk(), List.of(task.pk()), now);
        return true;
    }

    /**
     * A claimed task's push; when the device's session does not take it (the device went away, or has connected
     * but not subscribed yet), the task goes back to QUEUED, due a little later, so a later round tells it again
     * rather than leaving it NOTIFIED with nothing sent. Under the device's lock: the re-push on subscribe
     * ({@link #repush}) either sees the task NOTIFIED after a push that went out, or QUEUED — never in between,
     * so a device gets one push per attempt. (Only this node pushes to the devices connected to it.)
     */
    private void pushOrRequeue(Push p, long now) {
        synchronized (deviceLock(p.productKey(), p.deviceName())) {
            if (!push(p.productKey(), p.deviceName(), p.offer())) {
                jobs.jdbi().useHandle(h -> tasks.move(h, TaskTransition.UNDELIVERED, "id = :id",
                        "due_at = :due, notified_at = NULL", u -> u.bind("id", p.offer().taskPk())
                                .bind("due", now + UNDELIVERED_DELAY_MILLIS), null, now));
            }
        }
    }

    /** A device subscribed to its upgrade topic: its NOTIFIED tasks (read by {@code notified}) are pushed again. */
    void repush(String productKey, String deviceName, java.util.function.Supplier<List<UpgradeOffer>> notified) {
        synchronized (deviceLock(productKey, deviceName)) {
            for (UpgradeOffer offer : notified.get()) {
                push(productKey, deviceName, offer);
            }
        }
    }

    private static final long UNDELIVERED_DELAY_MILLIS = 2_000;
    private final Object[] deviceLocks = java.util.stream.Stream.generate(Object::new).limit(64).toArray();

    private Object deviceLock(String productKey, String deviceName) {
        return deviceLocks[Math.floorMod((productKey + "/" + deviceName).hashCode(), deviceLocks.length)];
    }

    boolean push(String productKey, String deviceName, UpgradeOffer offer) {
        try {
            if (notifier.push(productKey, deviceName, offer)) {
                return true;
            }
            LOG.info("{}/{} did not take the push of task {} (not connected here or not subscribed)", productKey,
                    deviceName, offer.taskPk());
        } catch (RuntimeException e) {
            LOG.warn("Could not push task {} to {}/{}: {}", offer.taskPk(), productKey, deviceName, e.toString());
        }
        return false;
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
