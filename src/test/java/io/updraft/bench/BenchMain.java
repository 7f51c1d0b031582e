package io.updraft.bench;

import io.updraft.bench.http.HttpScenarios;
import io.updraft.bench.http.LoadResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs every benchmark and writes the report. See docs/benchmarks.md; started by {@code bench/run}. */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        List<LoadResult> http = new ArrayList<>();
        for (BenchStore store : options.stores()) {
            http.addAll(new HttpScenarios(options).run(store, Path.of("target", "bench-data")));
        }
        System.exit(0);
    }
}
