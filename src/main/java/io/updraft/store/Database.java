package io.updraft.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import io.micrometer.core.instrument.MeterRegistry;

import java.sql.Connection;
import java.sql.SQLException;

import java.nio.file.Path;

/**
 * The relational store: a HikariCP pool, the Flyway schema and a JDBI handle. Migrations shared by every database
 * live in {@code db/migration/common}; SQL that differs per database lives in {@code db/migration/<vendor>} (plain
 * Flyway has no {@code {vendor}} placeholder, so {@link Dialect} names the folder).
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Dialect dialect;

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.jdbi = Jdbi.create(dataSource);
    }

    /** The embedded default: an H2 file in the data dir. WRITE_DELAY=0 makes each commit reach the file at once,
     *  so an acknowledged write survives kill -9 of the server. */
    public static String embeddedUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("updraft")
                + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE";
    }

    public static Database open(String url, String user, String password, int poolSize) {
        return open(url, user, password, poolSize, null);
    }

    /** @param metrics where the pool reports its usage (HikariCP's own Micrometer meters), or null */
    public static Database open(String url, String user, String password, int poolSize, MeterRegistry metrics) {
        Dialect dialect = Dialect.ofJdbcUrl(url);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("updraft-db");
        if (metrics != null) {
            config.setMetricRegistry(metrics);
        }
        if (dialect.sessionSetup() != null) {
            config.setConnectionInitSql(dialect.sessionSetup());
        }
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot connect to the database: " + e.getMessage(), e);
        }
        try {
            // Flyway takes a database lock while migrating, so nodes starting together migrate once.
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/common", "classpath:" + dialect.migrationFolder())
                    .load()
                    .migrate();
            return new Database(dataSource, dialect);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    public Jdbi jdbi() { return jdbi; }

    /** A connection from the pool answers within a second: the store is up (readiness). */
    public boolean isReachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(1);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    public Dialect dialect() { return dialect; }

    @Override
    public void close() {
        dataSource.close();
    }
}
