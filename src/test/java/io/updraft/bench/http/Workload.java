package io.updraft.bench.http;

/** What a load-generator worker sends next. Each worker calls only with its own index, from its own thread. */
public interface Workload {
    /** A complete, freshly signed HTTP request for worker {@code worker}. */
    byte[] next(int worker);

    /** Told the status of the request {@link #next} returned, e.g. to delete only what was created. */
    default void completed(int worker, int status) {
    }
}
