package io.updraft.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Releases many callers at the same instant and counts how many succeeded: the shape of every "exactly N" race. */
public final class StartGate {
    private StartGate() {
    }

    /** @param call gets the caller's index; returns whether that caller was admitted */
    public static int countAdmitted(ExecutorService pool, int callers, IntPredicate call) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(callers);
        AtomicInteger admitted = new AtomicInteger();
        for (int i = 0; i < callers; i++) {
            int caller = i;
            pool.execute(() -> {
                try {
                    start.await();
                    if (call.test(caller)) {
                        admitted.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }
        start.countDown();
        assertThat(done.await(10, TimeUnit.SECONDS)).as("every caller finished").isTrue();
        return admitted.get();
    }
}
