package io.updraft.api.ota;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.http.HttpResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static io.updraft.api.ota.Modules.createProduct;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module Actions are limited to 10 QPS per account (ota-api.md §B.2), shared by the account's RAM users; over
 * quota is HTTP 400 Throttling.User. The {@code limited} account has the documented quotas; other test classes may
 * use it too, so these tests use module Actions only and tolerate fewer admissions than the limit.
 */
class OtaModuleQuotaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ExecutorService pool;
    private final TestServer server = TestServer.shared();

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(25);
    }

    @AfterAll
    static void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    /** One raw call through the old SDK: HTTP status and the Code of the body ("ok" for a successful call). */
    private record Outcome(int status, String code) {
        @FunctionalInterface
        interface Call {
            Outcome run() throws Exception;
        }
    }

    private static Outcome raw(IAcsClient client, AcsRequest<?> request) throws Exception {
        HttpResponse response = client.doAction(request);
        JsonNode body = JSON.readTree(response.getHttpContent());
        boolean ok = body.path("Success").asBoolean(false);
        return new Outcome(response.getStatus(), ok ? "ok" : body.path("Code").asText());
    }

    /** Fires {@code count} calls at once behind a start gate. */
    private static List<Outcome> burst(int count, IntFunction<Outcome.Call> call) throws Exception {
        CountDownLatch ready = new CountDownLatch(count);
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<Outcome>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Outcome.Call task = call.apply(i);
            futures.add(pool.submit(() -> {
                ready.countDown();
                gate.await();
                return task.run();
            }));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
        gate.countDown();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> f : futures) {
            outcomes.add(f.get(60, TimeUnit.SECONDS));
        }
        return outcomes;
    }

    private static long count(List<Outcome> outcomes, int status, String code) {
        return outcomes.stream().filter(o -> o.status() == status && o.code().equals(code)).count();
    }

    /** Lets every earlier admission of the account leave the one-second window. */
    private static void clearWindow() throws InterruptedException {
        Thread.sleep(1100);
    }

    @Test
    void listIsLimitedToTenPerSecondPerAccount() throws Exception {
        IAcsClient limited = Sdk.core(server, TestServer.LIMITED);
        String productKey = createProduct(limited);
        clearWindow();

        List<Outcome> outcomes = burst(25, i -> () -> raw(limited, Modules.listRequest(productKey)));

        long ok = count(outcomes, 200, "ok");
        long throttled = count(outcomes, 400, "Throttling.User");
        assertThat(ok + throttled).as("every call admitted or throttled: %s", outcomes).isEqualTo(25);
        assertThat(ok).as("admitted").isBetween(1L, 10L);
        assertThat(throttled).as("throttled").isGreaterThanOrEqualTo(15);
    }

    @Test
    void throttledAccountIsAdmittedAgainAfterOneSecond() throws Exception {
        IAcsClient limited = Sdk.core(server, TestServer.LIMITED);
        String productKey = createProduct(limited);
        clearWindow();
        List<Outcome> outcomes = burst(15, i -> () -> raw(limited, Modules.listRequest(productKey)));
        assertThat(count(outcomes, 400, "Throttling.User")).isGreaterThanOrEqualTo(5);

        clearWindow();
        assertThat(raw(limited, Modules.listRequest(productKey))).isEqualTo(new Outcome(200, "ok"));
    }

    @Test
    void ramUsersShareTheAccountQuota() throws Exception {
        IAcsClient root = Sdk.core(server, TestServer.LIMITED);
        IAcsClient ram = Sdk.core(server, TestServer.LIMITED_RAM);
        String productKey = createProduct(root);
        clearWindow();

        // Deleting a module that does not exist is admitted (then fails as OtaModuleNotExist) and changes nothing.
        List<Outcome> outcomes = burst(20, i -> () ->
                raw(i % 2 == 0 ? root : ram, Modules.deleteRequest(productKey, "absent")));

        long admitted = count(outcomes, 200, "iot.ota.OtaModuleNotExist");
        long throttled = count(outcomes, 400, "Throttling.User");
        assertThat(admitted + throttled).as("%s", outcomes).isEqualTo(20);
        assertThat(admitted).as("admitted for root and RAM user together").isBetween(1L, 10L);
    }

    @Test
    void accountWithLiftedQuotaIsNotThrottled() throws Exception {
        IAcsClient acme = Sdk.core(server, TestServer.ACME);
        String productKey = createProduct(acme);
        List<Outcome> outcomes = burst(25, i -> () -> raw(acme, Modules.listRequest(productKey)));
        assertThat(outcomes).containsOnly(new Outcome(200, "ok"));
    }
}
