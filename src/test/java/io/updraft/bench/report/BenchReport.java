package io.updraft.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.updraft.bench.BenchOptions;
import io.updraft.bench.http.HttpScenarios;
import io.updraft.bench.http.LoadResult;
import io.updraft.bench.jmh.MicroBenchmarks;
import io.updraft.bench.rollout.RolloutResult;
import io.updraft.bench.startup.ProcessResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Everything one run measured; written as JSON (docs/benchmarks.json) so later runs can be compared. */
public record BenchReport(String startedAt, String profile, Machine machine, Settings settings,
                          List<LoadResult> http, List<Ratio> ratios, List<ProcessResult> processes,
                          List<MicroBenchmarks.Score> micro, List<RolloutResult> rollouts) {

    /** The run's settings that shape the numbers. */
    public record Settings(double warmupSeconds, double measuredSeconds, List<Integer> connections,
                           int headlineConnections, double v3Share, int listModules, int writeProducts,
                           int mixedProducts, int mqttDevices, double mqttReportIntervalSeconds,
                           double mqttMeasuredSeconds, int seededDevices, int rolloutDevices,
                           int rolloutPerMinute, int rolloutDownloadEvery, int creationDevices) {
        public static Settings of(BenchOptions o) {
            return new Settings(o.warmup().toMillis() / 1000.0, o.measured().toMillis() / 1000.0, o.connections(),
                    o.headlineConnections(), o.v3Share(), o.listModules(), o.writeProducts(), o.mixedProducts(),
                    o.mqttDevices(), o.mqttReportInterval().toMillis() / 1000.0, o.mqttMeasured().toMillis() / 1000.0,
                    o.seededDevices(), o.rolloutDevices(), o.rolloutPerMinute(), o.rolloutDownloadEvery(),
                    o.creationDevices());
        }
    }

    /** A scenario's throughput divided by the baseline's, same store, same connection count, same run. */
    public record Ratio(String scenario, String store, int connections, double ratio) {
    }

    public static List<Ratio> ratios(List<LoadResult> http) {
        return http.stream().filter(r -> !r.scenario().equals(HttpScenarios.BASELINE))
                .map(r -> new Ratio(r.scenario(), r.store(), r.connections(),
                        baseline(http, r).map(b -> Math.round(1000 * r.requestsPerSecond() / b.requestsPerSecond())
                                / 1000.0).orElse(Double.NaN)))
                .toList();
    }

    private static Optional<LoadResult> baseline(List<LoadResult> http, LoadResult of) {
        return http.stream().filter(b -> b.scenario().equals(HttpScenarios.BASELINE) && b.store().equals(of.store())
                && b.connections() == of.connections() && b.requestsPerSecond() > 0).findFirst();
    }

    public void writeJson(Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
    }
}
