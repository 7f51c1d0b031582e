package io.updraft.reliability;

import io.updraft.testing.RawClient;
import io.updraft.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One account bursting far beyond its quota is refused with {@code Throttling.User} and does not slow other
 * accounts down. On PostgreSQL every admission is a database round trip (the cluster-wide quota), so this also
 * shows the refusals do not exhaust the connection pool that other accounts need.
 */
class QuotaBurstTest {

    @Test
    void aBurstBeyondTheQuotaIsThrottledWithoutSlowingOtherAccounts() throws Exception {
        Path dir = Path.of("target", "test-data", "burst-" + UUID.randomUUID());
        TestServer server = TestServer.start(dir, TestServer.bootstrap(dir));
        int burst = 600;
        ExecutorService attackers = Executors.newFixedThreadPool(32);
        try {
            RawClient raw = new RawClient(server);
            Map<String, Integer> outcomes = new ConcurrentHashMap<>();
            AtomicBoolean bursting = new AtomicBoolean(true);
            long started = System.nanoTime();
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                sent.add(attackers.submit(() -> {
                    RawClient.Response r = raw.v1(TestServer.CAPPED, "QueryProductList")
                            .param("CurrentPage", "1").param("PageSize", "10").send();
                    outcomes.merge(r.status() == 200 ? "ok" : r.json().path("Code").asText(), 1, Integer::sum);
                }));
            }
            List<Long> others = new ArrayList<>();
            Thread other = new Thread(() -> {
                while (bursting.get()) {
                    long t = System.nanoTime();
                    RawClient.Response r = raw.v1(TestServer.GLOBEX, "QueryProductList")
                            .param("CurrentPage", "1").param("PageSize", "10").send();
                    assertThat(r.status()).as(r.toString()).isEqualTo(200);
                    others.add((System.nanoTime() - t) / 1_000_000);
                }
            });
            other.start();
            for (Future<?> f : sent) {
                f.get(60, TimeUnit.SECONDS);
            }
            long burstMillis = (System.nanoTime() - started) / 1_000_000;
            bursting.set(false);
            other.join(30_000);

            int throttled = outcomes.getOrDefault("Throttling.User", 0);
            assertThat(outcomes.keySet()).containsOnly("ok", "Throttling.User");
            // 5 per second: at most 5 per started second of the burst, plus one window's worth at its edge
            assertThat(outcomes.get("ok")).isLessThanOrEqualTo(5 * (int) (burstMillis / 1000 + 2));
            assertThat(others).isNotEmpty();
            assertThat(Collections.max(others)).isLessThan(3_000L);
            Figures.report("quota-burst", "%d requests from 32 threads by an account with 5 QPS in %d ms (%.0f/s): "
                            + "%d admitted, %d refused Throttling.User (%.1f%%); another account meanwhile: %d answers, "
                            + "all 200, slowest %d ms, median %d ms",
                    burst, burstMillis, burst * 1000.0 / burstMillis, outcomes.get("ok"), throttled,
                    100.0 * throttled / burst, others.size(), Collections.max(others),
                    SlowHttpClientsTest.median(others));
        } finally {
            attackers.shutdownNow();
            server.close();
        }
    }
}
