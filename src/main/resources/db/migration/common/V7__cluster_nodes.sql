-- Node identity and presence across a cluster. Portable SQL (H2 and PostgreSQL). Times here are the database's
-- clock (epoch milliseconds), the one clock every node shares, so a node's liveness never depends on the skew
-- between two machines' clocks or on the injectable clock the batch engine reads.

-- Which node holds the device's MQTT connection: set with connection_id at connect, cleared with it. The index
-- serves "devices connected to this node" (the dispatcher) and clearing a dead node's devices.
ALTER TABLE device ADD COLUMN node_id VARCHAR(64);
CREATE INDEX device_node ON device (node_id);

-- One row per node that ever started. A node heartbeats every third of the node timeout; a row whose heartbeat
-- is older than the timeout is a dead node, and any live node clears its devices' connections. `evicted` tells
-- a node that was only paused (GC, partition) that the others cleared its devices: it then ends its own
-- connections, so that its devices reconnect and their presence is true again.
CREATE TABLE cluster_node (
    node_id       VARCHAR(64)  PRIMARY KEY,
    started_at    BIGINT       NOT NULL,
    heartbeat_at  BIGINT       NOT NULL,
    evicted       BOOLEAN      NOT NULL
);

-- Connections that a node must close because the device connected again on another node (one certificate, one
-- connection, across the cluster) or was deleted or disabled through another node. Keyed by the node that holds
-- the connection, which polls its rows; the connection id makes a late request harmless to a newer connection.
CREATE TABLE device_disconnect (
    node_id        VARCHAR(64)  NOT NULL,
    connection_id  VARCHAR(64)  NOT NULL,
    product_key    VARCHAR(32)  NOT NULL,
    device_name    VARCHAR(32)  NOT NULL,
    requested_at   BIGINT       NOT NULL,
    PRIMARY KEY (node_id, connection_id)
);
