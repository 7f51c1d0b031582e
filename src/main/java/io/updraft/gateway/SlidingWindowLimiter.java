package io.updraft.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The single-node {@link QuotaLimiter}. "At most N requests per second" exactly: a sliding-window log per key holds the admission times of the last
 * second, so no one-second window ever admits more than N (a token bucket admits its capacity plus a refill).
 * Bursts up to N are allowed. Memory per key is the number admitted in the last second, not N.
 */
public final class SlidingWindowLimiter implements QuotaLimiter {
    private static final long WINDOW_NANOS = 1_000_000_000L;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** @return true if admitted (and recorded), false if the key already had {@code limit} admissions in the last second */
    public boolean tryAcquire(String key, int limit, long nowNanos) {
        return windows.computeIfAbsent(key, k -> new Window()).tryAcquire(limit, nowNanos);
    }

    @Override
    public boolean tryAcquire(String key, int limit) {
        return tryAcquire(key, limit, System.nanoTime());
    }

    /** Drops keys idle for over a second, so a key space that grows over time does not leak memory. */
    @Override
    public void evictIdle() {
        evictIdle(System.nanoTime());
    }

    public void evictIdle(long nowNanos) {
        windows.entrySet().removeIf(e -> e.getValue().idleSince(nowNanos));
    }

    public int size() {
        return windows.size();
    }

    private static final class Window {
        private long[] times = new long[4];
        private int head;
        private int count;

        synchronized boolean tryAcquire(int limit, long now) {
            while (count > 0 && now - times[head] >= WINDOW_NANOS) {
                head = (head + 1) % times.length;
                count--;
            }
            if (count >= limit) {
                return false;
            }
            if (count == times.length) {
                grow();
            }
            times[(head + count) % times.length] = now;
            count++;
            return true;
        }

        private void grow() {
            long[] bigger = new long[times.length * 2];
            for (int i = 0; i < count; i++) {
                bigger[i] = times[(head + i) % times.length];
            }
            times = bigger;
            head = 0;
        }

        synchronized boolean idleSince(long now) {
            return count == 0 || now - times[(head + count - 1) % times.length] >= WINDOW_NANOS;
        }
    }
}
