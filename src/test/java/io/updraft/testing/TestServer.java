package io.updraft.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.updraft.UpdraftServer;
import io.updraft.config.UpdraftConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * One Updraft server per test JVM, started in-process on a free port with a bootstrap of test accounts:
 * <ul>
 *   <li>{@code acme}: root key {@link #ACME}, instance {@code iot-cn-acme01}, quotas lifted; RAM users
 *       {@code reader} (iot:List*, iot:Query*), {@code nodelete} (iot:* but Deny iot:Delete*), {@code nobody}
 *       (no policy), and an Inactive root key {@link #ACME_INACTIVE};</li>
 *   <li>{@code globex}: root key {@link #GLOBEX}, quotas lifted;</li>
 *   <li>{@code limited}: root key {@link #LIMITED} and RAM user key {@link #LIMITED_RAM}, documented quotas;</li>
 *   <li>{@code capped}: root key {@link #CAPPED} with {@code qpsLimits {"*": 5}}.</li>
 * </ul>
 * The store is the one {@link TestStore} names: the embedded H2 in the data dir, or with
 * {@code -Dupdraft.test.store=postgresql} a PostgreSQL database of the data dir's own.
 */
public final class TestServer {
    public record Key(String id, String secret) {
    }

    public static final Key ACME = new Key("AKacmeRoot0001", "acme-root-secret-0001");
    public static final Key ACME_READER = new Key("AKacmeReader001", "acme-reader-secret-01");
    public static final Key ACME_NODELETE = new Key("AKacmeNoDelete01", "acme-nodelete-secret1");
    public static final Key ACME_NOBODY = new Key("AKacmeNobody0001", "acme-nobody-secret-01");
    public static final Key ACME_INACTIVE = new Key("AKacmeInactive01", "acme-inactive-secret1");
    public static final Key GLOBEX = new Key("AKglobexRoot001", "globex-root-secret-01");
    public static final Key LIMITED = new Key("AKlimitedRoot01", "limited-root-secret-1");
    public static final Key LIMITED_RAM = new Key("AKlimitedRam001", "limited-ram-secret-01");
    public static final Key CAPPED = new Key("AKcappedRoot001", "capped-root-secret-01");
    public static final String ACME_INSTANCE = "iot-cn-acme01";

    private static TestServer shared;
    private final UpdraftServer server;
    private final Path dataDir;
    private final int port;
    private final int externalMqttPort;

    private TestServer(Path dataDir, UpdraftServer server, int port, int externalMqttPort) {
        this.dataDir = dataDir;
        this.server = server;
        this.port = port;
        this.externalMqttPort = externalMqttPort;
    }

    private TestServer(Path dataDir, UpdraftServer server, int port) {
        this(dataDir, server, port, -1);
    }

    /** A server running in another process, known by its port only. */
    public static TestServer external(int port) {
        return new TestServer(null, null, port);
    }

    /** A server running in another process, known by its HTTP and MQTT ports. */
    public static TestServer external(int port, int mqttPort) {
        return new TestServer(null, null, port, mqttPort);
    }

    public static synchronized TestServer shared() {
        if (shared == null) {
            Path dir = Path.of("target", "test-data", "shared-" + UUID.randomUUID());
            shared = start(dir, bootstrap(dir));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A private server, e.g. for restart tests: the caller closes it. The same data dir means the same store. */
    public static TestServer start(Path dataDir, Path bootstrap) {
        return start(config(dataDir, bootstrap));
    }

    /** A private server whose configuration {@code customize} adjusts, e.g. {@code c -> c.withModuleLimit(3)}. */
    public static TestServer start(Path dataDir, Path bootstrap, UnaryOperator<UpdraftConfig> customize) {
        return start(customize.apply(config(dataDir, bootstrap)));
    }

    /** The configuration {@link #start(Path, Path)} uses, for tests that change a setting. */
    public static UpdraftConfig config(Path dataDir, Path bootstrap) {
        // tests connect hundreds of devices from 127.0.0.1: the per-address limit has tests of its own
        UpdraftConfig config = UpdraftConfig.defaults(dataDir).withHttp("127.0.0.1", 0).withMqtt("127.0.0.1", 0)
                .withBootstrap(bootstrap).withMqttConnectsPerMinute(0);
        return TestStore.isPostgresql()
                ? config.withDatabase(TestStore.databaseFor(dataDir), TestStore.USER, null)
                : config;
    }

    public static TestServer start(UpdraftConfig config) {
        UpdraftServer server = UpdraftServer.start(config);
        return new TestServer(config.dataDir(), server, server.httpPort());
    }

    public static Path bootstrap(Path dir) {
        Map<String, Object> lifted = Map.of("*", 100000);
        Map<String, Object> doc = Map.of("accounts", List.of(
                Map.of("name", "acme",
                        "accessKeys", List.of(key(ACME, "Active"), key(ACME_INACTIVE, "Inactive")),
                        "instances", List.of(ACME_INSTANCE),
                        "qpsLimits", lifted,
                        "ramUsers", List.of(
                                Map.of("name", "reader", "accessKeys", List.of(key(ACME_READER, "Active")),
                                        "policy", policy(statement("Allow", "iot:List*", "iot:Query*"))),
                                Map.of("name", "nodelete", "accessKeys", List.of(key(ACME_NODELETE, "Active")),
                                        "policy", policy(statement("Allow", "iot:*"), statement("Deny", "iot:Delete*"))),
                                Map.of("name", "nobody", "accessKeys", List.of(key(ACME_NOBODY, "Active"))))),
                Map.of("name", "globex", "accessKeys", List.of(key(GLOBEX, "Active")), "qpsLimits", lifted),
                Map.of("name", "limited", "accessKeys", List.of(key(LIMITED, "Active")),
                        "ramUsers", List.of(Map.of("name", "ci", "accessKeys", List.of(key(LIMITED_RAM, "Active")),
                                "policy", policy(statement("Allow", "iot:*"))))),
                Map.of("name", "capped", "accessKeys", List.of(key(CAPPED, "Active")), "qpsLimits", Map.of("*", 5))));
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("bootstrap.json");
            new ObjectMapper().writeValue(file.toFile(), doc);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> key(Key key, String status) {
        return Map.of("accessKeyId", key.id(), "accessKeySecret", key.secret(), "status", status);
    }

    private static Map<String, Object> policy(Map<?, ?>... statements) {
        return Map.of("Version", "1", "Statement", List.of(statements));
    }

    private static Map<String, Object> statement(String effect, String... actions) {
        return Map.of("Effect", effect, "Action", List.of(actions), "Resource", "*");
    }

    public int port() {
        return port;
    }

    /** Where {@code /metrics} answers (in-process servers only): its own port, or the HTTP port. */
    public int metricsPort() {
        return server.metricsPort();
    }

    /** The MQTT port devices connect to (in-process servers, and external ones whose MQTT port is known). */
    public int mqttPort() {
        return server != null ? server.mqttPort() : externalMqttPort;
    }

    public String mqttUri() {
        return "tcp://127.0.0.1:" + mqttPort();
    }

    /** The HTTPS port, -1 when HTTPS is off (in-process servers only). */
    public int httpsPort() {
        return server.httpsPort();
    }

    public String httpsEndpoint() {
        return "127.0.0.1:" + httpsPort();
    }

    /** The MQTT-over-TLS port, -1 when it is off (in-process servers only). */
    public int mqttsPort() {
        return server.mqttsPort();
    }

    public String mqttsUri() {
        return "ssl://127.0.0.1:" + mqttsPort();
    }

    /** The local CA of a {@code tls auto} server. */
    public Path caCertificate() {
        return dataDir.resolve("tls").resolve("ca.pem");
    }

    public String endpoint() {
        return "127.0.0.1:" + port();
    }

    public Path dataDir() {
        return dataDir;
    }

    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
