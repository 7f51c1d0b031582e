package io.updraft.device;

import io.updraft.store.SecretCipher;
import io.updraft.store.SqlErrors;
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

    /**
     * Marks the device online through this connection, held by {@code nodeId}; the first connection ever also
     * activates it. If another node holds the device's previous connection, that node is asked, in the same
     * transaction, to close it: one certificate is one connection across the cluster.
     */
    public void connected(long deviceId, String connectionId, String nodeId, String ipAddress, long now) {
        jdbi.useTransaction(h -> {
            // the row lock orders concurrent connects of one device: each asks the holder before it to close
            h.createQuery("SELECT id FROM device WHERE id = :id FOR UPDATE").bind("id", deviceId).mapTo(Long.class)
                    .findOne();
            askHolderElsewhereToDisconnect(h, deviceId, nodeId, now);
            h.createUpdate("""
                            UPDATE device SET connection_id = :connection, node_id = :node, ip_address = :ip,
                                   gmt_online = :now, gmt_active = COALESCE(gmt_active, :now)
                            WHERE id = :id""")
                    .bind("connection", connectionId).bind("node", nodeId).bind("ip", ipAddress).bind("now", now)
                    .bind("id", deviceId).execute();
        });
    }

    /** Offline only if this connection is still the device's current one (a taken-over one is not). */
    public void disconnected(long deviceId, String connectionId) {
        jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE device SET connection_id = NULL, node_id = NULL WHERE id = :id AND connection_id = :connection")
                .bind("id", deviceId).bind("connection", connectionId).execute());
    }

    /** If another node than {@code nodeId} holds the device's connection, asks it to close that connection. */
    public void askHolderElsewhereToDisconnect(long deviceId, String nodeId, long now) {
        try {
            jdbi.useHandle(h -> askHolderElsewhereToDisconnect(h, deviceId, nodeId, now));
        } catch (RuntimeException e) {
            if (!SqlErrors.isUniqueViolation(e)) { // asked already, concurrently
                throw e;
            }
        }
    }

    private static void askHolderElsewhereToDisconnect(Handle h, long deviceId, String nodeId, long now) {
        h.createUpdate("""
                        INSERT INTO device_disconnect (node_id, connection_id, product_key, device_name, requested_at)
                        SELECT d.node_id, d.connection_id, p.product_key, d.name, :now
                        FROM device d JOIN product p ON p.id = d.product_id
                        WHERE d.id = :id AND d.connection_id IS NOT NULL AND d.node_id IS NOT NULL AND d.node_id <> :node
                          AND NOT EXISTS (SELECT 1 FROM device_disconnect x
                                          WHERE x.node_id = d.node_id AND x.connection_id = d.connection_id)""")
                .bind("id", deviceId).bind("node", nodeId).bind("now", now).execute();
    }

    /** Within DeleteProduct's transaction: the same request for every device of the product held elsewhere. */
    public void askHoldersElsewhereToDisconnectProduct(Handle h, long productId, String nodeId, long now) {
        h.createUpdate("""
                        INSERT INTO device_disconnect (node_id, connection_id, product_key, device_name, requested_at)
                        SELECT d.node_id, d.connection_id, p.product_key, d.name, :now
                        FROM device d JOIN product p ON p.id = d.product_id
                        WHERE d.product_id = :product AND d.connection_id IS NOT NULL AND d.node_id IS NOT NULL
                          AND d.node_id <> :node
                          AND NOT EXISTS (SELECT 1 FROM device_disconnect x
                                          WHERE x.node_id = d.node_id AND x.connection_id = d.connection_id)""")
                .bind("product", productId).bind("node", nodeId).bind("now", now).execute();
    }

    /**
     * SQL predicate for "the device row {@code alias} is connected over MQTT to the node bound as {@code :node}"
     * (indexed: {@code device_node}). A push for the device must go out from that node, the one holding its session.
     */
    public static String connectedToNode(String alias) {
        return alias + ".node_id = :node AND " + alias + ".connection_id IS NOT NULL";
    }

    /** Whether the device is connected to this node now (so a push from here reaches it). */
    public boolean isConnectedTo(long deviceId, String nodeId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM device d WHERE d.id = :id AND " + connectedToNode("d"))
                .bind("id", deviceId).bind("node", nodeId).mapTo(Integer.class).one() > 0);
    }

    private static Query tenant(Query query, String accountId, String instanceId) {
        return query.bind("account", accountId).bind("instance", instanceId);
    }
}
