package io.updraft.bench.http;

import io.updraft.UpdraftServer;
import io.updraft.bench.BenchOptions;
import io.updraft.bench.BenchStore;
import io.updraft.config.UpdraftConfig;
import io.updraft.testing.TestServer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The whole-request scenarios against an in-process Updraft server on one store, each at every connection count,
 * with the baseline measured right before them at the same count so that the ratios compare like with like.
 */
public final class HttpScenarios {
    public static final String BASELINE = "baseline";
    public static final String LIST = "list-modules";
    public static final String WRITES = "create-delete-modules";
    public static final String MIXED = "mixed-90-10";

    private final BenchOptions options;

    public HttpScenarios(BenchOptions options) {
        this.options = options;
    }

    public List<LoadResult> run(BenchStore store, Path workDir) throws InterruptedException {
        Path dataDir = workDir.resolve("http-" + store.id() + "-" + UUID.randomUUID());
        // the bootstrap's "globex" account has its QPS quota lifted to 100,000 per Action
        UpdraftConfig config = store.configure(UpdraftConfig.defaults(dataDir).withHttp("127.0.0.1", 0)
                .withMqtt("127.0.0.1", 0).withMqttConnectsPerMinute(0).withBootstrap(TestServer.bootstrap(dataDir)), dataDir);
        List<LoadResult> results = new ArrayList<>();
        try (UpdraftServer server = UpdraftServer.start(config)) {
            String host = "127.0.0.1:" + server.httpPort();
            RequestSigner signer = new RequestSigner(TestServer.GLOBEX.id(), TestServer.GLOBEX.secret(), host);
            String listProduct;
            List<String> writeProducts;
            List<String> mixedProducts;
            int responseBytes;
            try (ApiCaller api = new ApiCaller("127.0.0.1", server.httpPort(), signer)) {
                listProduct = DataSetup.productWithModules(api, "bench_list", options.listModules());
                Supplier<ApiCaller> connect = () -> new ApiCaller("127.0.0.1", server.httpPort(), signer);
                writeProducts = DataSetup.products(connect, "bench_w", options.writeProducts(), 0);
                mixedProducts = DataSetup.products(connect, "bench_mix", options.mixedProducts(), 1);
                responseBytes = api.responseBytes("ListOTAModuleByProduct", Map.of("ProductKey", listProduct));
            }
            LoadGenerator updraft = new LoadGenerator("127.0.0.1", server.httpPort());
            try (BaselineServer baseline = BaselineServer.start(responseBytes)) {
                LoadGenerator bare = new LoadGenerator("127.0.0.1", baseline.port());
                for (int connections : options.connections()) {
                    // the baseline gets the very same signed requests: the client's cost is identical
                    results.add(measure(bare, BASELINE, store, connections,
                            n -> new ListModulesWorkload(signer, listProduct, options.v3Share())));
                    results.add(measure(updraft, LIST, store, connections,
                            n -> new ListModulesWorkload(signer, listProduct, options.v3Share())));
                    results.add(measure(updraft, WRITES, store, connections,
                            n -> new CreateDeleteWorkload(signer, writeProducts, options.v3Share(), n)));
                    results.add(measure(updraft, MIXED, store, connections,
                            n -> new MixedWorkload(signer, mixedProducts, options.v3Share(), 0.1, n)));
                }
            }
        }
        return results;
    }

    private LoadResult measure(LoadGenerator generator, String scenario, BenchStore store, int connections,
                               IntFunction<Workload> workload) throws InterruptedException {
        LoadResult result = generator.run(scenario, store.id(), connections, options.warmup(), options.measured(),
                workload.apply(connections));
        System.out.printf("%-22s %-10s c=%-3d %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  p99.9 %7.2f ms  errors %d%n",
                scenario, store.id(), connections, result.requestsPerSecond(), result.p50Ms(), result.p99Ms(),
                result.p999Ms(), result.errors());
        return result;
    }
}
