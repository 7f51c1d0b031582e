package io.updraft.cluster;

import com.aliyuncs.IAcsClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.updraft.testing.Batches;
import io.updraft.testing.MqttDevice;
import io.updraft.testing.PostgresqlOnly;
import io.updraft.testing.S3ProxyServer;
import io.updraft.testing.Sdk;
import io.updraft.testing.ServerProcess;
import io.updraft.testing.TestCluster;
import io.updraft.testing.TestServer;
import io.updraft.testing.UpgradingDevice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One batch rolled out by two nodes on one PostgreSQL database, package files in a shared S3 store (as in
 * production: local blobs are one node's), devices split across the nodes' brokers. Nodes are child processes:
 * HiveMQ's extension services are static, so one JVM holds one working broker.
 */
@PostgresqlOnly
class ClusterRolloutTest {
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(4);
    private static final int DEVICES_PER_NODE = 4;
    private static S3ProxyServer s3;
    private static TestCluster cluster;
    private static ServerProcess node1;
    private static ServerProcess node2;
    private static IAcsClient core;
    private final List<UpgradingDevice> devices = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.start(Path.of("target", "test-data", "rollout-s3-" + UUID.randomUUID()));
        cluster = TestCluster.start(0);
        node1 = node("node1");
        node2 = node("node2");
        CompletableFuture<Duration> starting = CompletableFuture.supplyAsync(node2::start);
        node1.start();
        starting.join();
        core = Sdk.core(node1.endpoint(), TestServer.ACME);
    }

    @AfterAll
    static void stop() throws Exception {
        for (ServerProcess node : new ServerProcess[] {node1, node2}) {
            if (node != null) {
                node.ensureStopped();
            }
        }
        cluster.close();
        s3.close();
    }

    @AfterEach
    void disconnect() throws Exception {
        for (UpgradingDevice device : devices) {
            device.close();
        }
    }

    private static ServerProcess node(String name) {
        return cluster.process(name, "--node-timeout", String.valueOf(NODE_TIMEOUT.toSeconds()),
                        "--blob-store", "s3", "--s3-endpoint", s3.endpoint(), "--s3-bucket", "rollout")
                .withEnvironment("UPDRAFT_S3_ACCESS_KEY", S3ProxyServer.ACCESS_KEY)
                .withEnvironment("UPDRAFT_S3_SECRET_KEY", S3ProxyServer.SECRET_KEY);
    }

    private UpgradingDevice online(ServerProcess node, MqttDevice device) throws Exception {
        UpgradingDevice upgrading = UpgradingDevice.connect(node.endpoint(), device);
        devices.add(upgrading);
        upgrading.reportVersion("1.0.0");
        return upgrading;
    }

    private static byte[] firmware() {
        byte[] content = new byte[30_000];
        new Random(7).nextBytes(content);
        return content;
    }

    @Test
    void everyDeviceOfBothNodesGetsExactlyOnePushAndSucceeds() throws Exception {
        String productKey = MqttDevice.newProduct(core);
        List<UpgradingDevice> fleet = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 2 * DEVICES_PER_NODE; i++) {
            MqttDevice device = MqttDevice.register(core, productKey, "split-" + i);
            fleet.add(online(i % 2 == 0 ? node1 : node2, device));
            names.add(device.deviceName());
        }
        byte[] content = firmware();
        String firmwareId = Batches.newPackage(core, productKey, content, "2.0.0", "MD5");

        String jobId = Batches.staticJob(core, productKey, firmwareId, names, r -> { });

        for (UpgradingDevice device : fleet) {
            assertThat(device.upgrade(device.awaitPush().path("data"))).isEqualTo(content);
        }
        for (String name : names) {
            Batches.awaitTask(core, jobId, name, "SUCCEEDED");
        }
        for (UpgradingDevice device : fleet) {
            device.assertNoPush(Duration.ofMillis(200));
            assertThat(device.pushes()).as(device.device().deviceName()).hasSize(1);
        }
    }

    @Test
    void whenANodeIsKilledMidRolloutItsDevicesReconnectToTheOtherAndFinish() throws Exception {
        String productKey = MqttDevice.newProduct(core);
        ServerProcess doomed = node("node-doomed");
        try {
            doomed.start();
            List<MqttDevice> onDoomed = new ArrayList<>();
            List<UpgradingDevice> survivors = new ArrayList<>();
            List<UpgradingDevice> stranded = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 2 * DEVICES_PER_NODE; i++) {
                MqttDevice device = MqttDevice.register(core, productKey, "moved-" + i);
                names.add(device.deviceName());
                if (i % 2 == 0) {
                    survivors.add(online(node1, device));
                } else {
                    onDoomed.add(device);
                    stranded.add(online(doomed, device));
                }
            }
            byte[] content = firmware();
            String firmwareId = Batches.newPackage(core, productKey, content, "2.0.0", "MD5");
            String jobId = Batches.staticJob(core, productKey, firmwareId, names, r -> { });
            // mid-rollout: every device has its push; the doomed node's devices started downloading
            for (UpgradingDevice device : stranded) {
                device.awaitPush();
                device.progress(10, "downloading");
            }
            for (UpgradingDevice device : survivors) {
                device.awaitPush();
            }
            for (MqttDevice device : onDoomed) {
                Batches.awaitTask(core, jobId, device.deviceName(), "IN_PROGRESS");
            }

            doomed.kill9();

            List<UpgradingDevice> moved = new ArrayList<>();
            for (MqttDevice device : onDoomed) {
                moved.add(online(node2, device)); // reconnected through the balancer, to node 2
            }
            for (UpgradingDevice device : moved) {
                JsonNode again = device.awaitPush();
                assertThat(device.upgrade(again.path("data"))).isEqualTo(content);
            }
            for (UpgradingDevice device : survivors) {
                assertThat(device.upgrade(device.pushes().get(0).path("data"))).isEqualTo(content);
            }
            for (String name : names) {
                Batches.awaitTask(core, jobId, name, "SUCCEEDED");
            }
            for (UpgradingDevice device : moved) {
                assertThat(device.pushes()).as("the same attempt, pushed again on the new node").hasSize(1);
            }
        } finally {
            doomed.ensureStopped();
        }
    }
}
