package io.updraft.bench.http;

/**
 * One measured load run. Latencies in milliseconds, from the HDR histogram of every request of the measured
 * window (warm-up excluded); {@code errors} counts responses with status >= 400 and I/O failures.
 */
public record LoadResult(String scenario, String store, int connections, double seconds, long requests, long errors,
                         double requestsPerSecond, double p50Ms, double p99Ms, double p999Ms, double maxMs,
                         double meanMs) {
}
