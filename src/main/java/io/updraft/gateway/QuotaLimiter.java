package io.updraft.gateway;

/**
 * "At most N requests per second" per key (account and Action): no one-second window ever admits more than N,
 * and bursts up to N are allowed. In memory for one node, in PostgreSQL for a cluster.
 */
public interface QuotaLimiter {
    /** @return true if admitted (and recorded), false if the key already had {@code limit} admissions in the last second */
    boolean tryAcquire(String key, int limit);

    /** Frees what idle keys hold; called in the background, never on a request. */
    void evictIdle();
}
