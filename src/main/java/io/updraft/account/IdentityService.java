package io.updraft.account;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Read side of accounts for the gateway, with a short-lived cache so that a signed request costs no database
 * round trip for its identity. Changes made through this process invalidate the cache at once; the TTL bounds how
 * long another node may act on a revoked key.
 */
public final class IdentityService {
    private static final long TTL_NANOS = 2_000_000_000L;
    private static final int MAX_ENTRIES = 100_000;
    private final AccountRepository repository;
    private final Map<String, Cached<?>> cache = new ConcurrentHashMap<>();

    private record Cached<T>(T value, long expiresAt) {
    }

    public IdentityService(AccountRepository repository) {
        this.repository = repository;
    }

    public Optional<AccessKey> accessKey(String accessKeyId) {
        return cached("key:" + accessKeyId, () -> repository.findAccessKey(accessKeyId));
    }

    public boolean hasInstance(String accountId, String instanceId) {
        return cached("instance:" + accountId + ":" + instanceId, () -> repository.instanceExists(accountId, instanceId));
    }

    /** The account's override for this Action, else its '*' override, else the documented limit. */
    public int qpsLimit(String accountId, String action, int documented) {
        Map<String, Integer> overrides = cached("qps:" + accountId, () -> repository.qpsLimits(accountId));
        Integer specific = overrides.get(action);
        if (specific != null) {
            return specific;
        }
        return overrides.getOrDefault("*", documented);
    }

    public void invalidate() {
        cache.clear();
    }

    @SuppressWarnings("unchecked")
    private <T> T cached(String key, Supplier<T> loader) {
        long now = System.nanoTime();
        Cached<?> hit = cache.get(key);
        if (hit != null && hit.expiresAt() - now > 0) {
            return (T) hit.value();
        }
        T value = loader.get();
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear(); // a flood of unknown keys must not grow memory without bound
        }
        cache.put(key, new Cached<>(value, now + TTL_NANOS));
        return value;
    }
}
