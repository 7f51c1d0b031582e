-- State the gateway shares across nodes (on H2, a single node, it stays in memory). Times come from the database
-- clock, the one clock every node agrees on.

CREATE FUNCTION updraft_clock_micros() RETURNS BIGINT LANGUAGE SQL VOLATILE AS $$
    SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::BIGINT
$$;

-- SignatureNonces seen, per AccessKey. The key is a SHA-256 of (AccessKey ID, nonce): fixed size, whatever length a
-- client sends. Rows past expires_at mean nothing and are purged in the background.
CREATE TABLE signature_nonce (
    nonce_hash  BYTEA   PRIMARY KEY,
    expires_at  BIGINT  NOT NULL
);
CREATE INDEX signature_nonce_expiry ON signature_nonce (expires_at);

-- Sliding-window log per quota key (account and Action): the admission times of the last second, in microseconds.
-- One row per key, so the lock on it serialises the key's admissions across nodes; rows are bounded by
-- accounts x Actions and are not purged.
CREATE TABLE quota_window (
    quota_key  VARCHAR(200)  PRIMARY KEY,
    admitted   BIGINT[]      NOT NULL
);

-- One round trip per request. The clock is read after the row lock is granted, so times are recorded in the order
-- admissions are decided, and no second (t - 1 s, t] ever holds more than max_admitted of them.
CREATE FUNCTION quota_try_acquire(p_key VARCHAR, max_admitted INTEGER) RETURNS BOOLEAN LANGUAGE plpgsql AS $$
DECLARE
    recent  BIGINT[];
    now_us  BIGINT;
BEGIN
    INSERT INTO quota_window (quota_key, admitted) VALUES (p_key, '{}') ON CONFLICT (quota_key) DO NOTHING;
    SELECT admitted INTO recent FROM quota_window WHERE quota_key = p_key FOR UPDATE;
    now_us := updraft_clock_micros();
    recent := ARRAY(SELECT t FROM unnest(recent) AS t WHERE t > now_us - 1000000);
    IF cardinality(recent) >= max_admitted THEN
        RETURN FALSE;
    END IF;
    UPDATE quota_window SET admitted = recent || now_us WHERE quota_key = p_key;
    RETURN TRUE;
END
$$;
