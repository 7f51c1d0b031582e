package io.updraft.cluster;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Optional;

/**
 * The nodes of the cluster in the store ({@code cluster_node}), their liveness, and the presence they hold: a dead
 * node's devices are cleared by the live ones, in the same transaction that holds the dead node's row lock, so a
 * node that heartbeats again waits for the clearing to finish and then learns it was evicted. Times are the
 * database clock's ({@link #NOW}).
 */
public final class ClusterNodes {
    /** Epoch milliseconds of the database clock, the same expression on H2 and PostgreSQL. */
    static final String NOW = "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)";
    /** A node silent this long is forgotten (its row deleted): decommissioned nodes do not accumulate. */
    private static final long FORGET_AFTER_MILLIS = 24 * 60 * 60 * 1000L;
    private static final String CLEAR_DEVICES =
            "UPDATE device SET connection_id = NULL, node_id = NULL WHERE node_id = :node";

    /** A connection this node must close: the device connected again elsewhere, or was deleted or disabled. */
    public record DisconnectRequest(String connectionId, String productKey, String deviceName) {
    }

    /** What one eviction round did: the nodes found dead for the first time, and the device rows it cleared. */
    public record Eviction(List<String> newlyDead, int devicesCleared) {
    }

    private final Jdbi jdbi;

    public ClusterNodes(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * At start, before the broker accepts a device: whatever the store says this node holds is left from its
     * previous run (a crash, kill -9), so it is cleared — and only that; other nodes' devices stay as they are.
     * Connections recorded without a node (by a server older than node identities) are cleared too.
     *
     * @return device rows cleared
     */
    public int join(String node) {
        return jdbi.inTransaction(h -> {
            int cleared = h.createUpdate(CLEAR_DEVICES).bind("node", node).execute()
                    + h.createUpdate("UPDATE device SET connection_id = NULL WHERE node_id IS NULL AND connection_id IS NOT NULL")
                    .execute();
            h.createUpdate("DELETE FROM device_disconnect WHERE node_id = :node").bind("node", node).execute();
            int updated = h.createUpdate("UPDATE cluster_node SET started_at = " + NOW + ", heartbeat_at = " + NOW
                    + ", evicted = FALSE WHERE node_id = :node").bind("node", node).execute();
            if (updated == 0) {
                insert(h, node);
            }
            return cleared;
        });
    }

    /**
     * Records that this node is alive.
     *
     * @return true if the other nodes had found it dead meanwhile and cleared its devices: it must end its own
     *         connections, whose devices then reconnect and are recorded again
     */
    public boolean heartbeat(String node) {
        return jdbi.inTransaction(h -> {
            Optional<Boolean> evicted = h.createQuery("SELECT evicted FROM cluster_node WHERE node_id = :node FOR UPDATE")
                    .bind("node", node).mapTo(Boolean.class).findOne();
            if (evicted.isEmpty()) {
                insert(h, node); // forgotten after a very long silence: its devices were cleared long ago
                return true;
            }
            h.createUpdate("UPDATE cluster_node SET heartbeat_at = " + NOW + ", evicted = FALSE WHERE node_id = :node")
                    .bind("node", node).execute();
            return evicted.get();
        });
    }

    /**
     * Clears the device connections of every other node whose last heartbeat is older than the timeout. Repeated
     * every round while the node stays dead (an indexed no-op once it is clear), so a connection that such a node
     * recorded at its very end is cleared too.
     */
    public Eviction evictDead(String self, long timeoutMillis) {
        return jdbi.inTransaction(h -> {
            List<String> dead = h.createQuery("SELECT node_id FROM cluster_node WHERE node_id <> :self AND heartbeat_at < "
                            + NOW + " - :timeout ORDER BY node_id FOR UPDATE")
                    .bind("self", self).bind("timeout", timeoutMillis).mapTo(String.class).list();
            int cleared = 0;
            List<String> newlyDead = new java.util.ArrayList<>();
            for (String node : dead) {
                cleared += h.createUpdate(CLEAR_DEVICES).bind("node", node).execute();
                h.createUpdate("DELETE FROM device_disconnect WHERE node_id = :node").bind("node", node).execute();
                if (h.createUpdate("UPDATE cluster_node SET evicted = TRUE WHERE node_id = :node AND evicted = FALSE")
                        .bind("node", node).execute() > 0) {
                    newlyDead.add(node);
                }
                h.createUpdate("DELETE FROM cluster_node WHERE node_id = :node AND heartbeat_at < " + NOW + " - :forget")
                        .bind("node", node).bind("forget", FORGET_AFTER_MILLIS).execute();
            }
            return new Eviction(newlyDead, cleared);
        });
    }

    /** At a clean stop, after the broker closed: this node's devices are offline now, not after the timeout. */
    public int leave(String node) {
        return jdbi.inTransaction(h -> {
            int cleared = h.createUpdate(CLEAR_DEVICES).bind("node", node).execute();
            h.createUpdate("DELETE FROM device_disconnect WHERE node_id = :node").bind("node", node).execute();
            h.createUpdate("DELETE FROM cluster_node WHERE node_id = :node").bind("node", node).execute();
            return cleared;
        });
    }

    /** One indexed read (the table's primary key starts with the node), cheap enough to poll twice a second. */
    public List<DisconnectRequest> disconnectRequests(String node) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT connection_id, product_key, device_name FROM device_disconnect
                        WHERE node_id = :node ORDER BY requested_at""")
                .bind("node", node)
                .map((rs, ctx) -> new DisconnectRequest(rs.getString("connection_id"), rs.getString("product_key"),
                        rs.getString("device_name")))
                .list());
    }

    public void disconnected(String node, String connectionId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM device_disconnect WHERE node_id = :node AND connection_id = :connection")
                .bind("node", node).bind("connection", connectionId).execute());
    }

    private static void insert(Handle h, String node) {
        h.createUpdate("INSERT INTO cluster_node (node_id, started_at, heartbeat_at, evicted) VALUES (:node, "
                + NOW + ", " + NOW + ", FALSE)").bind("node", node).execute();
    }
}
