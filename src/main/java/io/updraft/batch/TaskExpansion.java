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
    }

    /** @return the number of tasks created */
    static int expand(Handle h, Job job, Target target, TaskStatus initial, long dueAt, long now) {
        boolean overwrite = job.overwriteMode() == 2;
        String from = """
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
                + ")";
        String limit = "";
        if (target.grayPercent() != null) {
            int eligible = bind(h.createQuery("SELECT COUNT(*)" + from), job, target).mapTo(Integer.class).one();
            limit = " ORDER BY RANDOM() FETCH FIRST " + JobRules.grayCount(eligible, target.grayPercent()) + " ROWS ONLY";
        }
        int created = bind(h.createUpdate("""
                        INSERT INTO ota_task (job_pk, device_id, module_name, status, active, src_version, progress,
                            attempts, due_at, gmt_create, gmt_modified)
                        SELECT :job, d.id, :module, :status, """ + (overwrite ? "NULL" : "TRUE")
                        + ", v.version, 0, 0, :due, :now, :now" + from + limit), job, target)
                .bind("status", initial.name()).bind("due", dueAt).bind("now", now).bind("module", job.moduleName())
                .execute();
        if (overwrite && created > 0) {
            // OverwriteMode 2: the new tasks replace the devices' pending tasks of the module, then take their slot.
            h.createUpdate("""
                            UPDATE ota_task SET status = 'CANCELED', active = NULL, gmt_modified = :now,
                                task_desc = :desc
                            WHERE active = TRUE AND LOWER(module_name) = :moduleLc
                            AND status IN ('CONFIRM', 'QUEUED', 'NOTIFIED')
                            AND device_id IN (SELECT device_id FROM ota_task WHERE job_pk = :job)""")
                    .bind("now", now).bind("desc", "overwritten by job " + job.jobId())
                    .bind("moduleLc", job.moduleName().toLowerCase(Locale.ROOT)).bind("job", job.pk()).execute();
            h.createUpdate("UPDATE ota_task SET active = TRUE WHERE job_pk = :job AND active IS NULL AND status = :status")
                    .bind("job", job.pk()).bind("status", initial.name()).execute();
        }
        return created;
    }

    private static <T extends SqlStatement<T>> T bind(T statement, Job job, Target target) {
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
