package io.updraft.cluster;

import io.updraft.gateway.QuotaLimiter;
import org.jdbi.v3.core.Jdbi;

/**
 * The cluster {@link QuotaLimiter}: the same sliding-window log as the single-node limiter, kept in one PostgreSQL
 * row per key and decided under that row's lock by {@code quota_try_acquire} (migration V4), so the limit holds
 * for the whole cluster, not per node. One round trip per request.
 */
public final class PostgresSlidingWindowLimiter implements QuotaLimiter {
    private final Jdbi jdbi;

    public PostgresSlidingWindowLimiter(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean tryAcquire(String key, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT quota_try_acquire(:key, :limit)")
                .bind("key", key).bind("limit", limit).mapTo(Boolean.class).one());
    }

    /** Nothing to free: a row per account and Action is bounded by the configuration, and an idle row is small. */
    @Override
    public void evictIdle() {
    }
}
