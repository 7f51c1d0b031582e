package io.updraft.gateway;

import io.updraft.testing.StartGate;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryNonceStoreTest {
    private static final long MINUTE = 60_000_000_000L;
    private static final long T0 = 123_456_789_000L;

    @Test
    void aNonceIsAcceptedOnceWithinTheRetention() {
        InMemoryNonceStore store = new InMemoryNonceStore(31 * 60_000L);
        assertThat(store.remember("AK1", "n1", T0)).isTrue();
        assertThat(store.remember("AK1", "n1", T0)).isFalse();
        assertThat(store.remember("AK1", "n1", T0 + 30 * MINUTE)).as("30 min later: still replay").isFalse();
        assertThat(store.remember("AK1", "n2", T0)).isTrue();
    }

    @Test
    void noncesAreScopedPerAccessKey() {
        InMemoryNonceStore store = new InMemoryNonceStore(60_000L);
        assertThat(store.remember("AK1", "n", T0)).isTrue();
        assertThat(store.remember("AK2", "n", T0)).isTrue();
    }

    @Test
    void afterTheRetentionANonceIsNewAgainAndIsThenRememberedAfresh() {
        InMemoryNonceStore store = new InMemoryNonceStore(31 * 60_000L);
        assertThat(store.remember("AK1", "n1", T0)).isTrue();
        assertThat(store.remember("AK1", "n1", T0 + 31 * MINUTE - 1)).isFalse();
        assertThat(store.remember("AK1", "n1", T0 + 31 * MINUTE)).isTrue();
        assertThat(store.remember("AK1", "n1", T0 + 31 * MINUTE + 1)).isFalse();
    }

    @Test
    void purgeExpiredDropsOnlyExpiredEntries() {
        InMemoryNonceStore store = new InMemoryNonceStore(10 * 60_000L);
        store.remember("AK1", "old", T0);
        store.remember("AK1", "new", T0 + 5 * MINUTE);
        assertThat(store.size()).isEqualTo(2);
        store.purgeExpired(T0 + 9 * MINUTE);
        assertThat(store.size()).isEqualTo(2);
        store.purgeExpired(T0 + 10 * MINUTE);
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.remember("AK1", "new", T0 + 10 * MINUTE)).isFalse();
        assertThat(store.remember("AK1", "old", T0 + 10 * MINUTE)).isTrue();
        store.purgeExpired(T0 + 60 * MINUTE);
        assertThat(store.size()).isZero();
    }

    @Test
    void worksAcrossNanoTimeOverflow() {
        InMemoryNonceStore store = new InMemoryNonceStore(60_000L);
        long nearMax = Long.MAX_VALUE - 10;
        assertThat(store.remember("AK1", "n", nearMax)).isTrue();
        assertThat(store.remember("AK1", "n", nearMax + 20)).as("wrapped clock, still within retention").isFalse();
        store.purgeExpired(nearMax + 20);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void concurrentUsesOfOneNonceAdmitExactlyOne() throws Exception {
        InMemoryNonceStore store = new InMemoryNonceStore(60_000L);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        for (int round = 0; round < 50; round++) {
            String nonce = "n" + round;
            // an expired entry exists in half the rounds: the replace path must also admit only one
            if (round % 2 == 0) {
                store.remember("AK1", nonce, T0 - 2 * MINUTE);
            }
            int admitted = StartGate.countAdmitted(pool, 16, caller -> store.remember("AK1", nonce, T0));
            assertThat(admitted).as("round " + round).isEqualTo(1);
        }
        pool.shutdownNow();
    }
}
