package io.updraft.cluster;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.DeleteDeviceRequest;
import com.aliyuncs.iot.model.v20180120.QueryDeviceDetailRequest;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Device presence on two nodes sharing one PostgreSQL database, each with its own embedded broker: a device is
 * connected to one node, the store knows which, and one certificate is one connection across the cluster. The
 * nodes are child processes: HiveMQ's extension services are static, so one JVM holds one working broker.
 */
@PostgresqlOnly
class ClusterPresenceTest {
    /** Short, so a dead node is found within seconds; generous next to the heartbeat (a third of it). */
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(4);
    private static TestCluster cluster;
    private static ServerProcess node1;
    private static ServerProcess node2;
    private static IAcsClient core;
    private static String productKey;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(0);
        node1 = node("node1");
        node2 = node("node2");
        CompletableFuture<Duration> starting = CompletableFuture.supplyAsync(node2::start);
        node1.start();
        starting.join();
        core = Sdk.core(node1.endpoint(), TestServer.ACME);
        productKey = MqttDevice.newProduct(core);
    }

    @AfterAll
    static void stop() {
        for (ServerProcess node : new ServerProcess[] {node1, node2}) {
            if (node != null) {
                node.ensureStopped();
            }
        }
        cluster.close();
    }

    private static ServerProcess node(String name) {
        return cluster.process(name, "--node-timeout", String.valueOf(NODE_TIMEOUT.toSeconds()));
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
    private static MqttClient connect(MqttDevice device, ServerProcess node, CountDownLatch lost) throws Exception {
        String clientId = "SN-" + UUID.randomUUID().toString().substring(0, 6);
        MqttClient client = device.client(node.endpoint(), clientId, "hmacsha1");
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
    void aNodeStartingOrStoppingChangesThePresenceOfItsOwnDevicesOnly() throws Exception {
        MqttDevice onNode1 = newDevice();
        MqttDevice onNode3 = newDevice();
        CountDownLatch lost = new CountDownLatch(1);
        MqttClient client = connect(onNode1, node1, lost);
        ServerProcess node3 = node("node3");
        try {
            node3.start();
            assertThat(status(onNode1)).as("node 3 started").isEqualTo("ONLINE");
            MqttClient third = connect(onNode3, node3, new CountDownLatch(1));
            assertThat(status(onNode3)).isEqualTo("ONLINE");

            node3.sigterm();
            node3.waitForExit(Duration.ofSeconds(60));
            third.close();

            assertThat(status(onNode3)).as("a stopped node's device").isEqualTo("OFFLINE");
            assertThat(status(onNode1)).as("node 3 stopped").isEqualTo("ONLINE");
            assertThat(client.isConnected()).isTrue();
            assertThat(lost.getCount()).isEqualTo(1);
        } finally {
            node3.ensureStopped();
            close(client);
        }
    }

    @Test
    void aDeviceConnectingToAnotherNodeIsDisconnectedFromTheFirstAndStaysOnline() throws Exception {
        MqttDevice device = newDevice();
        CountDownLatch firstLost = new CountDownLatch(1);
        CountDownLatch secondLost = new CountDownLatch(1);
        MqttClient first = connect(device, node1, firstLost);
        MqttClient second = connect(device, node2, secondLost);
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
        MqttClient first = connect(device, node1, firstLost);
        MqttClient second = connect(device, node2, secondLost);
        assertThat(firstLost.await(10, TimeUnit.SECONDS)).isTrue();
        MqttClient third = connect(device, node1, thirdLost);
        try {
            assertThat(secondLost.await(10, TimeUnit.SECONDS)).as("node 2 closed its connection").isTrue();
            Thread.sleep(1_000); // a poll or two of node 1: the request naming the first connection is stale
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
        MqttClient client = connect(device, node2, lost);
        try {
            DeleteDeviceRequest delete = new DeleteDeviceRequest();
            delete.setIotId(device.iotId());
            assertThat(core.getAcsResponse(delete).getSuccess()).isTrue();

            assertThat(lost.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            close(client);
        }
    }

    @Test
    void aKilledNodesDevicesShowOfflineAfterTheNodeTimeoutAndConnectElsewhere() throws Exception {
        MqttDevice device = newDevice();
        ServerProcess killed = node("node-killed");
        try {
            killed.start();
            CountDownLatch lost = new CountDownLatch(1);
            MqttClient client = connect(device, killed, lost);
            assertThat(status(device)).isEqualTo("ONLINE");

            killed.kill9();

            assertThat(lost.await(10, TimeUnit.SECONDS)).isTrue();
            client.close();
            eventually(NODE_TIMEOUT.multipliedBy(5), () -> status(device).equals("OFFLINE"));
            MqttClient again = connect(device, node1, new CountDownLatch(1));
            assertThat(status(device)).isEqualTo("ONLINE");
            close(again);
        } finally {
            killed.ensureStopped();
        }
    }
}
