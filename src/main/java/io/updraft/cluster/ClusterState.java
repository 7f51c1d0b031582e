package io.updraft.cluster;

/**
 * Nonces and quota windows are bookkeeping, not acknowledged writes: their transactions commit without waiting for
 * the WAL flush. Otherwise every request would wait for one or two disk flushes, and the quota row's lock would be
 * held across them, serialising an account's requests on the disk. The cost: if PostgreSQL itself crashes, the
 * last fraction of a second of nonces and admissions may be forgotten (a replay of those requests becomes possible
 * within their ±15-minute window). Writes that users are told succeeded still commit synchronously.
 */
final class ClusterState {
    static final String ASYNC_COMMIT = "SET LOCAL synchronous_commit TO OFF";

    private ClusterState() {
    }
}
