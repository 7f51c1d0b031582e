package io.updraft.store;

import java.util.Locale;

/**
 * The databases Updraft runs on, and everything that differs between them besides the migrations in
 * {@code db/migration/<folder>}: the repositories' SQL is the same on both.
 */
public enum Dialect {
    /** Embedded, single node. The lock timeout is set in the JDBC URL ({@link Database#embeddedUrl}). */
    H2(null),
    /** Production and scale-out. A lock wait that long means something is stuck: fail the request, free the pool. */
    POSTGRESQL("SET lock_timeout = '10s'");

    private final String sessionSetup;

    Dialect(String sessionSetup) {
        this.sessionSetup = sessionSetup;
    }

    public static Dialect ofJdbcUrl(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported database URL (use jdbc:postgresql://… or the embedded H2): "
                + url.replaceAll("password=[^&;]*", "password=***"));
    }

    /** Flyway location of this database's own migrations, next to {@code db/migration/common}. */
    public String migrationFolder() {
        return "db/migration/" + name().toLowerCase(Locale.ROOT);
    }

    /** SQL run on every new pooled connection, or null. */
    public String sessionSetup() {
        return sessionSetup;
    }
}
