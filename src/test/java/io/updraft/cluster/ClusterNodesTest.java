package io.updraft.cluster;

import io.updraft.config.ClusterSettings;
import io.updraft.device.Device;
import io.updraft.device.DeviceRef;
import io.updraft.device.DeviceRepository;
import io.updraft.device.DeviceService;
import io.updraft.device.DeviceSessions;
import io.updraft.product.NewProduct;
import io.updraft.product.ProductRepository;
import io.updraft.product.ProductService;
import io.updraft.store.Database;
import io.updraft.store.SecretCipher;
import io.updraft.testing.TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Presence across nodes in the store: two nodes' services on one database (H2, or PostgreSQL in its pass), with
 * heartbeats made stale by moving them back in the table rather than by waiting.
 */
class ClusterNodesTest {
    private static final long TIMEOUT = 15_000;
    private Database database;
    private ClusterNodes nodes;
    private DeviceRepository repository;
    private ProductRepository products;
    private String productKey;
    private DeviceService node1;
    private DeviceService node2;

    @BeforeEach
    void setUp() {
        Path dir = Path.of("target", "test-data", "cluster-nodes-" + UUID.randomUUID());
        database = TestStore.isPostgresql()
                ? Database.open(TestStore.databaseFor(dir), TestStore.USER, null, 4)
                : Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 4);
        database.jdbi().useHandle(h -> h.execute("INSERT INTO account (id, name, created_at) VALUES ('1', 'a', 0)"));
        SecretCipher cipher = new SecretCipher(new byte[32]);
        products = new ProductRepository(database.jdbi(), cipher);
        productKey = new ProductService(products).create("1", "", new NewProduct("cluster_test", 0, null, null,
                null, null, null, null, null, null, false)).productKey();
        repository = new DeviceRepository(database.jdbi(), cipher);
        nodes = new ClusterNodes(database.jdbi());
        node1 = nodeService("node1");
        node2 = nodeService("node2");
        nodes.join("node1");
        nodes.join("node2");
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private DeviceService nodeService(String node) {
        return new DeviceService(products, repository, DeviceSessions.NONE, new NodeIdentity(node));
    }

    private Device device(String name) {
        return node1.register("1", "", productKey, name, null);
    }

    private Device reload(Device device) {
        return node1.get("1", "", new DeviceRef(null, device.productKey(), device.name()));
    }

    private void makeStale(String node) {
        database.jdbi().useHandle(h -> h.createUpdate(
                        "UPDATE cluster_node SET heartbeat_at = heartbeat_at - :back WHERE node_id = :node")
                .bind("back", TIMEOUT * 2).bind("node", node).execute());
    }

    @Test
    void aNodeJoiningAgainClearsOnlyTheConnectionsItsPreviousRunLeft() {
        Device onNode1 = device("on-node-1");
        Device onNode2 = device("on-node-2");
        node1.connected(onNode1, "c1", "127.0.0.1");
        node2.connected(onNode2, "c2", "127.0.0.1");

        nodes.join("node2");

        assertThat(reload(onNode1).connectionId()).isEqualTo("c1");
        assertThat(reload(onNode2).connectionId()).isNull();
    }

    @Test
    void aDeviceConnectingThroughAnotherNodeAsksTheFirstToCloseItsConnection() {
        Device device = device("roamer");
        node1.connected(device, "c1", "127.0.0.1");

        node2.connected(device, "c2", "127.0.0.1");

        assertThat(nodes.disconnectRequests("node1"))
                .containsExactly(new ClusterNodes.DisconnectRequest("c1", productKey, "roamer"));
        assertThat(nodes.disconnectRequests("node2")).isEmpty();
        assertThat(repository.isConnectedTo(device.id(), "node2")).isTrue();
        assertThat(repository.isConnectedTo(device.id(), "node1")).isFalse();
    }

    @Test
    void aDeviceReconnectingToTheSameNodeAsksNoOtherNode() {
        Device device = device("homebody");
        node1.connected(device, "c1", "127.0.0.1");

        node1.connected(device, "c2", "127.0.0.1");

        assertThat(nodes.disconnectRequests("node1")).isEmpty();
        assertThat(nodes.disconnectRequests("node2")).isEmpty();
    }

    @Test
    void theLateDisconnectOfTheConnectionTakenOverLeavesTheDeviceOnlineOnTheNewNode() {
        Device device = device("late-close");
        node1.connected(device, "c1", "127.0.0.1");
        node2.connected(device, "c2", "127.0.0.1");

        node1.disconnected(device.id(), "c1");

        assertThat(reload(device).connectionId()).isEqualTo("c2");
        assertThat(repository.isConnectedTo(device.id(), "node2")).isTrue();
    }

    @Test
    void aNodeWithAStaleHeartbeatHasItsDevicesClearedByALiveNode() {
        Device onNode1 = device("survivor");
        Device onNode2 = device("orphan");
        node1.connected(onNode1, "c1", "127.0.0.1");
        node2.connected(onNode2, "c2", "127.0.0.1");
        makeStale("node2");

        ClusterNodes.Eviction eviction = nodes.evictDead("node1", TIMEOUT);

        assertThat(eviction.newlyDead()).containsExactly("node2");
        assertThat(eviction.devicesCleared()).isEqualTo(1);
        assertThat(reload(onNode2).connectionId()).isNull();
        assertThat(reload(onNode1).connectionId()).isEqualTo("c1");
    }

    @Test
    void aNodeWithAFreshHeartbeatIsNotEvicted() {
        Device device = device("fresh");
        node2.connected(device, "c2", "127.0.0.1");
        nodes.heartbeat("node2");

        ClusterNodes.Eviction eviction = nodes.evictDead("node1", TIMEOUT);

        assertThat(eviction.newlyDead()).isEmpty();
        assertThat(reload(device).connectionId()).isEqualTo("c2");
    }

    @Test
    void aNodeNeverEvictsItself() {
        Device device = device("self");
        node1.connected(device, "c1", "127.0.0.1");
        makeStale("node1");

        assertThat(nodes.evictDead("node1", TIMEOUT).newlyDead()).isEmpty();
        assertThat(reload(device).connectionId()).isEqualTo("c1");
    }

    @Test
    void aNodePresumedDeadLearnsItAtItsNextHeartbeatOnce() {
        makeStale("node2");
        nodes.evictDead("node1", TIMEOUT);

        assertThat(nodes.heartbeat("node2")).isTrue();
        assertThat(nodes.heartbeat("node2")).isFalse();
        assertThat(nodes.evictDead("node1", TIMEOUT).newlyDead()).isEmpty();
    }

    @Test
    void aDeadNodesPendingDisconnectRequestsAreDropped() {
        Device device = device("dropped");
        node1.connected(device, "c1", "127.0.0.1");
        node2.connected(device, "c2", "127.0.0.1");
        makeStale("node1");

        nodes.evictDead("node2", TIMEOUT);

        assertThat(nodes.disconnectRequests("node1")).isEmpty();
        assertThat(reload(device).connectionId()).isEqualTo("c2");
    }

    @Test
    void deletingADeviceThroughOneNodeAsksTheNodeHoldingItToDisconnect() {
        Device device = device("deleted");
        node1.connected(device, "c1", "127.0.0.1");

        node2.delete("1", "", new DeviceRef(null, productKey, "deleted"));

        assertThat(nodes.disconnectRequests("node1"))
                .containsExactly(new ClusterNodes.DisconnectRequest("c1", productKey, "deleted"));
    }

    @Test
    void disablingADeviceThroughOneNodeAsksTheNodeHoldingItToDisconnect() {
        Device device = device("disabled");
        node1.connected(device, "c1", "127.0.0.1");

        node2.setDisabled("1", "", new DeviceRef(null, productKey, "disabled"), true);

        assertThat(nodes.disconnectRequests("node1")).extracting(ClusterNodes.DisconnectRequest::connectionId)
                .containsExactly("c1");
    }

    @Test
    void theConnectedToNodePredicateSelectsTheDevicesThisNodeHolds() {
        Device here = device("here");
        Device there = device("there");
        Device gone = device("gone");
        node1.connected(here, "c1", "127.0.0.1");
        node2.connected(there, "c2", "127.0.0.1");
        node1.connected(gone, "c3", "127.0.0.1");
        node1.disconnected(gone.id(), "c3");

        List<String> names = database.jdbi().withHandle(h -> h.createQuery(
                        "SELECT d.name FROM device d WHERE " + DeviceRepository.connectedToNode("d") + " ORDER BY d.name")
                .bind("node", "node1").mapTo(String.class).list());

        assertThat(names).containsExactly("here");
    }

    @Test
    void aNodeLeavingMarksItsDevicesOfflineAtOnce() {
        Device device = device("leaver");
        node2.connected(device, "c2", "127.0.0.1");

        nodes.leave("node2");

        assertThat(reload(device).connectionId()).isNull();
    }

    @Test
    void aNodePresumedDeadEndsAllItsConnectionsAtItsNextHeartbeat() {
        RecordingSessions sessions = new RecordingSessions();
        try (ClusterMembership membership = ClusterMembership.join(nodes, new NodeIdentity("node2"),
                ClusterSettings.DEFAULTS, sessions, false)) {
            makeStale("node2");
            nodes.evictDead("node1", TIMEOUT);

            membership.heartbeatRound();
            membership.heartbeatRound();

            assertThat(sessions.calls).containsExactly("endAll");
        }
    }

    @Test
    void aNodeClosesTheConnectionAnotherNodeTookOverAndForgetsTheRequest() {
        RecordingSessions sessions = new RecordingSessions();
        try (ClusterMembership membership = ClusterMembership.join(nodes, new NodeIdentity("node1"),
                ClusterSettings.DEFAULTS, sessions, false)) {
            Device device = device("taken");
            node1.connected(device, "c1", "127.0.0.1");
            node2.connected(device, "c2", "127.0.0.1");

            membership.disconnectRound();

            assertThat(sessions.calls).containsExactly("end " + productKey + "/taken/c1");
            assertThat(nodes.disconnectRequests("node1")).isEmpty();
        }
    }

    private static final class RecordingSessions implements DeviceSessions {
        final List<String> calls = new ArrayList<>();

        @Override
        public synchronized void end(String productKey, String deviceName) {
            calls.add("end " + productKey + "/" + deviceName);
        }

        @Override
        public synchronized void endIfCurrent(String productKey, String deviceName, String connectionId) {
            calls.add("end " + productKey + "/" + deviceName + "/" + connectionId);
        }

        @Override
        public synchronized void endAll() {
            calls.add("endAll");
        }
    }
}
