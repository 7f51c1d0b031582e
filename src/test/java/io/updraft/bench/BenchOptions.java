package io.updraft.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every knob of a benchmark run. Two profiles: {@code full} (the numbers in docs/benchmarks.md) and {@code smoke}
 * (seconds; run by {@code mvn verify} so the tool cannot rot). Any field can be overridden with {@code --name=value}.
 *
 * @param connections       connection counts of the HTTP sweep (the plot's x axis)
 * @param headlineConnections the connection count the headline ratios are quoted at
 * @param v3Share           share of requests signed with V3 (the rest V1)
 * @param listModules       modules on the product ListOTAModuleByProduct reads
 * @param writeProducts     products the CreateOTAModule + DeleteOTAModule pairs stride over
 * @param mixedProducts     products of the 90 % read / 10 % write mix
 * @param mqttDevices       simulated MQTT devices
 * @param mqttReportInterval how often each device publishes a version report
 * @param seededDevices     devices in the store for the second start-up measurement
 * @param jmh               whether to run the JMH micro-benchmarks
 * @param rolloutDevices    connected simulated devices the rollout's static ALL batch upgrades
 * @param rolloutPerMinute  the rollout batch's MaximumPerMinute (10 to 10,000)
 * @param rolloutDownloadEvery every n-th rollout device downloads the package over HTTP (0: none does)
 * @param creationDevices   devices of the product the batch-creation measurement targets (0: skipped)
 */
public record BenchOptions(String profile, List<BenchStore> stores, Duration warmup, Duration measured,
                           List<Integer> connections, int headlineConnections, double v3Share, int listModules,
                           int writeProducts, int mixedProducts, int mqttDevices, Duration mqttReportInterval,
                           Duration mqttMeasured, int seededDevices, boolean jmh, Path outputDir,
                           int rolloutDevices, int rolloutPerMinute, int rolloutDownloadEvery, int creationDevices) {

    public static BenchOptions full() {
        return new BenchOptions("full", List.of(BenchStore.H2, BenchStore.POSTGRESQL), Duration.ofSeconds(2),
                Duration.ofSeconds(6), List.of(1, 4, 16, 64), 16, 0.2, 10, 200, 1000, 5000,
                Duration.ofSeconds(5), Duration.ofSeconds(15), 100_000, true, Path.of("docs"),
                5000, 1000, 10, 100_000);
    }

    public static BenchOptions smoke(Path outputDir) {
        // H2 only: the store is a JDBC URL to the tool, and each extra store costs two server-process starts.
        return new BenchOptions("smoke", List.of(BenchStore.H2), Duration.ofMillis(200),
                Duration.ofMillis(500), List.of(2), 2, 0.2, 10, 4, 5, 10,
                Duration.ofMillis(500), Duration.ofSeconds(2), 200, true, outputDir,
                10, 10, 5, 200);
    }

    /** {@code --profile=smoke|full} picks the defaults; other {@code --name=value} arguments override fields. */
    public static BenchOptions parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        BenchOptions o = "smoke".equals(given.remove("profile")) ? smoke(Path.of("target", "bench")) : full();
        for (Map.Entry<String, String> e : given.entrySet()) {
            String v = e.getValue();
            o = switch (e.getKey()) {
                case "stores" -> o.with(Arrays.stream(v.split(",")).map(BenchStore::of).toList(), null, null, null,
                        null, null, null, null);
                case "warmup" -> o.with(null, Duration.parse("PT" + v), null, null, null, null, null, null);
                case "measured" -> o.with(null, null, Duration.parse("PT" + v), null, null, null, null, null);
                case "connections" -> o.with(null, null, null,
                        Arrays.stream(v.split(",")).map(Integer::valueOf).toList(), null, null, null, null);
                case "mqtt-devices" -> o.with(null, null, null, null, Integer.valueOf(v), null, null, null);
                case "seeded-devices" -> o.with(null, null, null, null, null, Integer.valueOf(v), null, null);
                case "jmh" -> o.with(null, null, null, null, null, null, Boolean.valueOf(v), null);
                case "output" -> o.with(null, null, null, null, null, null, null, Path.of(v));
                case "rollout-devices" -> o.withRollout(Integer.valueOf(v), null, null, null);
                case "rollout-per-minute" -> o.withRollout(null, Integer.valueOf(v), null, null);
                case "rollout-download-every" -> o.withRollout(null, null, Integer.valueOf(v), null);
                case "creation-devices" -> o.withRollout(null, null, null, Integer.valueOf(v));
                default -> throw new IllegalArgumentException("unknown option --" + e.getKey());
            };
        }
        return o;
    }

    private BenchOptions with(List<BenchStore> stores, Duration warmup, Duration measured, List<Integer> connections,
                              Integer mqttDevices, Integer seededDevices, Boolean jmh, Path output) {
        List<Integer> conns = connections != null ? connections : this.connections;
        return new BenchOptions(profile, stores != null ? stores : this.stores, warmup != null ? warmup : this.warmup,
                measured != null ? measured : this.measured, conns,
                conns.contains(headlineConnections) ? headlineConnections : conns.get(conns.size() / 2), v3Share,
                listModules, writeProducts, mixedProducts, mqttDevices != null ? mqttDevices : this.mqttDevices,
                mqttReportInterval, mqttMeasured, seededDevices != null ? seededDevices : this.seededDevices,
                jmh != null ? jmh : this.jmh, output != null ? output : outputDir, rolloutDevices, rolloutPerMinute,
                rolloutDownloadEvery, creationDevices);
    }

    private BenchOptions withRollout(Integer devices, Integer perMinute, Integer downloadEvery, Integer creation) {
        return new BenchOptions(profile, stores, warmup, measured, connections, headlineConnections, v3Share,
                listModules, writeProducts, mixedProducts, mqttDevices, mqttReportInterval, mqttMeasured,
                seededDevices, jmh, outputDir, devices != null ? devices : rolloutDevices,
                perMinute != null ? perMinute : rolloutPerMinute,
                downloadEvery != null ? downloadEvery : rolloutDownloadEvery,
                creation != null ? creation : creationDevices);
    }
}
