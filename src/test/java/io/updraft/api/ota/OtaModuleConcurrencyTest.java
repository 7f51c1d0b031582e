package io.updraft.api.ota;

import com.aliyuncs.IAcsClient;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static io.updraft.api.ota.Modules.createProduct;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module limits hold under parallel requests. Each repetition uses a fresh product; all requests of a round
 * wait behind one start gate so they reach the server together.
 */
class OtaModuleConcurrencyTest {
    private static final int THREADS = 20;
    private static ExecutorService pool;
    private final IAcsClient core = Sdk.core(TestServer.shared(), TestServer.ACME);

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    static void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Runs {@code count} calls at once behind a start gate; returns "ok" or the error code of each. */
    private static List<String> race(int count, IntFunction<Callable<String>> call) throws Exception {
        CountDownLatch ready = new CountDownLatch(count);
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Callable<String> task = call.apply(i);
            futures.add(pool.submit(() -> {
                ready.countDown();
                gate.await();
                return task.call();
            }));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).as("all threads at the gate").isTrue();
        gate.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : futures) {
            outcomes.add(f.get(60, TimeUnit.SECONDS));
        }
        return outcomes;
    }

    private Callable<String> create(String productKey, String name) {
        return () -> {
            var r = Modules.create(core, productKey, name);
            return Boolean.TRUE.equals(r.getSuccess()) ? "ok" : r.getCode();
        };
    }

    @RepeatedTest(value = 10, name = "round {currentRepetition}")
    void twentyParallelCreatesOnOneProductYieldExactlyTenModules() throws Exception {
        String productKey = createProduct(core);
        List<String> outcomes = race(THREADS, i -> create(productKey, "parallel" + i));

        assertThat(outcomes).filteredOn("ok"::equals).hasSize(10);
        assertThat(outcomes).filteredOn(o -> !o.equals("ok")).hasSize(10)
                .containsOnly("iot.ota.OtaModuleCountExceedMax");
        assertThat(Modules.list(core, productKey)).hasSize(10);
    }

    @RepeatedTest(value = 10, name = "round {currentRepetition}")
    void parallelCreatesOfCaseVariantsYieldExactlyOneModule() throws Exception {
        String productKey = createProduct(core);
        String[] variants = {"Scanner", "scanner", "SCANNER", "sCANNER", "ScAnNeR"};
        List<String> outcomes = race(10, i -> create(productKey, variants[i % variants.length]));

        assertThat(outcomes).filteredOn("ok"::equals).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.equals("ok")).containsOnly("iot.ota.OtaModuleAlreadyExisted");
        List<String> names = Modules.names(core, productKey);
        assertThat(names).hasSize(1);
        assertThat(names.get(0)).isEqualToIgnoringCase("scanner");
    }

    @RepeatedTest(value = 10, name = "round {currentRepetition}")
    void parallelDeletesOfOneModuleSucceedExactlyOnce() throws Exception {
        String productKey = createProduct(core);
        Modules.createOk(core, productKey, "doomed", null, null);
        Modules.createOk(core, productKey, "survivor", null, null);
        List<String> outcomes = race(10, i -> () -> {
            var r = Modules.delete(core, productKey, i % 2 == 0 ? "doomed" : "DOOMED");
            return Boolean.TRUE.equals(r.getSuccess()) ? "ok" : r.getCode();
        });

        assertThat(outcomes).filteredOn("ok"::equals).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.equals("ok")).containsOnly("iot.ota.OtaModuleNotExist");
        assertThat(Modules.names(core, productKey)).containsExactly("survivor");
    }
}
