package io.updraft.testing;

import io.updraft.config.UpdraftConfig;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Updraft nodes as in production behind a load balancer: one fresh PostgreSQL database, one master key and one
 * bootstrap for all, a data dir each. PostgreSQL runs only: H2 is a single-node store.
 */
public final class TestCluster implements AutoCloseable {
    private final List<TestServer> nodes;

    private TestCluster(List<TestServer> nodes) {
        this.nodes = nodes;
    }

    public static TestCluster start(int size) {
        if (!TestStore.isPostgresql()) {
            throw new IllegalStateException("a cluster needs -D" + TestStore.PROPERTY + "=postgresql");
        }
        Path root = Path.of("target", "test-data", "cluster-" + UUID.randomUUID());
        Path bootstrap = TestServer.bootstrap(root);
        String database = TestStore.databaseFor(root);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String masterKey = Base64.getEncoder().encodeToString(key);
        List<TestServer> nodes = new ArrayList<>();
        try {
            for (int i = 1; i <= size; i++) {
                UpdraftConfig config = UpdraftConfig.defaults(root.resolve("node" + i))
                        .withHttp("127.0.0.1", 0).withBootstrap(bootstrap)
                        .withDatabase(database, TestStore.USER, null)
                        .withMasterKey(masterKey);
                nodes.add(TestServer.start(config));
            }
        } catch (RuntimeException e) {
            nodes.forEach(TestServer::close);
            throw e;
        }
        return new TestCluster(List.copyOf(nodes));
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
