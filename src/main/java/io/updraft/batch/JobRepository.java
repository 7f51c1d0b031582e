package io.updraft.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.List;
import java.util.Optional;

/** Batches, read together with their package and product. API lookups are scoped to an account and instance. */
final class JobRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SELECT = """
            SELECT j.*, p.product_key, f.firmware_id, f.name AS firmware_name, f.dest_version
            FROM ota_job j JOIN product p ON p.id = j.product_id JOIN firmware f ON f.id = j.firmware_pk""";
    private static final RowMapper<Job> MAPPER = (rs, ctx) -> new Job(rs.getLong("id"), rs.getString("job_id"),
            rs.getString("account_id"), rs.getString("instance_id"), rs.getLong("product_id"),
            rs.getString("product_key"), rs.getLong("firmware_pk"), rs.getString("firmware_id"),
            rs.getString("firmware_name"), rs.getString("dest_version"), rs.getString("module_name"),
            JobType.ofWire(rs.getString("job_type")), rs.getString("selection_type"), rs.getString("target_selection"),
            rs.getString("gray_percent"), (Integer) rs.getObject("dynamic_mode", Integer.class),
            JobStatus.valueOf(rs.getString("status")), rs.getBoolean("paused"),
            read(rs.getString("src_versions"), new TypeReference<List<String>>() { }),
            read(rs.getString("tags"), new TypeReference<List<Tag>>() { }), rs.getString("job_desc"),
            (Long) rs.getObject("schedule_time", Long.class), (Long) rs.getObject("schedule_finish_time", Long.class),
            (Integer) rs.getObject("timeout_minutes", Integer.class),
            (Integer) rs.getObject("retry_interval", Integer.class),
            (Integer) rs.getObject("retry_count", Integer.class), rs.getInt("maximum_per_minute"),
            rs.getBoolean("need_push"), rs.getBoolean("need_confirm"), rs.getInt("overwrite_mode"),
            rs.getBoolean("multi_module_mode"), rs.getString("download_protocol"), rs.getLong("gmt_create"),
            rs.getLong("gmt_modified"), (Long) rs.getObject("gmt_start", Long.class),
            (Long) rs.getObject("gmt_end", Long.class));
    private final Jdbi jdbi;

    JobRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    long insert(Handle h, Job j) {
        return h.createUpdate("""
                        INSERT INTO ota_job (job_id, account_id, instance_id, product_id, firmware_pk, module_name, job_type,
                            selection_type, target_selection, gray_percent, dynamic_mode, status, paused, src_versions, tags,
                            job_desc, schedule_time, schedule_finish_time, timeout_minutes, retry_interval, retry_count,
                            maximum_per_minute, need_push, need_confirm, overwrite_mode, multi_module_mode,
                            download_protocol, gmt_create, gmt_modified, gmt_start, gmt_end)
                        VALUES (:jobId, :accountId, :instanceId, :productId, :firmwarePk, :moduleName, :type,
                            :selectionType, :targetSelection, :grayPercent, :dynamicMode, :status, :paused, :srcVersions,
                            :tags, :description, :scheduleTime, :scheduleFinishTime, :timeoutMinutes, :retryInterval,
                            :retryCount, :maximumPerMinute, :needPush, :needConfirm, :overwriteMode, :multiModuleMode,
                            :downloadProtocol, :gmtCreate, :gmtModified, :gmtStart, :gmtEnd)""")
                .bindMethods(j)
                .bind("type", j.type().wire())
                .bind("status", j.status().name())
                .bind("srcVersions", write(j.srcVersions()))
                .bind("tags", write(j.tags()))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    Optional<Job> find(String accountId, String instanceId, String jobId) {
        return jdbi.withHandle(h -> find(h, accountId, instanceId, jobId, false));
    }

    /** With {@code forUpdate}, the batch row stays locked until the transaction ends: batch changes serialise. */
    Optional<Job> find(Handle h, String accountId, String instanceId, String jobId, boolean forUpdate) {
        if (forUpdate) {
            Optional<Long> pk = h.createQuery("""
                            SELECT id FROM ota_job WHERE job_id = :jobId AND account_id = :a AND instance_id = :i FOR UPDATE""")
                    .bind("jobId", jobId).bind("a", accountId).bind("i", instanceId).mapTo(Long.class).findOne();
            return pk.flatMap(id -> get(h, id));
        }
        return h.createQuery(SELECT + " WHERE j.job_id = :jobId AND j.account_id = :a AND j.instance_id = :i")
                .bind("jobId", jobId).bind("a", accountId).bind("i", instanceId).map(MAPPER).findOne();
    }

    Optional<Job> get(Handle h, long pk) {
        return h.createQuery(SELECT + " WHERE j.id = :pk").bind("pk", pk).map(MAPPER).findOne();
    }

    /** Locks the batch row (the dispatcher's and the Actions' common serialisation point) and reads it. */
    Optional<Job> lock(Handle h, long pk) {
        return h.createQuery("SELECT id FROM ota_job WHERE id = :pk FOR UPDATE").bind("pk", pk).mapTo(Long.class)
                .findOne().flatMap(id -> get(h, id));
    }

    List<Job> listByFirmware(long firmwarePk, int offset, int limit) {
        return jdbi.withHandle(h -> h.createQuery(SELECT
                        + " WHERE j.firmware_pk = :f ORDER BY j.id DESC OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY")
                .bind("f", firmwarePk).bind("offset", offset).bind("limit", limit).map(MAPPER).list());
    }

    int countByFirmware(long firmwarePk) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM ota_job WHERE firmware_pk = :f")
                .bind("f", firmwarePk).mapTo(Integer.class).one());
    }

    private static final String OF_DEVICE = " WHERE j.firmware_pk = :f AND j.id IN (SELECT job_pk FROM ota_task WHERE device_id = :d)";

    List<Job> listByDevice(long firmwarePk, long deviceId, int offset, int limit) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + OF_DEVICE
                        + " ORDER BY j.id DESC OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY")
                .bind("f", firmwarePk).bind("d", deviceId).bind("offset", offset).bind("limit", limit)
                .map(MAPPER).list());
    }

    int countByDevice(long firmwarePk, long deviceId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM ota_job j" + OF_DEVICE)
                .bind("f", firmwarePk).bind("d", deviceId).mapTo(Integer.class).one());
    }

    /** The running dynamic batch of a package, if any (at most one may run). */
    boolean hasRunningDynamic(Handle h, long firmwarePk) {
        return h.createQuery("""
                        SELECT COUNT(*) FROM ota_job WHERE firmware_pk = :f AND selection_type = 'DYNAMIC'
                        AND status IN ('PLANNED', 'IN_PROGRESS')""")
                .bind("f", firmwarePk).mapTo(Integer.class).one() > 0;
    }

    /** Running dynamic batches of a product's module whose policy may match a device, newest first. */
    List<Job> runningDynamic(Handle h, long productId, String moduleName) {
        return h.createQuery(SELECT + """
                         WHERE j.product_id = :p AND LOWER(j.module_name) = :m AND j.selection_type = 'DYNAMIC'
                        AND j.status = 'IN_PROGRESS' ORDER BY j.id DESC""")
                .bind("p", productId).bind("m", moduleName.toLowerCase(java.util.Locale.ROOT)).map(MAPPER).list();
    }

    /** Batches the dispatcher works on: started, or due to start or finish. */
    List<Long> active(long now) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id FROM ota_job WHERE status = 'IN_PROGRESS'
                        OR (status = 'PLANNED' AND schedule_time <= :now) ORDER BY id""")
                .bind("now", now).mapTo(Long.class).list());
    }

    void setStatus(Handle h, long pk, JobStatus status, long now) {
        h.createUpdate("""
                        UPDATE ota_job SET status = :s, gmt_modified = :now,
                            gmt_start = CASE WHEN :s = 'IN_PROGRESS' THEN COALESCE(gmt_start, :now) ELSE gmt_start END,
                            gmt_end = CASE WHEN :s IN ('COMPLETED', 'CANCELED') THEN :now ELSE gmt_end END
                        WHERE id = :pk""")
                .bind("s", status.name()).bind("now", now).bind("pk", pk).execute();
    }

    void update(Handle h, long pk, int maximumPerMinute, Integer timeoutMinutes, List<String> srcVersions, List<Tag> tags,
                long now) {
        h.createUpdate("""
                        UPDATE ota_job SET maximum_per_minute = :max, timeout_minutes = :timeout, src_versions = :src,
                            tags = :tags, gmt_modified = :now WHERE id = :pk""")
                .bind("max", maximumPerMinute).bind("timeout", timeoutMinutes).bind("src", write(srcVersions))
                .bind("tags", write(tags)).bind("now", now).bind("pk", pk).execute();
    }

    void setPaused(Handle h, long pk, boolean paused, long now) {
        h.createUpdate("UPDATE ota_job SET paused = :p, gmt_modified = :now WHERE id = :pk")
                .bind("p", paused).bind("now", now).bind("pk", pk).execute();
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json == null ? "[]" : json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable batch column: " + e.getMessage(), e);
        }
    }
}
