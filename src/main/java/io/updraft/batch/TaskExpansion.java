package io.updraft.batch;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Turns a batch's target into tasks with set-based SQL (one INSERT … SELECT whatever the fleet's size): the
 * product's devices, minus those already on the DestVersion, those whose reported version is not a source version
 * of the batch (or of a delta package), and those that already have an unfinished task the batch may not replace.
 * Runs inside the creating transaction, which holds the product's row lock, so concurrent batches of one product
 * see each other's tasks.
 */
final class TaskExpansion {
    /** A device is matched by one version-based dynamic batch at most this often (ota-api.md §B.4). */
    static final int MAX_DYNAMIC_MATCHES = 10;

    private TaskExpansion() {
    }

    /** Who the tasks are for. {@code deviceId} narrows to one device (a dynamic batch matching a report). */
    record Target(List<String> deviceNames, BigDecimal grayPercent, List<String> srcVersions, Long deviceId) {
        /** A whole-fleet target (ALL or GRAY): the only kind worth expanding in chunks. */
        boolean wholeFleet() {
            return deviceNames == null && deviceId == null;
        }
    }

    /** Device ids {@code (after, until]}: one chunk of a large batch. */
    record IdRange(long after, long until) {
    }

    /** @return the number of tasks created */
    static int expand(Handle h, Job job, Target target, TaskStatus initial, long dueAt, long now) {
        Integer take = target.grayPercent() == null ? null
                : JobRules.grayCount(eligible(h, job, target, null), target.grayPercent());
        return expand(h, job, target, null, take, initial, dueAt, now);
    }

    /** The devices of {@code range} (all when null) that the batch would create a task for. */
    static int eligible(Handle h, Job job, Target target, IdRange range) {
        return bind(h.createQuery("SELECT COUNT(*)" + from(job, target, range)), job, target, range)
                .mapTo(Integer.class).one();
    }

    /**
     * Creates the tasks of {@code range} (all devices when null); with {@code take}, only that many, chosen at random.
     * @return the number of tasks created
     */
    static int expand(Handle h, Job job, Target target, IdRange range, Integer take, TaskStatus initial, long dueAt,
                      long now) {
        if (take != null && take == 0) {
            return 0;
        }
        boolean overwrite = job.overwriteMode() == 2;
        String from = from(job, target, range);
        String limit = take == null ? "" : " ORDER BY RANDOM() FETCH FIRST " + take + " ROWS ONLY";
        int created = bind(h.createUpdate("""
                        INSERT INTO ota_task (job_pk, device_id, module_name, status, active, src_version, progress,
                            attempts, due_at, gmt_create, gmt_modified)
                        SELECT :job, d.id, :module, :status, """ + (overwrite ? "NULL" : "TRUE")
                        + ", v.version, 0, 0, :due, :now, :now" + from + limit), job, target, range)
                .bind("status", initial.name()).bind("due", dueAt).bind("now", now).bind("module", job.moduleName())
                .execute();
        if (overwrite && created > 0) {
            replacePendingTasks(h, job, initial, now);
        }
        return created;
    }

    private static String from(Job job, Target target, IdRange range) {
        boolean overwrite = job.overwriteMode() == 2;
        return """
                 FROM device d LEFT JOIN device_module_version v ON v.device_id = d.id AND LOWER(v.module_name) = :moduleLc
                WHERE d.product_id = :product AND (v.version IS NULL OR v.version <> :dest)"""
                + (target.srcVersions().isEmpty() ? "" : " AND v.version IN (<src>)")
                + (target.deviceNames() == null ? "" : " AND d.name IN (<names>)")
                + (target.deviceId() == null ? "" : " AND d.id = :device")
                + (job.dynamic() ? " AND (SELECT COUNT(*) FROM ota_task c WHERE c.job_pk = :job AND c.device_id = d.id) < "
                + MAX_DYNAMIC_MATCHES : "")
                + " AND NOT EXISTS (SELECT 1 FROM ota_task o WHERE o.device_id = d.id AND o.active = TRUE"
                + (job.multiModuleMode() ? " AND LOWER(o.module_name) = :moduleLc" : "")
                + (overwrite ? " AND NOT (LOWER(o.module_name) = :moduleLc AND o.status IN ('CONFIRM', 'QUEUED', 'NOTIFIED'))" : "")
                + ")"
                + (range == null ? "" : " AND d.id > :after AND d.id <= :until");
    }

    /** OverwriteMode 2: the new tasks replace the devices' pending tasks of the module, then take their slot. */
    private static void replacePendingTasks(Handle h, Job job, TaskStatus initial, long now) {
        // job_pk <> :job: the batch's own tasks of earlier chunks hold their slots already and stay
        h.createUpdate("""
                        UPDATE ota_task SET status = 'CANCELED', active = NULL, gmt_modified = :now,
                            task_desc = :desc
                        WHERE active = TRUE AND LOWER(module_name) = :moduleLc AND job_pk <> :job
                        AND status IN ('CONFIRM', 'QUEUED', 'NOTIFIED')
                        AND device_id IN (SELECT device_id FROM ota_task WHERE job_pk = :job AND active IS NULL
                            AND status = :status)""")
                .bind("now", now).bind("desc", "overwritten by job " + job.jobId()).bind("status", initial.name())
                .bind("moduleLc", job.moduleName().toLowerCase(Locale.ROOT)).bind("job", job.pk()).execute();
        h.createUpdate("UPDATE ota_task SET active = TRUE WHERE job_pk = :job AND active IS NULL AND status = :status")
                .bind("job", job.pk()).bind("status", initial.name()).execute();
    }

    private static <T extends SqlStatement<T>> T bind(T statement, Job job, Target target, IdRange range) {
        if (range != null) {
            statement.bind("after", range.after()).bind("until", range.until());
        }
        statement.bind("job", job.pk()).bind("product", job.productId())
                .bind("moduleLc", job.moduleName().toLowerCase(Locale.ROOT)).bind("dest", job.destVersion());
        if (!target.srcVersions().isEmpty()) {
            statement.bindList("src", target.srcVersions());
        }
        if (target.deviceNames() != null) {
            statement.bindList("names", target.deviceNames());
        }
        if (target.deviceId() != null) {
            statement.bind("device", target.deviceId());
        }
        return statement;
    }
}
