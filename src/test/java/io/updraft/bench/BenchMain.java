package io.updraft.bench;

import io.updraft.bench.http.HttpScenarios;
import io.updraft.bench.http.LoadResult;
import io.updraft.bench.jmh.MicroBenchmarks;
import io.updraft.bench.report.BenchReport;
import io.updraft.bench.report.Machine;
import io.updraft.bench.report.MarkdownReport;
import io.updraft.bench.report.ThroughputPlot;
import io.updraft.bench.rollout.RolloutResult;
import io.updraft.bench.rollout.RolloutScenario;
import io.updraft.bench.startup.ProcessResult;
import io.updraft.bench.startup.ProcessScenarios;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every benchmark and writes benchmarks.md, benchmarks.json and benchmarks-throughput.png into the output
 * directory (docs/ for the full profile). Started by {@code bench/run}; the smoke test calls {@link #run}.
 */
public final class BenchMain {
    public static final String MARKDOWN = "benchmarks.md";
    public static final String JSON = "benchmarks.json";
    public static final String PLOT = "benchmarks-throughput.png";

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchReport report = run(BenchOptions.parse(args));
        System.out.println("Wrote " + report.profile() + " results to " + BenchOptions.parse(args).outputDir());
        System.exit(0); // HiveMQ client and embedded PostgreSQL threads would keep the JVM alive
    }

    public static BenchReport run(BenchOptions options) throws Exception {
        String startedAt = Instant.now().toString();
        String loadAtStart = Machine.loadAverage();
        Path work = Path.of("target", "bench-data");
        List<MicroBenchmarks.Score> micro = options.jmh()
                ? "smoke".equals(options.profile())
                        ? MicroBenchmarks.run(false, TimeValue.milliseconds(100), 1)
                        : MicroBenchmarks.run(true, TimeValue.seconds(2), 3)
                : List.of();
        List<LoadResult> http = new ArrayList<>();
        List<ProcessResult> processes = new ArrayList<>();
        List<RolloutResult> rollouts = new ArrayList<>();
        for (BenchStore store : options.stores()) {
            http.addAll(new HttpScenarios(options).run(store, work));
            processes.add(new ProcessScenarios(options).run(store, work));
            if (options.rolloutDevices() > 0) {
                rollouts.add(new RolloutScenario(options).run(store, work));
            }
        }
        BenchReport report = new BenchReport(startedAt, options.profile(), Machine.describe(loadAtStart),
                BenchReport.Settings.of(options), http, BenchReport.ratios(http), processes, micro,
                rollouts);
        Path out = options.outputDir();
        Files.createDirectories(out);
        report.writeJson(out.resolve(JSON));
        ThroughputPlot.write(http, out.resolve(PLOT));
        MarkdownReport.write(report, PLOT, JSON, out.resolve(MARKDOWN));
        return report;
    }
}
