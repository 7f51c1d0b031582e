package io.updraft.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Expands whole-fleet batches (ALL, GRAY, dynamic batches over current devices) in chunks of device ids, so that
 * creating a batch over 100,000 devices answers in the time of one chunk. The first chunk is expanded in the
 * creating transaction; what is left is recorded in {@code ota_job_expansion} and the dispatcher continues it, a
 * chunk per transaction under the product's row lock, the lock a creation takes: batches of one product still see
 * each other's tasks, and two nodes never expand the same chunk. The devices considered are those that existed
 * when the batch was created (ids up to the largest at that moment); a static batch is complete only once its
 * expansion is done. A GRAY batch fixes its device count at creation and spreads it over the chunks by drawing,
 * device by device, with the odds of the remaining count among the remaining eligible devices (selection
 * sampling): every eligible device has the same chance, and the count is exact unless devices stop being eligible
 * while the expansion runs.
 */
final class ChunkedExpansion {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Jdbi jdbi;
    private final JobRepository jobs;
    private final int chunkSize;

    ChunkedExpansion(Jdbi jdbi, JobRepository jobs, int chunkSize) {
        this.jdbi = jdbi;
        this.jobs = jobs;
        this.chunkSize = chunkSize;
    }

    private record Pending(long after, long until, List<String> srcVersions, Integer grayLeft, Integer grayPool) {
    }

    /** Inside the creating transaction, which holds the product's row lock: the first chunk, and the rest recorded. */
    void begin(Handle h, Job job, TaskExpansion.Target target, long now) {
        if (!target.wholeFleet()) {
            TaskExpansion.expand(h, job, target, initialStatus(job), dueAt(job), now);
            return;
        }
        Long until = h.createQuery("SELECT MAX(id) FROM device WHERE product_id = :p").bind("p", job.productId())
                .mapTo(Long.class).findOne().orElse(null);
        if (until == null) {
            return;
        }
        Integer grayLeft = null;
        Integer grayPool = null;
        if (target.grayPercent() != null) {
            grayPool = TaskExpansion.eligible(h, job, target, null);
            grayLeft = JobRules.grayCount(grayPool, target.grayPercent());
        }
        expandNext(h, job, new Pending(0, until, target.srcVersions(), grayLeft, grayPool), now);
    }

    /** Whether the batch still has devices to expand (a static batch is not complete before they are). */
    boolean pending(Handle h, long jobPk) {
        return h.createQuery("SELECT 1 FROM ota_job_expansion WHERE job_pk = :job").bind("job", jobPk)
                .mapTo(Integer.class).findOne().isPresent();
    }

    /** The batch stops expanding: its remaining devices would get tasks that are cancelled at once, or none at all. */
    void stop(Handle h, long jobPk) {
        h.createUpdate("DELETE FROM ota_job_expansion WHERE job_pk = :job").bind("job", jobPk).execute();
    }

    /** The dispatcher's share of a round: chunks, one transaction each, until {@code deadlineNanos}. */
    void continuePending(long now, long deadlineNanos) {
        List<Long> expanding = jdbi.withHandle(h -> h.createQuery("SELECT job_pk FROM ota_job_expansion ORDER BY job_pk")
                .mapTo(Long.class).list());
        for (long jobPk : expanding) {
            while (System.nanoTime() < deadlineNanos) {
                if (!jdbi.inTransaction(h -> step(h, jobPk, now))) {
                    break;
                }
            }
        }
    }

    /** One chunk of one batch. @return whether more chunks are left */
    private boolean step(Handle h, long jobPk, long now) {
        Optional<Long> productId = h.createQuery("SELECT product_id FROM ota_job WHERE id = :job")
                .bind("job", jobPk).mapTo(Long.class).findOne();
        if (productId.isEmpty()) {
            return false;
        }
        // Product first, then the batch and its cursor: the order of a creation, so the two never deadlock.
        h.createQuery("SELECT id FROM product WHERE id = :p FOR UPDATE").bind("p", productId.get())
                .mapTo(Long.class).findOne();
        Job job = jobs.lock(h, jobPk).orElse(null);
        Optional<Pending> pending = h.createQuery("""
                        SELECT after_device, until_device, src_versions, gray_left, gray_pool
                        FROM ota_job_expansion WHERE job_pk = :job""")
                .bind("job", jobPk)
                .map((rs, ctx) -> new Pending(rs.getLong(1), rs.getLong(2), read(rs.getString(3)),
                        (Integer) rs.getObject(4, Integer.class), (Integer) rs.getObject(5, Integer.class)))
                .findOne();
        if (pending.isEmpty()) {
            return false;
        }
        if (job == null || (job.status() != JobStatus.PLANNED && job.status() != JobStatus.IN_PROGRESS)) {
            stop(h, jobPk);
            return false;
        }
        return expandNext(h, job, pending.get(), now);
    }

    /** Expands the chunk after {@code p.after()} and records what is left. @return whether more is left */
    private boolean expandNext(Handle h, Job job, Pending p, long now) {
        long upper = h.createQuery("""
                        SELECT MAX(id) FROM (SELECT id FROM device WHERE product_id = :p AND id > :after AND id <= :until
                        ORDER BY id FETCH FIRST :n ROWS ONLY) chunk""")
                .bind("p", job.productId()).bind("after", p.after()).bind("until", p.until()).bind("n", chunkSize)
                .mapTo(Long.class).findOne().orElse(p.until());
        TaskExpansion.Target target = new TaskExpansion.Target(null, null, p.srcVersions(), null);
        TaskExpansion.IdRange range = new TaskExpansion.IdRange(p.after(), upper);
        Integer take = null;
        Integer grayLeft = p.grayLeft();
        Integer grayPool = p.grayPool();
        if (grayLeft != null) {
            int eligible = TaskExpansion.eligible(h, job, target, range);
            take = upper >= p.until() ? Math.min(grayLeft, eligible) : draw(grayLeft, grayPool, eligible);
            grayLeft -= take;
            grayPool = Math.max(0, grayPool - eligible);
        }
        TaskExpansion.expand(h, job, target, range, take, initialStatus(job), dueAt(job), now);
        boolean more = upper < p.until() && (grayLeft == null || grayLeft > 0);
        h.createUpdate("DELETE FROM ota_job_expansion WHERE job_pk = :job").bind("job", job.pk()).execute();
        if (more) {
            h.createUpdate("""
                            INSERT INTO ota_job_expansion (job_pk, after_device, until_device, src_versions, gray_left,
                                gray_pool) VALUES (:job, :after, :until, :src, :left, :pool)""")
                    .bind("job", job.pk()).bind("after", upper).bind("until", p.until())
                    .bind("src", write(p.srcVersions())).bind("left", grayLeft).bind("pool", grayPool).execute();
        }
        return more;
    }

    /** How many of {@code eligible} devices to pick when {@code left} are still to pick among {@code pool}. */
    static int draw(int left, int pool, int eligible) {
        int taken = 0;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < eligible && left > taken; i++) {
            int remainingPool = pool - i;
            if (remainingPool <= left - taken || random.nextInt(remainingPool) < left - taken) {
                taken++;
            }
        }
        return taken;
    }

    static TaskStatus initialStatus(Job job) {
        return job.needConfirm() ? TaskStatus.CONFIRM : TaskStatus.QUEUED;
    }

    private static long dueAt(Job job) {
        return job.scheduleTime() == null ? job.gmtCreate() : job.scheduleTime();
    }

    private static List<String> read(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable expansion row", e);
        }
    }

    private static String write(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
