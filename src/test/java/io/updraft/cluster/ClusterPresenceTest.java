package io.updraft.cluster;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.DeleteDeviceRequest;
import com.aliyuncs.iot.model.v20180120.QueryDeviceDetailRequest;
import io.updraft.config.ClusterSettings;
import io.updraft.testing.MqttDevice;
import io.updraft.testing.PostgresqlOnly;
import io.updraft.testing.Sdk;
import io.updraft.testing.ServerProcess;
import io.updraft.testing.TestCluster;
import io.updraft.testing.TestServer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Device presence on two nodes sharing one PostgreSQL database, each with its own embedded broker: a device is
 * connected to one node, the store knows which, and one certificate is one connection across the cluster.
 */
@PostgresqlOnly
class ClusterPresenceTest {
    /** Short, so a dead node is found within seconds; generous next to the heartbeat (a third of it). */
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(4);
    private static TestCluster cluster;
    private static IAcsClient core;
    private static String productKey;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(2, c -> c.withCluster(ClusterSettings.DEFAULTS.withNodeTimeout(NODE_TIMEOUT)));
        core = Sdk.core(cluster.node(1), TestServer.ACME);
        productKey = MqttDevice.newProduct(core);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static MqttDevice newDevice() throws Exception {
        return MqttDevice.register(core, productKey, "dev-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static String status(MqttDevice device) {
        QueryDeviceDetailRequest request = new QueryDeviceDetailRequest();
        request.setIotId(device.iotId());
        try {
            return core.getAcsResponse(request).getData().getStatus();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void eventually(Duration bound, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.get()) {
            assertThat(System.nanoTime()).as("condition not met within " + bound).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Connected, counting down {@code lost} when the server ends the connection. */
    private static MqttClient connect(MqttDevice device, TestServer node, CountDownLatch lost) throws Exception {
        MqttClient client = device.client(node, "SN-" + UUID.randomUUID().toString().substring(0, 6), "hmacsha1");
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                lost.countDown();
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        String clientId = client.getClientId().substring(0, client.getClientId().indexOf('|'));
        client.connect(device.options(clientId, "hmacsha1", device.deviceSecret(), 60));
        return client;
    }

    private static void close(MqttClient client) throws Exception {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }

    @Test
    void aNodeStartingLeavesTheDevicesConnectedToOtherNodesOnline() throws Exception {
        MqttDevice device = newDevice();
        CountDownLatch lost = new CountDownLatch(1);
        MqttClient client = connect(device, cluster.node(1), lost);
        try {
            TestServer node3 = cluster.startNode("node3");
            try {
                assertThat(status(device)).isEqualTo("ONLINE");
            } finally {
                node3.close();
            }
            assertThat(status(device)).as("a node stopping clears only its own devices").isEqualTo("ONLINE");
            assertThat(client.isConnected()).isTrue();
            assertThat(lost.getCount()).isEqualTo(1);
        } finally {
            close(client);
        }
    }

    @Test
    void aDeviceConnectingToAnotherNodeIsDisconnectedFromTheFirstAndStaysOnline() throws Exception {
        MqttDevice device = newDevice();
        CountDownLatch firstLost = new CountDownLatch(1);
        CountDownLatch secondLost = new CountDownLatch(1);
        MqttClient first = connect(device, cluster.node(1), firstLost);
        MqttClient second = connect(device, cluster.node(2), secondLost);
        try {
            assertThat(firstLost.await(10, TimeUnit.SECONDS)).as("node 1 closed the older connection").isTrue();
            // the older connection's end, recorded late on node 1, must not mark the device offline
            for (int i = 0; i < 10; i++) {
                assertThat(status(device)).isEqualTo("ONLINE");
                Thread.sleep(100);
            }
            assertThat(second.isConnected()).isTrue();
            assertThat(secondLost.getCount()).isEqualTo(1);
        } finally {
            close(first);
            close(second);
        }
    }

    @Test
    void aDeviceMovingBackToTheFirstNodeKeepsItsNewestConnection() throws Exception {
        MqttDevice device = newDevice();
        CountDownLatch firstLost = new CountDownLatch(1);
        CountDownLatch secondLost = new CountDownLatch(1);
        CountDownLatch thirdLost = new CountDownLatch(1);
        MqttClient first = connect(device, cluster.node(1), firstLost);
        MqttClient second = connect(device, cluster.node(2), secondLost);
        assertThat(firstLost.await(10, TimeUnit.SECONDS)).isTrue();
        MqttClient third = connect(device, cluster.node(1), thirdLost);
        try {
            assertThat(secondLost.await(10, TimeUnit.SECONDS)).as("node 2 closed its connection").isTrue();
            assertThat(third.isConnected()).isTrue();
            assertThat(thirdLost.getCount()).isEqualTo(1);
            assertThat(status(device)).isEqualTo("ONLINE");
        } finally {
            close(first);
            close(second);
            close(third);
        }
    }

    @Test
    void deletingADeviceThroughOneNodeDisconnectsItFromTheOther() throws Exception {
        MqttDevice device = newDevice();
        CountDownLatch lost = new CountDownLatch(1);
        MqttClient client = connect(device, cluster.node(2), lost);
        try {
            DeleteDeviceRequest delete = new DeleteDeviceRequest();
            delete.setIotId(device.iotId());
            assertThat(Sdk.core(cluster.node(1), TestServer.ACME).getAcsResponse(delete).getSuccess()).isTrue();

            assertThat(lost.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            close(client);
        }
    }

    @Test
    void aStoppedNodesDevicesShowOfflineAtOnce() throws Exception {
        MqttDevice device = newDevice();
        TestServer node3 = cluster.startNode("node3-stopped");
        MqttClient client;
        try {
            client = connect(device, node3, new CountDownLatch(1));
            assertThat(status(device)).isEqualTo("ONLINE");
        } finally {
            node3.close();
        }
        client.close();
        assertThat(status(device)).isEqualTo("OFFLINE");
    }

    @Test
    void aKilledNodesDevicesShowOfflineAfterTheNodeTimeoutAndConnectElsewhere() throws Exception {
        MqttDevice device = newDevice();
        ServerProcess killed = cluster.process("node-killed", "--node-timeout", String.valueOf(NODE_TIMEOUT.toSeconds()));
        try {
            killed.start();
            CountDownLatch lost = new CountDownLatch(1);
            MqttClient client = connect(device, killed.endpoint(), lost);
            assertThat(status(device)).isEqualTo("ONLINE");

            killed.kill9();

            assertThat(lost.await(10, TimeUnit.SECONDS)).isTrue();
            client.close();
            eventually(NODE_TIMEOUT.multipliedBy(5), () -> status(device).equals("OFFLINE"));
            MqttClient again = connect(device, cluster.node(1), new CountDownLatch(1));
            assertThat(status(device)).isEqualTo("ONLINE");
            close(again);
        } finally {
            killed.ensureStopped();
        }
    }
}
