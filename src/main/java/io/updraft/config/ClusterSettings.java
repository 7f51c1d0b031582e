package io.updraft.config;

import java.time.Duration;

/**
 * How a node takes part in a cluster (on H2, a cluster of one).
 *
 * @param nodeId      this node's id; null means the one in {@code <data dir>/node.id}, created on first start
 * @param nodeTimeout a node whose last heartbeat is older than this is dead: its devices' connections are cleared
 *                    (they show OFFLINE and reconnect elsewhere). Nodes heartbeat every third of it.
 */
public record ClusterSettings(String nodeId, Duration nodeTimeout) {
    public static final ClusterSettings DEFAULTS = new ClusterSettings(null, Duration.ofSeconds(15));

    public ClusterSettings {
        if (nodeTimeout.toMillis() < 300) {
            throw new IllegalArgumentException("the node timeout must be at least 300 ms, not " + nodeTimeout);
        }
    }

    public Duration heartbeatInterval() {
        return nodeTimeout.dividedBy(3);
    }

    public ClusterSettings withNodeId(String id) {
        return new ClusterSettings(id, nodeTimeout);
    }

    public ClusterSettings withNodeTimeout(Duration timeout) {
        return new ClusterSettings(nodeId, timeout);
    }
}
