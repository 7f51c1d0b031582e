package io.updraft.firmware;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.List;
import java.util.Optional;

/** Upload slots and the files POSTed into them. */
public final class UploadRepository {
    private static final RowMapper<Upload> MAPPER = (rs, ctx) -> new Upload(rs.getString("blob_key"),
            rs.getString("account_id"), rs.getLong("created_at"), (Long) rs.getObject("uploaded_at", Long.class),
            rs.getLong("size_bytes"), rs.getString("md5"), rs.getString("sha256"), rs.getBoolean("used"));
    private final Jdbi jdbi;

    public UploadRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void insert(String key, String accountId, long now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO ota_upload (blob_key, account_id, created_at, used) VALUES (:key, :account, :now, FALSE)""")
                .bind("key", key).bind("account", accountId).bind("now", now).execute());
    }

    public Optional<Upload> find(String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM ota_upload WHERE blob_key = :key")
                .bind("key", key).map(MAPPER).findOne());
    }

    /** Inside a package's transaction: the row stays locked until the package is stored, so a purge cannot race it. */
    public Optional<Upload> lock(Handle h, String key) {
        return h.createQuery("SELECT * FROM ota_upload WHERE blob_key = :key FOR UPDATE")
                .bind("key", key).map(MAPPER).findOne();
    }

    /** @return false when the slot is gone (purged) or already used by a package */
    public boolean markUploaded(String key, long size, String md5, String sha256, long now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE ota_upload SET uploaded_at = :now, size_bytes = :size, md5 = :md5, sha256 = :sha256
                        WHERE blob_key = :key AND used = FALSE""")
                .bind("key", key).bind("size", size).bind("md5", md5).bind("sha256", sha256).bind("now", now)
                .execute() > 0);
    }

    public void markUsed(Handle h, String key) {
        h.createUpdate("UPDATE ota_upload SET used = TRUE WHERE blob_key = :key").bind("key", key).execute();
    }

    /**
     * Candidates for the purge: slots no package claimed, and claimed slots whose packages are all gone without
     * DeleteOTAFirmware (deleted with their product or account, by cascade).
     */
    public List<String> unusedCreatedBefore(long cutoff, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT u.blob_key FROM ota_upload u WHERE u.created_at < :cutoff
                        AND (u.used = FALSE OR NOT EXISTS (SELECT 1 FROM firmware_file f WHERE f.blob_key = u.blob_key))
                        ORDER BY u.created_at FETCH FIRST :limit ROWS ONLY""")
                .bind("cutoff", cutoff).bind("limit", limit).mapTo(String.class).list());
    }

    /**
     * Deletes the slot if no package uses it, deciding under the row's lock: a CreateOTAFirmware claiming it either
     * committed before (and its package is seen) or waits and then finds the slot gone.
     */
    public boolean deleteUnused(String key) {
        return jdbi.inTransaction(h -> {
            Optional<Upload> slot = lock(h, key);
            if (slot.isEmpty()) {
                return false;
            }
            boolean referenced = h.createQuery("SELECT COUNT(*) FROM firmware_file WHERE blob_key = :key")
                    .bind("key", key).mapTo(Integer.class).one() > 0;
            if (referenced) {
                return false;
            }
            delete(h, key);
            queueGarbage(h, key, System.currentTimeMillis()); // deleted after the commit, or collected later
            return true;
        });
    }

    public void delete(Handle h, String key) {
        h.createUpdate("DELETE FROM ota_upload WHERE blob_key = :key").bind("key", key).execute();
    }

    /** In the transaction that deleted the last row referring to the file: the file is to be deleted. */
    public void queueGarbage(Handle h, String key, long now) {
        h.createUpdate("""
                        INSERT INTO blob_garbage (blob_key, queued_at)
                        SELECT :key, :now WHERE NOT EXISTS (SELECT 1 FROM blob_garbage WHERE blob_key = :key)""")
                .bind("key", key).bind("now", now).execute();
    }

    /** Files still to delete, oldest first. */
    public List<String> garbage(int limit) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT blob_key FROM blob_garbage ORDER BY queued_at, blob_key FETCH FIRST :limit ROWS ONLY")
                .bind("limit", limit).mapTo(String.class).list());
    }

    /** The file is gone from the blob store. */
    public void garbageCollected(String key) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM blob_garbage WHERE blob_key = :key").bind("key", key).execute());
    }
}
