package io.updraft.bench.jmh;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the JMH benchmarks of this package through JMH's Runner API (the classes are generated at test-compile). */
public final class MicroBenchmarks {
    /** One benchmark's score: operations per second and the error of the mean (99.9 %). */
    public record Score(String benchmark, double opsPerSecond, double error) {
    }

    private MicroBenchmarks() {
    }

    /**
     * @param fork     whether to fork a JVM per benchmark (JMH's recommendation); smoke runs stay in-process
     * @param iteration length of each warm-up and measurement iteration
     */
    public static List<Score> run(boolean fork, TimeValue iteration, int iterations) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(MicroBenchmarks.class.getPackageName() + ".*Benchmark")
                .forks(fork ? 1 : 0)
                .warmupIterations(iterations).warmupTime(iteration)
                .measurementIterations(iterations).measurementTime(iteration)
                .timeUnit(TimeUnit.SECONDS)
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        List<Score> scores = new ArrayList<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            scores.add(new Score(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
                    Math.round(result.getPrimaryResult().getScore()),
                    Math.round(result.getPrimaryResult().getScoreError())));
        }
        return scores;
    }
}
