package io.updraft.bench.rollout;

import java.util.List;

/** Counting events in sliding windows. */
final class SlidingWindow {
    private SlidingWindow() {
    }

    /** The most events (epoch ms, sorted ascending) in any half-open window {@code [t, t + widthMs)}. */
    static int max(List<Long> sorted, long widthMs) {
        int best = 0;
        int from = 0;
        for (int to = 0; to < sorted.size(); to++) {
            while (sorted.get(to) - sorted.get(from) >= widthMs) {
                from++;
            }
            best = Math.max(best, to - from + 1);
        }
        return best;
    }
}
