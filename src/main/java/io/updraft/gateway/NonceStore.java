package io.updraft.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers each SignatureNonce per AccessKey for the retention time. Timestamps are accepted ±15 minutes, so a
 * captured request stays replayable for 30 minutes after it was signed: retention must be at least that (the
 * Alibaba gateway keeps nonces about 31 minutes). Expired entries are purged in the background, not on requests.
 */
public final class NonceStore {
    private final long retentionNanos;
    private final Map<String, Long> seen = new ConcurrentHashMap<>();

    public NonceStore(long retentionMillis) {
        this.retentionNanos = retentionMillis * 1_000_000L;
    }

    /** @return true if this nonce was new (and is now recorded), false if it was seen within the retention time */
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

    public void purgeExpired(long nowNanos) {
        seen.values().removeIf(expiry -> expiry - nowNanos <= 0);
    }

    public int size() {
        return seen.size();
    }
}
