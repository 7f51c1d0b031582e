package io.updraft.device;

import io.updraft.store.SqlErrors;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Optional;

/**
 * Reported module versions. The upsert is UPDATE-then-INSERT (portable: H2 has no ON CONFLICT ... DO UPDATE and
 * PostgreSQL 14 no MERGE); if two reports race to insert the same row, the loser's unique violation turns into an
 * update.
 */
public final class ModuleVersionRepository {
    private final Jdbi jdbi;

    public ModuleVersionRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void upsert(long deviceId, String module, String version, long now) {
        if (update(deviceId, module, version, now)) {
            return;
        }
        try {
            jdbi.useHandle(h -> h.createUpdate("""
                            INSERT INTO device_module_version (device_id, module_name, version, gmt_modified)
                            VALUES (:device, :module, :version, :now)""")
                    .bind("device", deviceId).bind("module", module).bind("version", version).bind("now", now)
                    .execute());
        } catch (RuntimeException e) {
            if (!SqlErrors.isUniqueViolation(e) || !update(deviceId, module, version, now)) {
                throw e;
            }
        }
    }

    private boolean update(long deviceId, String module, String version, long now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE device_module_version SET version = :version, gmt_modified = :now
                        WHERE device_id = :device AND module_name = :module""")
                .bind("device", deviceId).bind("module", module).bind("version", version).bind("now", now)
                .execute() > 0);
    }

    public Optional<String> version(long deviceId, String module) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT version FROM device_module_version WHERE device_id = :device AND module_name = :module")
                .bind("device", deviceId).bind("module", module).mapTo(String.class).findOne());
    }

    /** Ordered by module name, so that pages are stable. */
    public List<ModuleVersion> list(long deviceId, int offset, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT module_name, version, gmt_modified FROM device_module_version WHERE device_id = :device
                        ORDER BY module_name OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY""")
                .bind("device", deviceId).bind("offset", offset).bind("limit", limit)
                .map((rs, ctx) -> new ModuleVersion(rs.getString("module_name"), rs.getString("version"),
                        rs.getLong("gmt_modified")))
                .list());
    }

    public int count(long deviceId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM device_module_version WHERE device_id = :device")
                .bind("device", deviceId).mapTo(Integer.class).one());
    }
}
