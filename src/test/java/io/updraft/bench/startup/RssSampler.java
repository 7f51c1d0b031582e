package io.updraft.bench.startup;

/** Samples a server process's VmRSS every 200 ms in the background and keeps the peak. */
final class RssSampler implements AutoCloseable {
    private final Thread thread;
    private volatile double peak;
    private volatile boolean running = true;

    RssSampler(ServerProcess server) {
        thread = new Thread(() -> {
            while (running) {
                peak = Math.max(peak, server.rssMib());
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    double peakMib() {
        return peak;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
