package io.updraft.device;

import io.updraft.store.SecretCipher;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

import java.util.List;
import java.util.Optional;

/**
 * Devices, read together with their product. API lookups are always scoped to an account and instance (another
 * tenant's device is simply not found); the device channel looks devices up by ProductKey, which is global.
 */
public final class DeviceRepository {
    private static final String SELECT = """
            SELECT d.id, d.iot_id, d.product_id, p.product_key, p.name AS product_name, p.node_type, d.name, d.nickname,
                   d.secret_enc, d.disabled, d.connection_id, d.ip_address, d.gmt_create, d.gmt_modified, d.gmt_active,
                   d.gmt_online
            FROM device d JOIN product p ON p.id = d.product_id""";
    private static final String TENANT = " AND p.account_id = :account AND p.instance_id = :instance";
    private final Jdbi jdbi;
    private final SecretCipher cipher;
    private final RowMapper<Device> mapper;

    public DeviceRepository(Jdbi jdbi, SecretCipher cipher) {
        this.jdbi = jdbi;
        this.cipher = cipher;
        this.mapper = (rs, ctx) -> new Device(rs.getLong("id"), rs.getString("iot_id"), rs.getLong("product_id"),
                rs.getString("product_key"), rs.getString("product_name"), rs.getInt("node_type"),
                rs.getString("name"), rs.getString("nickname"), cipher.decrypt(rs.getString("secret_enc")),
                rs.getBoolean("disabled"), rs.getString("connection_id"), rs.getString("ip_address"),
                rs.getLong("gmt_create"), rs.getLong("gmt_modified"),
                (Long) rs.getObject("gmt_active", Long.class), (Long) rs.getObject("gmt_online", Long.class));
    }

    public void insert(long productId, String iotId, String name, String nickname, String secret, long now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO device (iot_id, product_id, name, nickname, secret_enc, disabled, gmt_create, gmt_modified)
                        VALUES (:iotId, :productId, :name, :nickname, :secret, FALSE, :now, :now)""")
                .bind("iotId", iotId).bind("productId", productId).bind("name", name).bind("nickname", nickname)
                .bind("secret", cipher.encrypt(secret)).bind("now", now)
                .execute());
    }

    public Optional<Device> findByIotId(String accountId, String instanceId, String iotId) {
        return jdbi.withHandle(h -> tenant(h.createQuery(SELECT + " WHERE d.iot_id = :iotId" + TENANT),
                accountId, instanceId).bind("iotId", iotId).map(mapper).findOne());
    }

    public Optional<Device> findByName(String accountId, String instanceId, String productKey, String name) {
        return jdbi.withHandle(h -> tenant(h.createQuery(SELECT + " WHERE p.product_key = :pk AND d.name = :name" + TENANT),
                accountId, instanceId).bind("pk", productKey).bind("name", name).map(mapper).findOne());
    }

    /** For the device channel: a ProductKey is unique across accounts, so it needs no tenant. */
    public Optional<Device> findByName(String productKey, String name) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE p.product_key = :pk AND d.name = :name")
                .bind("pk", productKey).bind("name", name).map(mapper).findOne());
    }

    public List<Device> list(long productId, int offset, int limit) {
        return jdbi.withHandle(h -> h.createQuery(SELECT
                        + " WHERE d.product_id = :productId ORDER BY d.id OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY")
                .bind("productId", productId).bind("offset", offset).bind("limit", limit).map(mapper).list());
    }

    public int count(long productId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM device WHERE product_id = :productId")
                .bind("productId", productId).mapTo(Integer.class).one());
    }

    /** Within a transaction: the names of the product's devices. */
    public List<String> names(Handle h, long productId) {
        return h.createQuery("SELECT name FROM device WHERE product_id = :p")
                .bind("p", productId).mapTo(String.class).list();
    }

    public boolean delete(long deviceId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM device WHERE id = :id").bind("id", deviceId).execute() > 0);
    }

    public void setDisabled(long deviceId, boolean disabled, long now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE device SET disabled = :disabled, gmt_modified = :now WHERE id = :id")
                .bind("disabled", disabled).bind("now", now).bind("id", deviceId).execute());
    }

    /** Marks the device online through this connection; the first connection ever also activates it. */
    public void connected(long deviceId, String connectionId, String ipAddress, long now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE device SET connection_id = :connection, ip_address = :ip, gmt_online = :now,
                               gmt_active = COALESCE(gmt_active, :now)
                        WHERE id = :id""")
                .bind("connection", connectionId).bind("ip", ipAddress).bind("now", now).bind("id", deviceId)
                .execute());
    }

    /** Offline only if this connection is still the device's current one (a taken-over one is not). */
    public void disconnected(long deviceId, String connectionId) {
        jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE device SET connection_id = NULL WHERE id = :id AND connection_id = :connection")
                .bind("id", deviceId).bind("connection", connectionId).execute());
    }

    /** At broker start no device can be connected to it yet: clears what a crash may have left behind. */
    public int clearConnections() {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE device SET connection_id = NULL WHERE connection_id IS NOT NULL")
                .execute());
    }

    private static Query tenant(Query query, String accountId, String instanceId) {
        return query.bind("account", accountId).bind("instance", instanceId);
    }
}
