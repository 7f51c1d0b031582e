package io.updraft.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The store the integration tests run on, chosen by the system property {@value #PROPERTY}: {@code h2} (default)
 * or {@code postgresql}. For PostgreSQL one embedded server (zonky, binaries from Maven Central) starts per JVM, on
 * first use, and each data dir gets its own database, so every test server starts on an empty store and a server
 * restarted on the same data dir finds its data again.
 */
public final class TestStore {
    public static final String PROPERTY = "updraft.test.store";
    public static final String USER = "postgres";
    private static final Logger LOG = LoggerFactory.getLogger(TestStore.class);
    private static EmbeddedPostgres postgres;

    private TestStore() {
    }

    public static boolean isPostgresql() {
        return "postgresql".equalsIgnoreCase(System.getProperty(PROPERTY, "h2"));
    }

    /** A direct connection to the store of the server on this data dir (H2 file or its PostgreSQL database). */
    public static java.sql.Connection connect(Path dataDir) throws SQLException {
        return isPostgresql()
                ? java.sql.DriverManager.getConnection(databaseFor(dataDir), USER, null)
                : java.sql.DriverManager.getConnection(io.updraft.store.Database.embeddedUrl(dataDir), "sa", "");
    }

    /** JDBC URL of the database that belongs to this data dir, created empty on first use. */
    public static synchronized String databaseFor(Path dataDir) {
        String name = "updraft_" + shortHash(dataDir.toAbsolutePath().normalize().toString());
        EmbeddedPostgres server = postgres();
        try (Connection c = server.getPostgresDatabase().getConnection()) {
            boolean exists;
            try (PreparedStatement query = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                query.setString(1, name);
                try (ResultSet rs = query.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (!exists) {
                try (Statement create = c.createStatement()) {
                    create.execute("CREATE DATABASE " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name, e);
        }
        return server.getJdbcUrl(USER, name);
    }

    private static EmbeddedPostgres postgres() {
        if (postgres == null) {
            long started = System.nanoTime();
            // Binaries and data under target/, not /tmp: a fresh machine needs nothing, and mvn clean removes it all.
            Path root = Path.of("target", "embedded-pg").toAbsolutePath();
            try {
                postgres = EmbeddedPostgres.builder()
                        .setOverrideWorkingDirectory(root.toFile())
                        .setDataDirectory(root.resolve("data-" + UUID.randomUUID()))
                        .setServerConfig("max_connections", "300")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            LOG.info("embedded PostgreSQL started on port {} in {} ms", postgres.getPort(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        return postgres;
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
