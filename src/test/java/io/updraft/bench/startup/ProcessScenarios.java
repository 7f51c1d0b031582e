package io.updraft.bench.startup;

import io.updraft.bench.BenchOptions;
import io.updraft.bench.BenchStore;
import io.updraft.bench.http.ApiCaller;
import io.updraft.bench.http.DataSetup;
import io.updraft.bench.http.ListModulesWorkload;
import io.updraft.bench.http.LoadGenerator;
import io.updraft.bench.http.RequestSigner;
import io.updraft.bench.mqtt.MqttResult;
import io.updraft.bench.mqtt.MqttScenario;
import io.updraft.testing.TestServer;

import java.nio.file.Path;
import java.util.UUID;

/**
 * Start-up, memory and MQTT against {@code io.updraft.Main serve} in a child process:
 * start on an empty data dir; idle RSS; RSS under HTTP load; stop; seed devices into the store; start again;
 * idle RSS; the MQTT fleet (devices from the seeded ones) with RSS sampled; stop.
 */
public final class ProcessScenarios {
    /** Lets the JIT and the first GC settle before "idle" memory is read. */
    private static final long SETTLE_MILLIS = 3000;
    private final BenchOptions options;

    public ProcessScenarios(BenchOptions options) {
        this.options = options;
    }

    public ProcessResult run(BenchStore store, Path workDir) throws Exception {
        Path dataDir = workDir.resolve("process-" + store.id() + "-" + UUID.randomUUID()).toAbsolutePath();
        Path bootstrap = TestServer.bootstrap(dataDir);
        long startupEmpty;
        double idleEmpty;
        double peakHttp;
        String deviceProduct;
        try (ServerProcess server = ServerProcess.start(store, dataDir, bootstrap)) {
            startupEmpty = server.startupMillis();
            Thread.sleep(SETTLE_MILLIS);
            idleEmpty = server.rssMib();
            RequestSigner signer = signer(server);
            String listProduct;
            try (ApiCaller api = new ApiCaller("127.0.0.1", server.httpPort(), signer)) {
                deviceProduct = api.createProduct("bench_devices_" + UUID.randomUUID().toString().substring(0, 6));
                listProduct = DataSetup.productWithModules(api, "bench_rss", options.listModules());
            }
            try (RssSampler sampler = new RssSampler(server)) {
                new LoadGenerator("127.0.0.1", server.httpPort()).run("rss-under-load", store.id(),
                        options.headlineConnections(), options.warmup(), options.measured(),
                        new ListModulesWorkload(signer, listProduct, options.v3Share()));
                peakHttp = sampler.peakMib();
            }
        }
        int seeded = Math.max(options.seededDevices(), options.mqttDevices() + 1);
        long seedStart = System.nanoTime();
        DeviceSeeder.seed(store, dataDir, deviceProduct, seeded);
        System.out.printf("seeded %d devices on %s in %.1f s%n", seeded, store.id(), (System.nanoTime() - seedStart) / 1e9);
        try (ServerProcess server = ServerProcess.start(store, dataDir, bootstrap)) {
            long startupSeeded = server.startupMillis();
            Thread.sleep(SETTLE_MILLIS);
            double idleSeeded = server.rssMib();
            MqttResult mqtt;
            double peakMqtt;
            try (ApiCaller api = new ApiCaller("127.0.0.1", server.httpPort(), signer(server));
                 RssSampler sampler = new RssSampler(server)) {
                mqtt = new MqttScenario(options.mqttReportInterval(), options.mqttMeasured())
                        .run(store.id(), "127.0.0.1", server.mqttPort(), api, deviceProduct, options.mqttDevices());
                peakMqtt = sampler.peakMib();
            }
            ProcessResult result = new ProcessResult(store.id(), startupEmpty, startupSeeded, seeded, round(idleEmpty),
                    round(peakHttp), round(idleSeeded), round(peakMqtt), mqtt);
            System.out.println(result);
            return result;
        }
    }

    private static RequestSigner signer(ServerProcess server) {
        return new RequestSigner(TestServer.GLOBEX.id(), TestServer.GLOBEX.secret(), "127.0.0.1:" + server.httpPort());
    }

    private static double round(double mib) {
        return Math.round(mib * 10) / 10.0;
    }
}
