package io.updraft.bench.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import io.updraft.bench.BenchOptions;
import io.updraft.bench.BenchStore;
import io.updraft.bench.http.ApiCaller;
import io.updraft.bench.http.DataSetup;
import io.updraft.bench.http.RequestSigner;
import io.updraft.bench.mqtt.SimulatedDevices;
import io.updraft.bench.startup.DeviceSeeder;
import io.updraft.bench.startup.ServerProcess;
import io.updraft.store.Database;
import io.updraft.testing.TestServer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A rollout against {@code io.updraft.Main serve} in a child process (the devices' side of the N connections is in
 * this JVM, the server's in its own: each stays under the per-process open-file limit).
 * <ol>
 * <li>Two products through the API; the server stopped; N devices seeded into the first, C into the second (the
 *     {@link DeviceSeeder} INSERT, batched); the server started again.</li>
 * <li>N simulated devices connect, subscribe to their upgrade topic and report version 1.0; they answer a push as
 *     {@link RolloutFleet} describes.</li>
 * <li>A package (upload form + CreateOTAFirmware, NeedToVerify=false) and a static ALL batch with
 *     MaximumPerMinute=M; ListOTATaskByJob(TaskStatus=SUCCEEDED) polled every second until it counts N.</li>
 * <li>A static ALL batch over the C devices of the second product (none connected): its answer, ListOTATaskByJob's
 *     Total polled until it reaches C, then list and query latencies at that size.</li>
 * <li>The server stopped; the rollout's {@code notified_at} read from its store for the pacing figure.</li>
 * </ol>
 */
public final class RolloutScenario {
    private static final String FROM_VERSION = "1.0";
    private static final String TO_VERSION = "2.0";
    private static final int PACKAGE_BYTES = 64 * 1024;
    private static final long WINDOW_MS = 60_000;
    private static final int LATENCY_SAMPLES = 20;
    /** Below the 20,000 open files a process may hold here, with room for the store, HTTP and the JVM itself. */
    static final int MAX_DEVICES = 19_000;
    private final BenchOptions options;

    public RolloutScenario(BenchOptions options) {
        this.options = options;
    }

    public RolloutResult run(BenchStore store, Path workDir) throws Exception {
        int n = options.rolloutDevices();
        int c = options.creationDevices();
        if (n > MAX_DEVICES) {
            // one socket per device on each side; the server holds all N, so more bench processes would not help
            throw new IllegalArgumentException("--rollout-devices=" + n + ": at most " + MAX_DEVICES
                    + " connections fit under the per-process limit of open files of the server (and of this JVM)");
        }
        Path dataDir = workDir.resolve("rollout-" + store.id() + "-" + UUID.randomUUID()).toAbsolutePath();
        Path bootstrap = TestServer.bootstrap(dataDir);
        String rolloutProduct;
        String creationProduct;
        try (ServerProcess server = ServerProcess.start(store, dataDir, bootstrap);
             ApiCaller api = api(server)) {
            String run = UUID.randomUUID().toString().substring(0, 6);
            rolloutProduct = api.createProduct("bench_rollout_" + run);
            creationProduct = api.createProduct("bench_creation_" + run);
        }
        long seedStart = System.nanoTime();
        DeviceSeeder.seed(store, dataDir, rolloutProduct, n);
        DeviceSeeder.seed(store, dataDir, creationProduct, c);
        System.out.printf("rollout %-10s seeded %d + %d devices in %.1f s%n", store.id(), n, c,
                (System.nanoTime() - seedStart) / 1e9);

        String rolloutJob;
        RolloutFleet fleet;
        RolloutResult.Creation creation;
        long createMs;
        int succeeded;
        int failed;
        double allSucceededSeconds;
        int connected;
        try (ServerProcess server = ServerProcess.start(store, dataDir, bootstrap);
             ApiCaller api = api(server)) {
            long connectStart = System.nanoTime();
            try (SimulatedDevices devices = SimulatedDevices.connect("127.0.0.1", server.mqttPort(), rolloutProduct, n)) {
                fleet = new RolloutFleet(devices, options.rolloutDownloadEvery());
                int refusedSubscriptions = fleet.subscribe();
                long unreported = fleet.reportAll(FROM_VERSION);
                connected = devices.connected() - refusedSubscriptions;
                System.out.printf("rollout %-10s %d of %d devices connected and subscribed in %.1f s, %d reports failed%n",
                        store.id(), connected, n, (System.nanoTime() - connectStart) / 1e9, unreported);

                String firmwareId = DataSetup.uploadedPackage(api, rolloutProduct, randomBytes(PACKAGE_BYTES), TO_VERSION);
                long createStart = System.nanoTime();
                rolloutJob = createAllBatch(api, rolloutProduct, firmwareId, options.rolloutPerMinute());
                long created = System.nanoTime();
                createMs = (created - createStart) / 1_000_000;
                long deadline = created + ((n + options.rolloutPerMinute() - 1L) / options.rolloutPerMinute() + 3)
                        * WINDOW_MS * 1_000_000;
                succeeded = count(api, rolloutJob, "SUCCEEDED");
                long lastPrint = created;
                while (succeeded < n && System.nanoTime() < deadline) {
                    Thread.sleep(1000);
                    succeeded = count(api, rolloutJob, "SUCCEEDED");
                    if (System.nanoTime() - lastPrint > 15_000_000_000L) {
                        lastPrint = System.nanoTime();
                        System.out.printf("rollout %-10s %d of %d succeeded after %.0f s%n", store.id(), succeeded, n,
                                (lastPrint - created) / 1e9);
                    }
                }
                allSucceededSeconds = succeeded >= n ? Math.round((System.nanoTime() - created) / 1e8) / 10.0 : Double.NaN;
                failed = count(api, rolloutJob, "FAILED");
                fleet.close();
            }
            creation = c > 0 ? creation(api, creationProduct, c) : null;
        }

        List<Long> notified = new ArrayList<>();
        List<Double> delays = new ArrayList<>();
        readNotifications(store, dataDir, rolloutJob, fleet, notified, delays);
        List<Long> received = new ArrayList<>(fleet.receivedAt());
        Collections.sort(notified);
        Collections.sort(received);
        Collections.sort(delays);
        RolloutResult result = new RolloutResult(store.id(), n, connected, options.rolloutPerMinute(), PACKAGE_BYTES,
                (int) fleet.downloads(), createMs, succeeded, failed, allSucceededSeconds, fleet.devicesPushed(),
                fleet.repeatedPushes(), SlidingWindow.max(notified, WINDOW_MS), SlidingWindow.max(received, WINDOW_MS),
                percentile(delays, 0.5), percentile(delays, 1.0), fleet.errors().size(), creation);
        fleet.errors().stream().limit(5).forEach(e -> System.out.println("rollout device error: " + e));
        System.out.println(result);
        return result;
    }

    private RolloutResult.Creation creation(ApiCaller api, String productKey, int devices) throws InterruptedException {
        String firmwareId = DataSetup.uploadedPackage(api, productKey, randomBytes(1024), TO_VERSION);
        long createStart = System.nanoTime();
        String jobId = createAllBatch(api, productKey, firmwareId, 10_000);
        long created = System.nanoTime();
        long createMs = (created - createStart) / 1_000_000;
        long deadline = created + 5 * WINDOW_MS * 1_000_000;
        int tasks = count(api, jobId, null);
        while (tasks < devices && System.nanoTime() < deadline) {
            Thread.sleep(100);
            tasks = count(api, jobId, null);
        }
        long allTasksMs = tasks >= devices ? (System.nanoTime() - createStart) / 1_000_000 : -1;
        Map<String, String> page1 = Map.of("JobId", jobId, "PageSize", "100", "CurrentPage", "1");
        Map<String, String> stateCount = Map.of("JobId", jobId, "TaskStatus", "QUEUED", "PageSize", "1",
                "CurrentPage", "1");
        List<Double> list = latencies(api, "ListOTATaskByJob", page1);
        List<Double> counts = latencies(api, "ListOTATaskByJob", stateCount);
        List<Double> query = latencies(api, "QueryOTAJob", Map.of("JobId", jobId));
        RolloutResult.Creation result = new RolloutResult.Creation(devices, createMs, allTasksMs, tasks,
                LATENCY_SAMPLES, percentile(list, 0.5), percentile(list, 1.0), percentile(counts, 0.5),
                percentile(counts, 1.0), percentile(query, 0.5), percentile(query, 1.0));
        System.out.println(result);
        return result;
    }

    private static String createAllBatch(ApiCaller api, String productKey, String firmwareId, int perMinute) {
        return api.call("CreateOTAStaticUpgradeJob", Map.of("ProductKey", productKey, "FirmwareId", firmwareId,
                "TargetSelection", "ALL", "MaximumPerMinute", String.valueOf(perMinute)))
                .path("Data").path("JobId").asText();
    }

    /** ListOTATaskByJob's Total, of one state or of all. */
    private static int count(ApiCaller api, String jobId, String status) {
        Map<String, String> query = new HashMap<>(Map.of("JobId", jobId, "PageSize", "1", "CurrentPage", "1"));
        if (status != null) {
            query.put("TaskStatus", status);
        }
        JsonNode answer = api.call("ListOTATaskByJob", query);
        return answer.path("Total").asInt();
    }

    private static List<Double> latencies(ApiCaller api, String action, Map<String, String> params) {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < LATENCY_SAMPLES; i++) {
            long start = System.nanoTime();
            api.call(action, params);
            ms.add(Math.round((System.nanoTime() - start) / 1e4) / 100.0);
        }
        Collections.sort(ms);
        return ms;
    }

    /** The stopped server's store: when each of the batch's tasks was notified, and how long until its device had it. */
    private static void readNotifications(BenchStore store, Path dataDir, String jobId, RolloutFleet fleet,
                                          List<Long> notified, List<Double> delays) {
        try (Database database = Database.open(store.jdbcUrl(dataDir), store.user(), store.password(), 2)) {
            database.jdbi().useHandle(h -> h.createQuery("""
                            SELECT d.name, t.notified_at FROM ota_task t JOIN ota_job j ON j.id = t.job_pk
                            JOIN device d ON d.id = t.device_id WHERE j.job_id = :job AND t.notified_at IS NOT NULL""")
                    .bind("job", jobId)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                    .forEach(row -> {
                        notified.add(row.getValue());
                        long arrived = fleet.firstPushAt(DeviceSeeder.indexOf(row.getKey()));
                        if (arrived > 0) {
                            delays.add((double) (arrived - row.getValue()));
                        }
                    }));
        }
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static ApiCaller api(ServerProcess server) {
        return new ApiCaller("127.0.0.1", server.httpPort(), new RequestSigner(TestServer.GLOBEX.id(),
                TestServer.GLOBEX.secret(), "127.0.0.1:" + server.httpPort()));
    }
}
