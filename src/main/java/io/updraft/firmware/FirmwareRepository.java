package io.updraft.firmware;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Packages and their files, always addressed within one account (and instance, where the API has one). */
public final class FirmwareRepository {
    private static final String SELECT = """
            SELECT f.*, p.product_key, p.name AS product_name FROM firmware f JOIN product p ON p.id = f.product_id""";
    private static final RowMapper<Firmware> MAPPER = (rs, ctx) -> new Firmware(rs.getLong("id"),
            rs.getString("firmware_id"), rs.getString("account_id"), rs.getString("instance_id"),
            rs.getLong("product_id"), rs.getString("product_key"), rs.getString("product_name"),
            rs.getString("module_name"), rs.getString("name"), rs.getString("description"),
            rs.getString("dest_version"), rs.getString("src_version"), rs.getInt("package_type"), rs.getInt("status"),
            rs.getInt("verify_progress"), rs.getString("sign_method"), rs.getString("udi"),
            rs.getString("download_protocol"), rs.getBoolean("multi_file"), rs.getLong("gmt_create"),
            rs.getLong("gmt_modified"), List.of());
    private static final RowMapper<FirmwareFile> FILE_MAPPER = (rs, ctx) -> new FirmwareFile(rs.getInt("position"),
            rs.getString("name"), rs.getString("blob_key"), rs.getLong("size_bytes"), rs.getString("md5"),
            rs.getString("sign_value"));
    private final Jdbi jdbi;

    public FirmwareRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Serialises package creation per account, so the per-account limit holds under concurrency. */
    public void lockAccount(Handle h, String accountId) {
        h.createQuery("SELECT id FROM account WHERE id = :a FOR UPDATE").bind("a", accountId).mapTo(String.class).one();
    }

    public int countByAccount(Handle h, String accountId) {
        return h.createQuery("SELECT COUNT(*) FROM firmware WHERE account_id = :a")
                .bind("a", accountId).mapTo(Integer.class).one();
    }

    public boolean nameTaken(Handle h, String accountId, String name, long exceptPk) {
        return h.createQuery("SELECT COUNT(*) FROM firmware WHERE account_id = :a AND name = :n AND id <> :pk")
                .bind("a", accountId).bind("n", name).bind("pk", exceptPk).mapTo(Integer.class).one() > 0;
    }

    /** The module's name as created, or empty if the product has no such custom module. */
    public Optional<String> moduleName(Handle h, long productId, String name) {
        return h.createQuery("SELECT name FROM ota_module WHERE product_id = :p AND name_lc = :n")
                .bind("p", productId).bind("n", name.toLowerCase(Locale.ROOT)).mapTo(String.class).findOne();
    }

    public boolean moduleHasPackages(Handle h, long productId, String moduleName) {
        return h.createQuery("SELECT COUNT(*) FROM firmware WHERE product_id = :p AND LOWER(module_name) = :m")
                .bind("p", productId).bind("m", moduleName.toLowerCase(Locale.ROOT)).mapTo(Integer.class).one() > 0;
    }

    public long insert(Handle h, Firmware f) {
        long pk = h.createUpdate("""
                        INSERT INTO firmware (firmware_id, account_id, instance_id, product_id, module_name, name,
                            description, dest_version, src_version, package_type, status, verify_progress, sign_method,
                            udi, download_protocol, multi_file, gmt_create, gmt_modified)
                        VALUES (:firmwareId, :accountId, :instanceId, :productId, :moduleName, :name, :description,
                            :destVersion, :srcVersion, :type, :status, :verifyProgress, :signMethod, :udi,
                            :downloadProtocol, :multiFile, :gmtCreate, :gmtModified)""")
                .bindMethods(f)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        for (FirmwareFile file : f.files()) {
            h.createUpdate("""
                            INSERT INTO firmware_file (firmware_pk, position, name, blob_key, size_bytes, md5, sign_value)
                            VALUES (:pk, :position, :name, :blobKey, :size, :md5, :signValue)""")
                    .bind("pk", pk).bindMethods(file).execute();
        }
        return pk;
    }

    public Optional<Firmware> find(String accountId, String firmwareId) {
        return jdbi.withHandle(h -> find(h, accountId, firmwareId, false));
    }

    public Optional<Firmware> find(Handle h, String accountId, String firmwareId, boolean forUpdate) {
        if (forUpdate) {
            // Locked on its own: not every database accepts FOR UPDATE on a join.
            h.createQuery("SELECT id FROM firmware WHERE firmware_id = :id AND account_id = :a FOR UPDATE")
                    .bind("id", firmwareId).bind("a", accountId).mapTo(Long.class).findOne();
        }
        Optional<Firmware> found = h.createQuery(SELECT + " WHERE f.firmware_id = :id AND f.account_id = :a")
                .bind("id", firmwareId).bind("a", accountId).map(MAPPER).findOne();
        return found.map(f -> withFiles(h, f));
    }

    /** The package of a batch, by its row number (the batch engine's lookup; tenancy was checked at creation). */
    public Optional<Firmware> get(Handle h, long pk) {
        return h.createQuery(SELECT + " WHERE f.id = :pk").bind("pk", pk).map(MAPPER).findOne().map(f -> withFiles(h, f));
    }

    /** Verification state (ota-api.md §B.3): 2 verifying, 1 verified, 3 failed; progress 0-100. */
    public void setVerification(Handle h, long pk, int status, int progress, long now) {
        // Only a change is written: settling runs every dispatcher round, and GmtModified must mean a real change.
        h.createUpdate("UPDATE firmware SET status = :s, verify_progress = :p, gmt_modified = :now"
                        + " WHERE id = :pk AND (status <> :s OR verify_progress <> :p)")
                .bind("s", status).bind("p", progress).bind("now", now).bind("pk", pk).execute();
    }

    public List<Firmware> list(String accountId, String instanceId, Long productId, String destVersion,
                               int offset, int limit) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + where(productId, destVersion)
                        + " ORDER BY f.id DESC OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY")
                .bind("a", accountId).bind("i", instanceId).bind("p", productId).bind("v", destVersion)
                .bind("offset", offset).bind("limit", limit)
                .map(MAPPER).list().stream().map(f -> withFiles(h, f)).toList());
    }

    public int count(String accountId, String instanceId, Long productId, String destVersion) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM firmware f" + where(productId, destVersion))
                .bind("a", accountId).bind("i", instanceId).bind("p", productId).bind("v", destVersion)
                .mapTo(Integer.class).one());
    }

    private static String where(Long productId, String destVersion) {
        return " WHERE f.account_id = :a AND f.instance_id = :i"
                + (productId == null ? "" : " AND f.product_id = :p")
                + (destVersion == null ? "" : " AND f.dest_version = :v");
    }

    public void delete(Handle h, long pk) {
        h.createUpdate("DELETE FROM firmware_file WHERE firmware_pk = :pk").bind("pk", pk).execute();
        h.createUpdate("DELETE FROM firmware WHERE id = :pk").bind("pk", pk).execute();
    }

    /** The files of the product's packages. */
    public List<String> blobKeysOfProduct(Handle h, long productId) {
        return h.createQuery("""
                        SELECT DISTINCT ff.blob_key FROM firmware_file ff JOIN firmware f ON f.id = ff.firmware_pk
                        WHERE f.product_id = :p""")
                .bind("p", productId).mapTo(String.class).list();
    }

    /** The product's packages (their files' rows by cascade). */
    public void deleteOfProduct(Handle h, long productId) {
        h.createUpdate("DELETE FROM firmware WHERE product_id = :p").bind("p", productId).execute();
    }

    public boolean blobReferenced(Handle h, String blobKey) {
        return h.createQuery("SELECT COUNT(*) FROM firmware_file WHERE blob_key = :k")
                .bind("k", blobKey).mapTo(Integer.class).one() > 0;
    }

    /** Sets only the fields given (null = leave as is). */
    public void update(Handle h, long pk, String name, String description, String udi, long now) {
        StringBuilder sql = new StringBuilder("UPDATE firmware SET gmt_modified = :now");
        if (name != null) {
            sql.append(", name = :name");
        }
        if (description != null) {
            sql.append(", description = :description");
        }
        if (udi != null) {
            sql.append(", udi = :udi");
        }
        h.createUpdate(sql.append(" WHERE id = :pk").toString())
                .bind("now", now).bind("name", name)
                .bind("description", description == null || description.isEmpty() ? null : description)
                .bind("udi", udi == null || udi.isEmpty() ? null : udi).bind("pk", pk)
                .execute();
    }

    private static Firmware withFiles(Handle h, Firmware f) {
        List<FirmwareFile> files = h.createQuery(
                        "SELECT * FROM firmware_file WHERE firmware_pk = :pk ORDER BY position")
                .bind("pk", f.pk()).map(FILE_MAPPER).list();
        return new Firmware(f.pk(), f.firmwareId(), f.accountId(), f.instanceId(), f.productId(), f.productKey(),
                f.productName(), f.moduleName(), f.name(), f.description(), f.destVersion(), f.srcVersion(), f.type(),
                f.status(), f.verifyProgress(), f.signMethod(), f.udi(), f.downloadProtocol(), f.multiFile(),
                f.gmtCreate(), f.gmtModified(), files);
    }
}
