package io.updraft.bench.http;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load: {@code connections} threads, each with one keep-alive connection, send back-to-back for the
 * warm-up and then for the measured window. Latency is recorded per request (send to last byte of the response)
 * into one HDR histogram per thread, merged at the end, so recording never contends.
 */
public final class LoadGenerator {
    private static final long HIGHEST_TRACKABLE_NANOS = Duration.ofSeconds(60).toNanos();

    private final String host;
    private final int port;

    public LoadGenerator(String host, int port) {
        this.host = host;
        this.port = port;
    }

    public LoadResult run(String scenario, String store, int connections, Duration warmup, Duration measured,
                          Workload workload) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long measureUntil = measureFrom + measured.toNanos();
        List<Histogram> histograms = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(connections);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            Histogram histogram = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
            histograms.add(histogram);
            int worker = w;
            Thread thread = new Thread(() -> {
                try (HttpConnection connection = new HttpConnection(host, port)) {
                    for (long now = System.nanoTime(); now < measureUntil; now = System.nanoTime()) {
                        byte[] request = workload.next(worker);
                        long sent = System.nanoTime();
                        int status;
                        try {
                            status = connection.send(request, false).status();
                        } catch (IOException e) {
                            status = 599;
                        }
                        long received = System.nanoTime();
                        workload.completed(worker, status);
                        if (sent >= measureFrom && received <= measureUntil) {
                            histogram.recordValue(Math.min(received - sent, HIGHEST_TRACKABLE_NANOS));
                            if (status >= 400) {
                                errors.incrementAndGet();
                            }
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "load-" + scenario + "-" + w);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        done.await();
        Histogram all = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
        histograms.forEach(all::add);
        double seconds = measured.toNanos() / 1e9;
        return new LoadResult(scenario, store, connections, seconds, all.getTotalCount(), errors.get(),
                all.getTotalCount() / seconds, millis(all.getValueAtPercentile(50)),
                millis(all.getValueAtPercentile(99)), millis(all.getValueAtPercentile(99.9)),
                millis(all.getMaxValue()), all.getTotalCount() == 0 ? 0 : all.getMean() / 1e6);
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1e3) / 1e3;
    }
}
