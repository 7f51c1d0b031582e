package io.updraft.mqtt;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-address CONNECT budget on a test clock: a bucket of N per minute per address, refilled at that rate. */
class ConnectAttemptsTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(0);
    private final InetAddress one = address("10.0.0.1");
    private final InetAddress two = address("10.0.0.2");

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anAddressGetsItsBudgetThenIsRefusedWhileAnotherAddressIsNot() {
        ConnectAttempts attempts = new ConnectAttempts(5, now::get);
        for (int i = 0; i < 5; i++) {
            assertThat(attempts.admit(one)).isTrue();
        }
        assertThat(attempts.admit(one)).isFalse();
        assertThat(attempts.admit(two)).isTrue();
        assertThat(attempts.limited()).isEqualTo(1);
    }

    @Test
    void theBudgetRefillsAtItsRate() {
        ConnectAttempts attempts = new ConnectAttempts(60, now::get);
        for (int i = 0; i < 60; i++) {
            attempts.admit(one);
        }
        assertThat(attempts.admit(one)).isFalse();
        now.addAndGet(SECOND); // 60 a minute: one more a second
        assertThat(attempts.admit(one)).isTrue();
        assertThat(attempts.admit(one)).isFalse();
    }

    @Test
    void zeroMeansNoLimit() {
        ConnectAttempts attempts = new ConnectAttempts(0, now::get);
        for (int i = 0; i < 10_000; i++) {
            assertThat(attempts.admit(one)).isTrue();
        }
        assertThat(attempts.trackedAddresses()).isZero();
    }

    @Test
    void addressesWhoseBudgetFilledUpAgainAreForgotten() {
        ConnectAttempts attempts = new ConnectAttempts(60, now::get);
        attempts.admit(one);
        attempts.admit(two);
        for (int i = 0; i < 60; i++) {
            attempts.admit(two);
        }
        now.addAndGet(2 * SECOND);
        attempts.evictIdle();
        assertThat(attempts.trackedAddresses()).isEqualTo(1); // two is still short of its full budget
    }
}
