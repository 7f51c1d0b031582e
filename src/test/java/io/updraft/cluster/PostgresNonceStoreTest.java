package io.updraft.cluster;

import io.updraft.gateway.NonceStore;
import io.updraft.store.Database;
import io.updraft.testing.PostgresqlOnly;
import io.updraft.testing.TestStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Two stores on two pools stand for two nodes sharing one PostgreSQL database. */
@PostgresqlOnly
class PostgresNonceStoreTest {
    private static final long RETENTION_MILLIS = 31 * 60 * 1000L;
    private static Database node1;
    private static Database node2;

    /** One database for the class, keys and nonces distinct per test: Flyway on a fresh database costs a second. */
    @BeforeAll
    static void open() {
        String url = TestStore.databaseFor(Path.of("target", "test-data", "cluster-state-" + UUID.randomUUID()));
        node1 = Database.open(url, TestStore.USER, null, 4);
        node2 = Database.open(url, TestStore.USER, null, 4);
    }

    @AfterAll
    static void close() {
        node1.close();
        node2.close();
    }

    @Test
    void aNonceAcceptedOnOneNodeIsRefusedOnEveryNode() {
        NonceStore first = new PostgresNonceStore(node1.jdbi(), RETENTION_MILLIS);
        NonceStore second = new PostgresNonceStore(node2.jdbi(), RETENTION_MILLIS);

        assertThat(first.remember("AK1", "nonce-1")).isTrue();
        assertThat(second.remember("AK1", "nonce-1")).isFalse();
        assertThat(first.remember("AK1", "nonce-1")).isFalse();
    }

    @Test
    void theSameNonceOfAnotherAccessKeyIsNew() {
        NonceStore store = new PostgresNonceStore(node1.jdbi(), RETENTION_MILLIS);

        assertThat(store.remember("AK1", "shared")).isTrue();
        assertThat(store.remember("AK2", "shared")).isTrue();
    }

    @Test
    void aNonceIsNewAgainOnceItsRetentionHasPassedEvenBeforeThePurge() throws Exception {
        NonceStore store = new PostgresNonceStore(node1.jdbi(), 200);

        assertThat(store.remember("AK1", "n")).isTrue();
        Thread.sleep(300);
        assertThat(store.remember("AK1", "n")).isTrue();
        assertThat(store.remember("AK1", "n")).isFalse();
    }

    @Test
    void purgeForgetsExpiredNoncesOnly() throws Exception {
        NonceStore shortLived = new PostgresNonceStore(node1.jdbi(), 200);
        NonceStore longLived = new PostgresNonceStore(node1.jdbi(), RETENTION_MILLIS);
        shortLived.remember("AK1", "old");
        Thread.sleep(300);
        longLived.remember("AK1", "fresh");

        longLived.purgeExpired();

        assertThat(expiredRows()).isZero();
        assertThat(longLived.remember("AK1", "fresh")).isFalse();
    }

    @Test
    void nodesRacingOnOneNonceAcceptItOnce() throws Exception {
        List<NonceStore> stores = List.of(new PostgresNonceStore(node1.jdbi(), RETENTION_MILLIS),
                new PostgresNonceStore(node2.jdbi(), RETENTION_MILLIS));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            NonceStore store = stores.get(i % 2);
            Callable<Boolean> attempt = () -> {
                go.await();
                return store.remember("AK1", "raced");
            };
            results.add(pool.submit(attempt));
        }
        go.countDown();
        int accepted = 0;
        for (Future<Boolean> result : results) {
            accepted += result.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(accepted).isEqualTo(1);
    }

    @Test
    void aNonceOfAnyLengthIsStored() {
        NonceStore store = new PostgresNonceStore(node1.jdbi(), RETENTION_MILLIS);
        String huge = "n".repeat(100_000);

        assertThat(store.remember("AK1", huge)).isTrue();
        assertThat(store.remember("AK1", huge)).isFalse();
    }

    private int expiredRows() {
        return node1.jdbi().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM signature_nonce WHERE expires_at <= updraft_clock_micros() / 1000")
                .mapTo(Integer.class).one());
    }
}
