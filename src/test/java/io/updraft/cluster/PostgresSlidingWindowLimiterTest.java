package io.updraft.cluster;

import io.updraft.gateway.QuotaLimiter;
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

/** Two limiters on two pools stand for two nodes sharing one PostgreSQL database. */
@PostgresqlOnly
class PostgresSlidingWindowLimiterTest {
    private static Database node1;
    private static Database node2;

    /** One database for the class, keys and nonces distinct per test: Flyway on a fresh database costs a second. */
    @BeforeAll
    static void open() {
        String url = TestStore.databaseFor(Path.of("target", "test-data", "cluster-state-" + UUID.randomUUID()));
        node1 = Database.open(url, TestStore.USER, null, 8);
        node2 = Database.open(url, TestStore.USER, null, 8);
    }

    private final QuotaLimiter first = new PostgresSlidingWindowLimiter(node1.jdbi());
    private final QuotaLimiter second = new PostgresSlidingWindowLimiter(node2.jdbi());

    @AfterAll
    static void close() {
        node1.close();
        node2.close();
    }

    @Test
    void theLimitIsSharedByEveryNode() {
        int admitted = 0;
        for (int i = 0; i < 10; i++) {
            admitted += (i % 2 == 0 ? first : second).tryAcquire("acct\nCreateOTAModule", 5) ? 1 : 0;
        }

        assertThat(admitted).isEqualTo(5);
    }

    @Test
    void aBurstUpToTheLimitIsAdmittedAtOnce() {
        for (int i = 0; i < 3; i++) {
            assertThat(first.tryAcquire("burst", 3)).isTrue();
        }
        assertThat(second.tryAcquire("burst", 3)).isFalse();
    }

    @Test
    void admissionsReopenOnceTheOldestIsASecondOld() throws Exception {
        assertThat(first.tryAcquire("k", 2)).isTrue();
        assertThat(second.tryAcquire("k", 2)).isTrue();
        assertThat(first.tryAcquire("k", 2)).isFalse();

        Thread.sleep(1_050);

        assertThat(second.tryAcquire("k", 2)).isTrue();
        assertThat(first.tryAcquire("k", 2)).isTrue();
        assertThat(second.tryAcquire("k", 2)).isFalse();
    }

    @Test
    void keysAreLimitedSeparately() {
        assertThat(first.tryAcquire("acct-a\nQueryProduct", 1)).isTrue();
        assertThat(second.tryAcquire("acct-b\nQueryProduct", 1)).isTrue();
        assertThat(first.tryAcquire("acct-a\nUpdateProduct", 1)).isTrue();
        assertThat(second.tryAcquire("acct-a\nQueryProduct", 1)).isFalse();
    }

    @Test
    void concurrentCallersOnBothNodesNeverGetMoreThanTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            QuotaLimiter limiter = i % 2 == 0 ? first : second;
            Callable<Boolean> call = () -> {
                go.await();
                return limiter.tryAcquire("raced", 10);
            };
            results.add(pool.submit(call));
        }
        long started = System.nanoTime();
        go.countDown();
        int admitted = 0;
        for (Future<Boolean> result : results) {
            admitted += result.get() ? 1 : 0;
        }
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        pool.shutdown();

        assertThat(elapsedMillis).as("all 40 calls fell in one second").isLessThan(1_000);
        assertThat(admitted).isEqualTo(10);
    }
}
