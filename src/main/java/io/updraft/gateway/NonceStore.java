package io.updraft.gateway;

/**
 * Remembers each SignatureNonce per AccessKey for the retention time. Timestamps are accepted ±15 minutes, so a
 * captured request stays replayable for 30 minutes after it was signed: retention must be at least that (the
 * Alibaba gateway keeps nonces about 31 minutes). In memory for one node, in PostgreSQL for a cluster.
 */
public interface NonceStore {
    /** @return true if this nonce was new (and is now recorded), false if it was seen within the retention time */
    boolean remember(String accessKeyId, String nonce);

    /** Forgets expired nonces; called in the background, never on a request. */
    void purgeExpired();
}
