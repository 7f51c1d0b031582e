package io.updraft.batch;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Device tasks. Every state change goes through {@link #move}, which applies one {@link TaskTransition} as a
 * conditional UPDATE and keeps the {@code active} column (the one-unfinished-task-per-device-and-module slot) in
 * step with the state.
 */
final class TaskRepository {
    static final String SELECT = """
            SELECT t.*, j.job_id, j.timeout_minutes, f.firmware_id, f.dest_version, f.src_version AS package_src,
                   f.package_type, p.product_key, p.name AS product_name, d.name AS device_name, d.iot_id
            FROM ota_task t JOIN ota_job j ON j.id = t.job_pk JOIN firmware f ON f.id = j.firmware_pk
            JOIN product p ON p.id = j.product_id JOIN device d ON d.id = t.device_id""";
    private static final RowMapper<Task> MAPPER = (rs, ctx) -> new Task(rs.getLong("id"), rs.getLong("job_pk"),
            rs.getString("job_id"), rs.getString("firmware_id"), rs.getString("product_key"),
            rs.getString("product_name"), rs.getLong("device_id"), rs.getString("device_name"), rs.getString("iot_id"),
            rs.getString("module_name"), rs.getInt("package_type") == 1 ? rs.getString("package_src") : null,
            rs.getString("dest_version"), TaskStatus.valueOf(rs.getString("status")), rs.getInt("progress"),
            rs.getString("task_desc"), (Integer) rs.getObject("timeout_minutes", Integer.class), rs.getInt("attempts"),
            (Long) rs.getObject("retry_at", Long.class), rs.getLong("gmt_create"), rs.getLong("gmt_modified"));
    private final Jdbi jdbi;

    TaskRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Optional<Task> get(Handle h, long pk) {
        return h.createQuery(SELECT + " WHERE t.id = :pk").bind("pk", pk).map(MAPPER).findOne();
    }

    List<Task> get(Handle h, Collection<Long> pks) {
        if (pks.isEmpty()) {
            return List.of();
        }
        return h.createQuery(SELECT + " WHERE t.id IN (<pks>) ORDER BY t.id").bindList("pks", pks).map(MAPPER).list();
    }

    List<Task> listByJob(long jobPk, TaskStatus status, int offset, int limit) {
        // The page's ids first, from the (job_pk, id) index alone; the joins then run for those rows only.
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE t.id IN (SELECT id FROM ota_task WHERE job_pk = :job"
                        + (status == null ? "" : " AND status = :status")
                        + " ORDER BY id OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY) ORDER BY t.id")
                .bind("job", jobPk).bind("status", status == null ? null : status.name())
                .bind("offset", offset).bind("limit", limit).map(MAPPER).list());
    }

    List<Task> listByJobAndDevices(long jobPk, TaskStatus status, List<String> deviceNames) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE t.job_pk = :job AND d.name IN (<names>)"
                        + (status == null ? "" : " AND t.status = :status") + " ORDER BY t.id")
                .bind("job", jobPk).bindList("names", deviceNames)
                .bind("status", status == null ? null : status.name()).map(MAPPER).list());
    }

    int countByJob(long jobPk, TaskStatus status) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM ota_task WHERE job_pk = :job"
                        + (status == null ? "" : " AND status = :status"))
                .bind("job", jobPk).bind("status", status == null ? null : status.name())
                .mapTo(Integer.class).one());
    }

    Map<TaskStatus, Integer> countsByStatus(Handle h, long jobPk) {
        return countsByStatus(h.createQuery("SELECT status, COUNT(*) AS n FROM ota_task WHERE job_pk = :job GROUP BY status")
                .bind("job", jobPk));
    }

    /** Tasks of every account and batch by state (every state present, 0 when none). */
    Map<TaskStatus, Integer> countsByStatus() {
        return jdbi.withHandle(h -> countsByStatus(
                h.createQuery("SELECT status, COUNT(*) AS n FROM ota_task GROUP BY status")));
    }

    private static Map<TaskStatus, Integer> countsByStatus(Query query) {
        Map<TaskStatus, Integer> counts = new EnumMap<>(TaskStatus.class);
        for (TaskStatus s : TaskStatus.values()) {
            counts.put(s, 0);
        }
        query.map((rs, ctx) -> Map.entry(TaskStatus.valueOf(rs.getString("status")), rs.getInt("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** The device's unfinished tasks (or waiting for a retry), oldest first. */
    List<Task> activeOfDevice(Handle h, long deviceId) {
        return h.createQuery(SELECT + " WHERE t.device_id = :d AND t.active = TRUE ORDER BY t.id")
                .bind("d", deviceId).map(MAPPER).list();
    }

    List<Task> unfinishedOfDevice(long deviceId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE t.device_id = :d AND t.status IN (<states>) ORDER BY t.id")
                .bind("d", deviceId).bindList("states", names(TaskStatus.UNFINISHED)).map(MAPPER).list());
    }

    /** Whether the batch still has work: an unfinished task or a retry to come. */
    boolean hasWork(Handle h, long jobPk) {
        // the first row answers: settling runs every round, and a batch may have 100,000 tasks
        return h.createQuery("SELECT 1 FROM ota_task WHERE job_pk = :job AND active = TRUE FETCH FIRST 1 ROWS ONLY")
                .bind("job", jobPk).mapTo(Integer.class).findOne().isPresent();
    }

    /**
     * Applies {@code transition} to the tasks {@code where} selects (SQL on alias-free {@code ota_task} columns),
     * and only to those whose state the transition starts from. {@code set} adds column assignments.
     * @return the number of tasks moved
     */
    int move(Handle h, TaskTransition transition, String where, String set, Consumer<Update> binds, String desc, long now) {
        // A failed task frees its slot; scheduleRetry takes it back for a task that will be retried.
        String active = transition.to.unfinished() ? "TRUE" : "NULL";
        Update update = h.createUpdate("UPDATE ota_task SET status = :to, "
                        + (set == null ? "" : set + ", ")
                        + "active = " + active + ", task_desc = COALESCE(:desc, task_desc), gmt_modified = :now"
                        + " WHERE status IN (<from>) AND (" + where + ")")
                .bind("to", transition.to.name()).bind("desc", desc).bind("now", now)
                .bindList("from", names(transition.from));
        binds.accept(update);
        return update.execute();
    }

    /** A task that just failed keeps its device's slot until its automatic retry at {@code retryAt}. */
    void scheduleRetry(Handle h, long taskPk, long retryAt) {
        h.createUpdate("UPDATE ota_task SET retry_at = :r, active = TRUE WHERE id = :id AND status = 'FAILED'")
                .bind("r", retryAt).bind("id", taskPk).execute();
    }

    /** Locks the batch's due QUEUED tasks of devices connected to {@code node}, oldest first, at most {@code limit}. */
    List<Long> claimable(Handle h, long jobPk, long now, String nodeCondition, Consumer<org.jdbi.v3.core.statement.Query> binds,
                         int limit) {
        var query = h.createQuery("""
                        SELECT t.id FROM ota_task t
                        WHERE t.job_pk = :job AND t.status = 'QUEUED' AND t.due_at <= :now AND t.device_id IN (
                            SELECT d.id FROM device d WHERE d.connection_id IS NOT NULL
                        """ + nodeCondition + ") ORDER BY t.id FETCH FIRST :limit ROWS ONLY")
                .bind("job", jobPk).bind("now", now).bind("limit", limit);
        binds.accept(query);
        return query.mapTo(Long.class).list();
    }

    void recordNotifications(Handle h, long jobPk, List<Long> taskPks, long now) {
        var batch = h.prepareBatch("INSERT INTO ota_notification (job_pk, task_pk, notified_at) VALUES (:job, :task, :now)");
        for (long task : taskPks) {
            batch.bind("job", jobPk).bind("task", task).bind("now", now).add();
        }
        if (!taskPks.isEmpty()) {
            batch.execute();
        }
    }

    /** Devices notified by the batch in the 60 seconds before {@code now}. */
    int notifiedInLastMinute(Handle h, long jobPk, long now) {
        return h.createQuery("SELECT COUNT(*) FROM ota_notification WHERE job_pk = :job AND notified_at > :since")
                .bind("job", jobPk).bind("since", now - 60_000).mapTo(Integer.class).one();
    }

    int purgeNotifications(long before) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM ota_notification WHERE notified_at < :before")
                .bind("before", before).execute());
    }

    /** NOTIFIED/IN_PROGRESS tasks of a device: what a device that (re)subscribes should have been told. */
    List<Task> notifiedOfDevice(Handle h, long deviceId) {
        return h.createQuery(SELECT + " WHERE t.device_id = :d AND t.status IN ('NOTIFIED', 'IN_PROGRESS') ORDER BY t.id")
                .bind("d", deviceId).map(MAPPER).list();
    }

    static List<String> names(Collection<TaskStatus> states) {
        return states.stream().map(Enum::name).collect(Collectors.toList());
    }
}
