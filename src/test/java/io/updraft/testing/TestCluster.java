package io.updraft.testing;

import io.updraft.config.UpdraftConfig;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * Updraft nodes as in production behind a load balancer: one fresh PostgreSQL database, one master key and one
 * bootstrap for all, a data dir each. The nodes start at the same time, racing on the migrations and the bootstrap
 * as a cluster does when it is deployed. PostgreSQL runs only: H2 is a single-node store.
 */
public final class TestCluster implements AutoCloseable {
    private final Path root;
    private final Path bootstrap;
    private final String databaseUrl;
    private final String masterKey;
    private final List<TestServer> nodes = new ArrayList<>();
    private final UnaryOperator<UpdraftConfig> customize;

    private TestCluster(UnaryOperator<UpdraftConfig> customize) {
        this.customize = customize;
        if (!TestStore.isPostgresql()) {
            throw new IllegalStateException("a cluster needs -D" + TestStore.PROPERTY + "=postgresql");
        }
        root = Path.of("target", "test-data", "cluster-" + UUID.randomUUID());
        bootstrap = TestServer.bootstrap(root);
        databaseUrl = TestStore.databaseFor(root);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        masterKey = Base64.getEncoder().encodeToString(key);
    }

    public static TestCluster start(int size) {
        return start(size, UnaryOperator.identity());
    }

    /** Nodes whose configuration {@code customize} adjusts, e.g. a short node timeout. */
    public static TestCluster start(int size, UnaryOperator<UpdraftConfig> customize) {
        TestCluster cluster = new TestCluster(customize);
        List<CompletableFuture<TestServer>> starting = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            UpdraftConfig config = cluster.nodeConfig("node" + i);
            starting.add(CompletableFuture.supplyAsync(() -> TestServer.start(config)));
        }
        RuntimeException failure = null;
        for (CompletableFuture<TestServer> node : starting) {
            try {
                cluster.nodes.add(node.join());
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            cluster.close();
            throw failure;
        }
        return cluster;
    }

    /** The configuration of one more node of this cluster, with a data dir of its own. */
    public UpdraftConfig nodeConfig(String name) {
        return customize.apply(UpdraftConfig.defaults(root.resolve(name)).withHttp("127.0.0.1", 0)
                .withMqtt("127.0.0.1", 0).withMqttConnectsPerMinute(0).withBootstrap(bootstrap)
                .withDatabase(databaseUrl, TestStore.USER, null).withMasterKey(masterKey));
    }

    /** Starts one more in-process node; the caller closes it (closing the cluster does not). */
    public TestServer startNode(String name) {
        return TestServer.start(nodeConfig(name));
    }

    /** One more node of this cluster in a child JVM (to kill it), not yet started; {@code extraArgs} are flags. */
    public ServerProcess process(String name, String... extraArgs) {
        return ServerProcess.on(root.resolve(name), extraArgs).withDatabase(databaseUrl)
                .withEnvironment("UPDRAFT_MASTER_KEY", masterKey);
    }

    /** Node {@code i}, counting from 1. */
    public TestServer node(int i) {
        return nodes.get(i - 1);
    }

    /** The node for the {@code n}-th request when a load balancer spreads requests round robin. */
    public TestServer roundRobin(int n) {
        return nodes.get(Math.floorMod(n, nodes.size()));
    }

    @Override
    public void close() {
        nodes.forEach(TestServer::close);
    }
}
