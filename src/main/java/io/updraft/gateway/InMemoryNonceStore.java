package io.updraft.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The single-node {@link NonceStore}: a map from (AccessKey, nonce) to its expiry, on this node's monotonic clock. */
public final class InMemoryNonceStore implements NonceStore {
    private final long retentionNanos;
    private final Map<String, Long> seen = new ConcurrentHashMap<>();

    public InMemoryNonceStore(long retentionMillis) {
        this.retentionNanos = retentionMillis * 1_000_000L;
    }

    @Override
    public boolean remember(String accessKeyId, String nonce) {
        return remember(accessKeyId, nonce, System.nanoTime());
    }

    public boolean remember(String accessKeyId, String nonce, long nowNanos) {
        String key = accessKeyId + '\n' + nonce;
        long expiry = nowNanos + retentionNanos;
        Long previous = seen.putIfAbsent(key, expiry);
        if (previous == null) {
            return true;
        }
        if (previous - nowNanos <= 0) {
            return seen.replace(key, previous, expiry); // expired entry not purged yet: the nonce is new again
        }
        return false;
    }

    @Override
    public void purgeExpired() {
        purgeExpired(System.nanoTime());
    }

    public void purgeExpired(long nowNanos) {
        seen.values().removeIf(expiry -> expiry - nowNanos <= 0);
    }

    public int size() {
        return seen.size();
    }
}
