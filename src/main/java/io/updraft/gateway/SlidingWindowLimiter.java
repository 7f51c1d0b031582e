package io.updraft.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The single-node {@link QuotaLimiter}. "At most N requests per second" exactly: a sliding-window log per key holds the admission times of the last
 * second, so no one-second window ever admits more than N (a token bucket admits its capacity plus a refill).
 * Bursts up to N are allowed. Memory per key follows the number admitted in the last second (within a factor of 4,
 * shrinking again after a burst), not N; keys idle for a second are dropped by {@link #evictIdle}.
 */
public final class SlidingWindowLimiter implements QuotaLimiter {
    private static final long WINDOW_NANOS = 1_000_000_000L;
    private static final int MIN_SLOTS = 4;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** @return true if admitted (and recorded), false if the key already had {@code limit} admissions in the last second */
    public boolean tryAcquire(String key, int limit, long nowNanos) {
        while (true) {
            Boolean admitted = windows.computeIfAbsent(key, k -> new Window()).tryAcquire(limit, nowNanos);
            if (admitted != null) {
                return admitted;
            }
            // the window was retired by evictIdle between lookup and use: an admission recorded there would be
            // lost and the key's next window could admit N more within the second, so use the new window
        }
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
        windows.entrySet().removeIf(e -> e.getValue().retireIfIdle(nowNanos));
    }

    public int size() {
        return windows.size();
    }

    /** Admission-time slots allocated for {@code key} (0 if none): what the key costs in memory. */
    int slots(String key) {
        Window window = windows.get(key);
        return window == null ? 0 : window.slots();
    }

    private static final class Window {
        private long[] times = new long[MIN_SLOTS];
        private int head;
        private int count;
        private boolean retired;

        /** @return null if this window was retired and must no longer be used */
        synchronized Boolean tryAcquire(int limit, long now) {
            if (retired) {
                return null;
            }
            while (count > 0 && now - times[head] >= WINDOW_NANOS) {
                head = (head + 1) % times.length;
                count--;
            }
            if (times.length > MIN_SLOTS && count < times.length / 4) {
                resize(times.length / 2); // after a burst, give the memory back as the window empties
            }
            if (count >= limit) {
                return false;
            }
            if (count == times.length) {
                resize(times.length * 2);
            }
            times[(head + count) % times.length] = now;
            count++;
            return true;
        }

        private void resize(int slots) {
            long[] resized = new long[slots];
            for (int i = 0; i < count; i++) {
                resized[i] = times[(head + i) % times.length];
            }
            times = resized;
            head = 0;
        }

        synchronized int slots() {
            return times.length;
        }

        synchronized boolean retireIfIdle(long now) {
            retired = count == 0 || now - times[(head + count - 1) % times.length] >= WINDOW_NANOS;
            return retired;
        }
    }
}
