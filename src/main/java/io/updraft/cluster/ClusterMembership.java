package io.updraft.cluster;

import io.updraft.config.ClusterSettings;
import io.updraft.device.DeviceSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This node's life in the cluster: it joins at start (clearing what its previous run left), heartbeats, clears the
 * devices of nodes that stopped heartbeating, and closes the connections other nodes ask it to close (the device
 * connected again elsewhere, or was deleted or disabled there).
 *
 * <p>Why a polled table rather than PostgreSQL's LISTEN/NOTIFY for those requests: NOTIFY is lost while a node's
 * listening connection is down (so a poll would be needed anyway), needs one extra long-lived connection per node
 * outside the pool, and does not exist on H2; the poll is one primary-key range read every 500 ms, and a request
 * survives a restart of either node. On H2 (one node, so nobody else ever asks) the poll does not run.
 */
public final class ClusterMembership implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterMembership.class);
    static final long DISCONNECT_POLL_MILLIS = 500;
    private final ClusterNodes nodes;
    private final NodeIdentity node;
    private final ClusterSettings settings;
    private final DeviceSessions sessions;
    private final ScheduledExecutorService scheduler;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private ClusterMembership(ClusterNodes nodes, NodeIdentity node, ClusterSettings settings, DeviceSessions sessions) {
        this.nodes = nodes;
        this.node = node;
        this.settings = settings;
        this.sessions = sessions;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "updraft-cluster");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Joins before the broker starts, and heartbeats from then on.
     *
     * @param sessions         this node's device connections (the broker, which may start after this)
     * @param otherNodesMayAsk false on a single-node store: no other node ever asks for a disconnect
     */
    public static ClusterMembership join(ClusterNodes nodes, NodeIdentity node, ClusterSettings settings,
                                         DeviceSessions sessions, boolean otherNodesMayAsk) {
        int cleared = nodes.join(node.id());
        LOG.info("Node {} joined the cluster (node timeout {} ms){}", node.id(), settings.nodeTimeout().toMillis(),
                cleared > 0 ? "; cleared " + cleared + " device connections its previous run left" : "");
        ClusterMembership membership = new ClusterMembership(nodes, node, settings, sessions);
        long interval = settings.heartbeatInterval().toMillis();
        membership.scheduler.scheduleWithFixedDelay(membership::heartbeatRound, interval, interval, TimeUnit.MILLISECONDS);
        if (otherNodesMayAsk) {
            membership.scheduler.scheduleWithFixedDelay(membership::disconnectRound, DISCONNECT_POLL_MILLIS,
                    DISCONNECT_POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
        return membership;
    }

    public NodeIdentity node() {
        return node;
    }

    void heartbeatRound() {
        try {
            if (nodes.heartbeat(node.id())) {
                // Paused or cut off from the store for longer than the timeout: the others cleared this node's
                // devices, so the connections it still has are unknown to the store. Ending them makes the
                // devices reconnect (here or elsewhere) and be recorded truly.
                LOG.warn("Node {} was presumed dead by the cluster (no heartbeat for over {} ms); ending its device "
                        + "connections so that they reconnect", node.id(), settings.nodeTimeout().toMillis());
                sessions.endAll();
            }
            ClusterNodes.Eviction eviction = nodes.evictDead(node.id(), settings.nodeTimeout().toMillis());
            if (!eviction.newlyDead().isEmpty() || eviction.devicesCleared() > 0) {
                LOG.warn("Nodes {} stopped heartbeating; cleared {} device connections they held",
                        eviction.newlyDead(), eviction.devicesCleared());
            }
        } catch (RuntimeException e) {
            // a failed round (database briefly away) must not cancel the schedule
            LOG.warn("cluster heartbeat failed, retrying: {}", e.toString());
        }
    }

    void disconnectRound() {
        try {
            for (ClusterNodes.DisconnectRequest request : nodes.disconnectRequests(node.id())) {
                sessions.endIfCurrent(request.productKey(), request.deviceName(), request.connectionId());
                nodes.disconnected(node.id(), request.connectionId());
            }
        } catch (RuntimeException e) {
            LOG.warn("polling disconnect requests failed, retrying: {}", e.toString());
        }
    }

    /** After the broker closed: this node's devices are offline at once, and the node leaves the cluster. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int cleared = nodes.leave(node.id());
        LOG.info("Node {} left the cluster ({} device connections cleared)", node.id(), cleared);
    }
}
