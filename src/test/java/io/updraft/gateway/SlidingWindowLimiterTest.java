package io.updraft.gateway;

import io.updraft.testing.StartGate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** The limiter with a fake clock (nanoseconds passed in by the test). */
class SlidingWindowLimiterTest {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1000 * MS;
    private static final long T0 = 987_654_321_000L;

    /** No window [t, t + 1 s) contains more than {@code limit} of the sorted admission times. */
    private static void assertNeverMoreThan(List<Long> admitted, int limit) {
        int first = 0;
        for (int last = 0; last < admitted.size(); last++) {
            while (admitted.get(last) - admitted.get(first) >= SECOND) {
                first++;
            }
            assertThat(last - first + 1).as("admissions in the second before %d", admitted.get(last))
                    .isLessThanOrEqualTo(limit);
        }
    }

    @Test
    void aBurstOfNIsAdmittedAtOnceAndTheNextIsRefused() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter();
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire("k", 10, T0)).isTrue();
        }
        assertThat(limiter.tryAcquire("k", 10, T0)).isFalse();
        assertThat(limiter.tryAcquire("k", 10, T0 + SECOND - 1)).as("still the same second").isFalse();
        assertThat(limiter.tryAcquire("k", 10, T0 + SECOND)).as("the burst has left the window").isTrue();
    }

    @Test
    void refusalsAreNotRecorded() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter();
        assertThat(limiter.tryAcquire("k", 1, T0)).isTrue();
        for (int ms = 1; ms < 1000; ms++) {
            assertThat(limiter.tryAcquire("k", 1, T0 + ms * MS)).isFalse();
        }
        assertThat(limiter.tryAcquire("k", 1, T0 + SECOND)).isTrue();
    }

    @Test
    void neverMoreThanNInAnySlidingSecondWithAFakeClockStepping1Ms() {
        for (int limit : new int[]{1, 5, 10, 50}) {
            SlidingWindowLimiter limiter = new SlidingWindowLimiter();
            Random random = new Random(limit);
            List<Long> admitted = new ArrayList<>();
            for (long ms = 0; ms < 10_000; ms++) {
                long now = T0 + ms * MS;
                int attempts = random.nextInt(4); // 0..3 calls per ms, bursty and idle stretches alike
                if (ms % 3000 < 200) {
                    attempts = 20;
                }
                for (int a = 0; a < attempts; a++) {
                    if (limiter.tryAcquire("k", limit, now)) {
                        admitted.add(now);
                    }
                }
            }
            assertNeverMoreThan(admitted, limit);
            // and it is not stricter than it has to be: saturated for 10 s, it admits the full N per second
            assertThat(admitted.size()).as("limit %d", limit).isGreaterThanOrEqualTo(10 * limit - limit);
        }
    }

    @Test
    void keysAreIndependentAndLimitsArePerCall() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter();
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("acct1\nUpdateProduct", 3, T0)).isTrue();
        }
        assertThat(limiter.tryAcquire("acct1\nUpdateProduct", 3, T0)).isFalse();
        assertThat(limiter.tryAcquire("acct2\nUpdateProduct", 3, T0)).isTrue();
        assertThat(limiter.tryAcquire("acct1\nQueryProduct", 3, T0)).isTrue();
        assertThat(limiter.tryAcquire("acct1\nUpdateProduct", 4, T0)).as("a raised limit applies at once").isTrue();
    }

    @Test
    void memoryPerKeyFollowsTheWindowNotTheLimit() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter();
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("small", 1_000_000, T0 + i);
        }
        assertThat(limiter.slots("small")).isLessThanOrEqualTo(4);

        for (int i = 0; i < 10_000; i++) {
            limiter.tryAcquire("burst", 100_000, T0);
        }
        assertThat(limiter.slots("burst")).isGreaterThanOrEqualTo(10_000);
        // the burst leaves the window; a trickle of calls brings the memory back down
        for (int ms = 0; ms < 100; ms++) {
            limiter.tryAcquire("burst", 100_000, T0 + SECOND + ms * MS);
        }
        assertThat(limiter.slots("burst")).isLessThanOrEqualTo(4 * 100);
    }

    @Test
    void evictIdleDropsKeysIdleForASecond() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter();
        for (int i = 0; i < 100; i++) {
            limiter.tryAcquire("key" + i, 10, T0);
        }
        limiter.tryAcquire("busy", 10, T0 + 900 * MS);
        assertThat(limiter.size()).isEqualTo(101);
        limiter.evictIdle(T0 + 999 * MS);
        assertThat(limiter.size()).isEqualTo(101);
        limiter.evictIdle(T0 + SECOND);
        assertThat(limiter.size()).isEqualTo(1);
        assertThat(limiter.slots("key0")).isZero();
        limiter.evictIdle(T0 + 2 * SECOND);
        assertThat(limiter.size()).isZero();
    }

    @Test
    void evictionDoesNotForgetAdmissionsStillInTheWindow() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter();
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("k", 5, T0)).isTrue();
        }
        limiter.evictIdle(T0 + 500 * MS);
        assertThat(limiter.tryAcquire("k", 5, T0 + 600 * MS)).isFalse();
        limiter.evictIdle(T0 + SECOND);
        assertThat(limiter.tryAcquire("k", 5, T0 + SECOND)).as("a new window after eviction").isTrue();
    }

    @Test
    void concurrentCallersAtOneInstantGetExactlyN() throws Exception {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        for (int round = 0; round < 20; round++) {
            long now = T0 + round * 2 * SECOND;
            int admitted = StartGate.countAdmitted(pool, 200, caller -> {
                if (caller % 50 == 0) {
                    limiter.evictIdle(now); // housekeeping running at the same time
                }
                return limiter.tryAcquire("shared", 10, now);
            });
            assertThat(admitted).as("round " + round).isEqualTo(10);
        }
        pool.shutdownNow();
    }
}
