package io.updraft.config;

import java.nio.file.Path;

/**
 * The server's typed configuration, built once at start from flags, then environment variables, then defaults
 * (see {@code ServeCommand} for the flag and variable names, and the README's configuration reference).
 *
 * @param httpHost       address the HTTP server binds
 * @param httpPort       HTTP port; 0 picks a free port
 * @param mqttPort       MQTT port for devices; 0 picks a free port
 * @param mqttHost       address the MQTT broker binds
 * @param dataDir        where the embedded database, the master key and the admin token live
 * @param bootstrapFile  JSON applied idempotently at every start, or null
 * @param dbUrl          JDBC URL; null means the embedded H2 file in the data dir
 * @param dbPoolSize     connections in the pool (per node)
 * @param masterKey      base64 AES-256 key for stored secrets; null means {@code master.key} in the data dir
 * @param moduleLimit    custom OTA modules allowed per product (Alibaba: 10)
 * @param hostId         HostId echoed in gateway errors
 * @param maxRequestBytes largest request accepted, body included (API calls; package uploads have their own limit)
 * @param firmware       update packages: blob store, public URL, package limit
 * @param httpLimits     timeouts and the connection limit of the HTTP server, and its graceful-stop bound
 * @param tls            HTTPS and MQTT over TLS: the certificate source, ports, suites
 * @param mqttConnectsPerMinute CONNECT attempts allowed per source address per minute; 0 means no limit
 * @param metrics        where {@code /metrics} is served: {@link #METRICS_ON_HTTP_PORT}, {@link #METRICS_OFF}, or a
 *                       port of its own (0 picks a free one)
 * @param clock          the time upgrade batches run on (schedules, rates, retries, timeouts); tests pass their own
 * @param cluster        this node's id and the node timeout (heartbeats, dead nodes' devices)
 *
 * <p>Ports: 0 picks a free port, {@link #OFF} turns the listener off.
 */
public record UpdraftConfig(
        String httpHost,
        int httpPort,
        int mqttPort,
        String mqttHost,
        Path dataDir,
        Path bootstrapFile,
        String dbUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        int moduleLimit,
        String hostId,
        long maxRequestBytes,
        String masterKey,
        String initialAccessKeyId,
        String initialAccessKeySecret,
        FirmwareSettings firmware,
        HttpLimits httpLimits,
        TlsSettings tls,
        int mqttConnectsPerMinute,
        int metrics,
        java.time.Clock clock,
        ClusterSettings cluster) {
    /** A port value that turns its listener off. */
    public static final int OFF = -1;
    public static final int DEFAULT_MQTT_CONNECTS_PER_MINUTE = 120;
    public static final int METRICS_ON_HTTP_PORT = -1;
    public static final int METRICS_OFF = -2;

    public static UpdraftConfig defaults(Path dataDir) {
        return new UpdraftConfig("0.0.0.0", 8080, 1883, "0.0.0.0", dataDir, null, null, null, null, 10, 10,
                "iot.cn-shanghai.aliyuncs.com", 1_048_576, null, null, null, FirmwareSettings.defaults(),
                HttpLimits.DEFAULTS, TlsSettings.OFF, DEFAULT_MQTT_CONNECTS_PER_MINUTE, METRICS_ON_HTTP_PORT,
                java.time.Clock.systemUTC(), ClusterSettings.DEFAULTS);
    }

    public UpdraftConfig withHttp(String host, int port) {
        return edit(b -> { b.httpHost = host; b.httpPort = port; });
    }

    public UpdraftConfig withMqtt(String host, int port) {
        return edit(b -> { b.mqttHost = host; b.mqttPort = port; });
    }

    public UpdraftConfig withBootstrap(Path file) {
        return edit(b -> b.bootstrapFile = file);
    }

    public UpdraftConfig withModuleLimit(int limit) {
        return edit(b -> b.moduleLimit = limit);
    }

    /** An external database (PostgreSQL); null URL means the embedded H2. */
    public UpdraftConfig withDatabase(String url, String user, String password) {
        return edit(b -> { b.dbUrl = url; b.dbUser = user; b.dbPassword = password; });
    }

    /** Every node of a cluster needs the same key: each reads secrets the others wrote. */
    public UpdraftConfig withMasterKey(String base64Key) {
        return edit(b -> b.masterKey = base64Key);
    }

    public UpdraftConfig withInitialAccessKey(String id, String secret) {
        return edit(b -> { b.initialAccessKeyId = id; b.initialAccessKeySecret = secret; });
    }

    public UpdraftConfig withFirmware(FirmwareSettings settings) {
        return edit(b -> b.firmware = settings);
    }

    public UpdraftConfig withHttpLimits(HttpLimits limits) {
        return edit(b -> b.httpLimits = limits);
    }

    public UpdraftConfig withTls(TlsSettings settings) {
        return edit(b -> b.tls = settings);
    }

    public UpdraftConfig withMqttConnectsPerMinute(int perMinute) {
        return edit(b -> b.mqttConnectsPerMinute = perMinute);
    }

    /** {@link #METRICS_ON_HTTP_PORT}, {@link #METRICS_OFF} or a port. */
    public UpdraftConfig withMetrics(int metrics) {
        return edit(b -> b.metrics = metrics);
    }

    public UpdraftConfig withClock(java.time.Clock clock) {
        return edit(b -> b.clock = clock);
    }

    public UpdraftConfig withCluster(ClusterSettings settings) {
        return edit(b -> b.cluster = settings);
    }

    /** Copy-and-change in one place, so adding a setting does not touch every {@code with…} method. */
    private UpdraftConfig edit(java.util.function.Consumer<Editable> change) {
        Editable b = new Editable(this);
        change.accept(b);
        return b.build();
    }

    private static final class Editable {
        String httpHost;
        int httpPort;
        int mqttPort;
        String mqttHost;
        Path dataDir;
        Path bootstrapFile;
        String dbUrl;
        String dbUser;
        String dbPassword;
        int dbPoolSize;
        int moduleLimit;
        String hostId;
        long maxRequestBytes;
        String masterKey;
        String initialAccessKeyId;
        String initialAccessKeySecret;
        FirmwareSettings firmware;
        HttpLimits httpLimits;
        TlsSettings tls;
        int mqttConnectsPerMinute;
        int metrics;
        java.time.Clock clock;
        ClusterSettings cluster;

        Editable(UpdraftConfig c) {
            httpHost = c.httpHost;
            httpPort = c.httpPort;
            mqttPort = c.mqttPort;
            mqttHost = c.mqttHost;
            dataDir = c.dataDir;
            bootstrapFile = c.bootstrapFile;
            dbUrl = c.dbUrl;
            dbUser = c.dbUser;
            dbPassword = c.dbPassword;
            dbPoolSize = c.dbPoolSize;
            moduleLimit = c.moduleLimit;
            hostId = c.hostId;
            maxRequestBytes = c.maxRequestBytes;
            masterKey = c.masterKey;
            initialAccessKeyId = c.initialAccessKeyId;
            initialAccessKeySecret = c.initialAccessKeySecret;
            firmware = c.firmware;
            httpLimits = c.httpLimits;
            tls = c.tls;
            mqttConnectsPerMinute = c.mqttConnectsPerMinute;
            metrics = c.metrics;
            clock = c.clock;
            cluster = c.cluster;
        }

        UpdraftConfig build() {
            return new UpdraftConfig(httpHost, httpPort, mqttPort, mqttHost, dataDir, bootstrapFile, dbUrl, dbUser,
                    dbPassword, dbPoolSize, moduleLimit, hostId, maxRequestBytes, masterKey, initialAccessKeyId,
                    initialAccessKeySecret, firmware, httpLimits, tls, mqttConnectsPerMinute, metrics, clock, cluster);
        }
    }
}
