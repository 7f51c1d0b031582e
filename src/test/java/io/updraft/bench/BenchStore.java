package io.updraft.bench;

import io.updraft.config.UpdraftConfig;
import io.updraft.store.Database;
import io.updraft.testing.TestStore;

import java.nio.file.Path;

/** The two stores every scenario runs on: the embedded H2 file, and PostgreSQL (embedded, via {@link TestStore}). */
public enum BenchStore {
    H2, POSTGRESQL;

    public String id() {
        return name().toLowerCase();
    }

    public UpdraftConfig configure(UpdraftConfig config, Path dataDir) {
        return this == H2 ? config : config.withDatabase(jdbcUrl(dataDir), TestStore.USER, null);
    }

    /** The store of the server on this data dir; for PostgreSQL a database of its own, created empty on first use. */
    public String jdbcUrl(Path dataDir) {
        return this == H2 ? Database.embeddedUrl(dataDir) : TestStore.databaseFor(dataDir);
    }

    public String user() {
        return this == H2 ? "sa" : TestStore.USER;
    }

    public String password() {
        return this == H2 ? "" : null;
    }

    public static BenchStore of(String id) {
        return valueOf(id.toUpperCase());
    }
}
