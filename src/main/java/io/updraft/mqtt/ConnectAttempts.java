package io.updraft.mqtt;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * CONNECT attempts allowed per source address: a token bucket of {@code perMinute} attempts that refills at that
 * rate, so a device that reconnects now and then is never held back while a flood from one address is cut to that
 * rate before any store read or signature check. Every attempt counts, good or bad: a login storm of devices
 * behind one address is slowed too, which is what the limit is for. Tracks at most {@value #MAX_TRACKED}
 * addresses; past that, new ones are let through rather than refused.
 */
final class ConnectAttempts {
    static final int MAX_TRACKED = 100_000;
    private static final long MINUTE_NANOS = 60_000_000_000L;
    private final int perMinute;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<InetAddress, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong limited = new AtomicLong();

    /** @param perMinute attempts per address per minute; 0 means no limit */
    ConnectAttempts(int perMinute, LongSupplier nanoTime) {
        if (perMinute < 0) {
            throw new IllegalArgumentException("CONNECT attempts per minute must be >= 0");
        }
        this.perMinute = perMinute;
        this.nanoTime = nanoTime;
    }

    /** Counts an attempt; false when the address is over its limit. */
    boolean admit(InetAddress address) {
        if (perMinute == 0 || address == null) {
            return true;
        }
        Bucket bucket = buckets.get(address);
        if (bucket == null) {
            if (buckets.size() >= MAX_TRACKED) {
                return true;
            }
            bucket = buckets.computeIfAbsent(address, a -> new Bucket(perMinute, nanoTime.getAsLong()));
        }
        if (bucket.take(perMinute, nanoTime.getAsLong())) {
            return true;
        }
        limited.incrementAndGet();
        return false;
    }

    /** Forgets addresses whose bucket has filled up again: they are as if never seen. */
    void evictIdle() {
        long now = nanoTime.getAsLong();
        buckets.values().removeIf(bucket -> bucket.isFull(perMinute, now));
    }

    /** Attempts refused by the limit since start. */
    long limited() {
        return limited.get();
    }

    int trackedAddresses() {
        return buckets.size();
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(int capacity, long now) {
            this.tokens = capacity;
            this.refilledAt = now;
        }

        synchronized boolean take(int perMinute, long now) {
            refill(perMinute, now);
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }

        synchronized boolean isFull(int perMinute, long now) {
            refill(perMinute, now);
            return tokens >= perMinute;
        }

        private void refill(int perMinute, long now) {
            tokens = Math.min(perMinute, tokens + (now - refilledAt) * (double) perMinute / MINUTE_NANOS);
            refilledAt = now;
        }
    }
}
