package io.updraft.cluster;

import io.updraft.gateway.NonceStore;
import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The cluster {@link NonceStore}: a nonce accepted by any node is refused by every node for the retention time.
 * One statement per request: the insert either creates the row, or takes over a row that expired but was not
 * purged yet, or does nothing; PostgreSQL decides atomically, so two nodes racing on one nonce accept it once.
 */
public final class PostgresNonceStore implements NonceStore {
    private static final String REMEMBER = """
            INSERT INTO signature_nonce (nonce_hash, expires_at)
            VALUES (:hash, updraft_clock_micros() / 1000 + :retention)
            ON CONFLICT (nonce_hash) DO UPDATE SET expires_at = EXCLUDED.expires_at
            WHERE signature_nonce.expires_at <= EXCLUDED.expires_at - :retention""";
    /** Small batches of rows nobody holds: the purge never waits for a request, and a request waits at most for
     *  one batch that happens to hold the expired row it re-inserts. */
    private static final String PURGE_BATCH = """
            DELETE FROM signature_nonce WHERE nonce_hash IN (
                SELECT nonce_hash FROM signature_nonce WHERE expires_at <= updraft_clock_micros() / 1000
                LIMIT :batch FOR UPDATE SKIP LOCKED)""";
    private static final int BATCH = 5000;

    private final Jdbi jdbi;
    private final long retentionMillis;

    public PostgresNonceStore(Jdbi jdbi, long retentionMillis) {
        this.jdbi = jdbi;
        this.retentionMillis = retentionMillis;
    }

    @Override
    public boolean remember(String accessKeyId, String nonce) {
        byte[] hash = sha256(accessKeyId + '\n' + nonce);
        return jdbi.withHandle(h -> h.createUpdate(REMEMBER)
                .bind("hash", hash).bind("retention", retentionMillis).execute()) == 1;
    }

    @Override
    public void purgeExpired() {
        int deleted;
        do {
            deleted = jdbi.withHandle(h -> h.createUpdate(PURGE_BATCH).bind("batch", BATCH).execute());
        } while (deleted == BATCH);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
