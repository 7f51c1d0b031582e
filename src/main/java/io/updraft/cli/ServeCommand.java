package io.updraft.cli;

import io.updraft.UpdraftServer;
import io.updraft.cluster.NodeIdentity;
import io.updraft.config.ClusterSettings;
import io.updraft.config.FirmwareSettings;
import io.updraft.config.HttpLimits;
import io.updraft.config.TlsSettings;
import io.updraft.config.UpdraftConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Runs the server until SIGTERM/SIGINT. Each option: flag, else environment variable, else default. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the Updraft server.")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--http-host", defaultValue = "${env:UPDRAFT_HTTP_HOST:-0.0.0.0}",
            description = "Address to bind the HTTP API (env UPDRAFT_HTTP_HOST, default ${DEFAULT-VALUE}).")
    String httpHost;

    @Option(names = "--http-port", defaultValue = "${env:UPDRAFT_HTTP_PORT:-8080}",
            description = "Plain HTTP port of the API and package files, 0 turns plain HTTP off "
                    + "(env UPDRAFT_HTTP_PORT, default ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--https-port", defaultValue = "${env:UPDRAFT_HTTPS_PORT:-8443}",
            description = "HTTPS port of the API and package files when TLS is on, 0 turns HTTPS off "
                    + "(env UPDRAFT_HTTPS_PORT, default ${DEFAULT-VALUE}).")
    int httpsPort;

    @Option(names = "--mqtt-port", defaultValue = "${env:UPDRAFT_MQTT_PORT:-1883}",
            description = "Plain MQTT port for devices (securemode=3), 0 turns it off "
                    + "(env UPDRAFT_MQTT_PORT, default ${DEFAULT-VALUE}).")
    int mqttPort;

    @Option(names = "--mqtts-port", defaultValue = "${env:UPDRAFT_MQTTS_PORT:-8883}",
            description = "MQTT over TLS port for devices (securemode=2) when TLS is on, 0 turns it off "
                    + "(env UPDRAFT_MQTTS_PORT, default ${DEFAULT-VALUE}).")
    int mqttsPort;

    @Option(names = "--tls", defaultValue = "${env:UPDRAFT_TLS:-off}",
            description = "auto: make a local CA and a server certificate in <data dir>/tls on first start; off: no "
                    + "TLS unless --tls-cert and --tls-key are given (env UPDRAFT_TLS, default ${DEFAULT-VALUE}).")
    String tls;

    @Option(names = "--tls-cert", defaultValue = "${env:UPDRAFT_TLS_CERT}",
            description = "PEM server certificate with its chain; turns TLS on with --tls-key; reloaded when the file "
                    + "changes (env UPDRAFT_TLS_CERT).")
    Path tlsCert;

    @Option(names = "--tls-key", defaultValue = "${env:UPDRAFT_TLS_KEY}",
            description = "PEM private key (RSA or EC, unencrypted) of --tls-cert (env UPDRAFT_TLS_KEY).")
    Path tlsKey;

    @Option(names = "--tls-host", defaultValue = "${env:UPDRAFT_TLS_HOSTS}", split = ",",
            description = "More host names and addresses for the --tls auto certificate, comma-separated; localhost, "
                    + "127.0.0.1, ::1, this machine's name, the bind addresses and the --public-url host are always in "
                    + "(env UPDRAFT_TLS_HOSTS).")
    List<String> tlsHosts;

    @Option(names = "--tls-legacy-device-ciphers", defaultValue = "${env:UPDRAFT_TLS_LEGACY_DEVICE_CIPHERS:-false}",
            arity = "1", description = "Also offer TLS 1.2 RSA-key-exchange AES-CBC suites (AES256-SHA256 and kin), "
                    + "the only ones Alibaba's C device SDK 3.x speaks, on MQTT over TLS and HTTPS; needs an RSA "
                    + "server key (env UPDRAFT_TLS_LEGACY_DEVICE_CIPHERS, default ${DEFAULT-VALUE}).")
    boolean tlsLegacyDeviceCiphers;

    @Option(names = "--mqtt-connects-per-address", defaultValue = "${env:UPDRAFT_MQTT_CONNECTS_PER_ADDRESS:-120}",
            description = "MQTT CONNECT attempts accepted per source address per minute, good or bad; more are refused "
                    + "before any check, 0 for no limit (env UPDRAFT_MQTT_CONNECTS_PER_ADDRESS, default ${DEFAULT-VALUE}).")
    int mqttConnectsPerAddress;

    @Option(names = "--mqtt-host", defaultValue = "${env:UPDRAFT_MQTT_HOST:-0.0.0.0}",
            description = "Address the MQTT broker binds (env UPDRAFT_MQTT_HOST, default ${DEFAULT-VALUE}).")
    String mqttHost;

    @Option(names = "--data-dir", defaultValue = "${env:UPDRAFT_DATA_DIR:-data}",
            description = "Data directory: embedded database, master.key, admin.token, tls/ of --tls auto (env UPDRAFT_DATA_DIR, "
                    + "default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--bootstrap", defaultValue = "${env:UPDRAFT_BOOTSTRAP}",
            description = "Bootstrap JSON applied idempotently at every start (env UPDRAFT_BOOTSTRAP).")
    Path bootstrap;

    @Option(names = "--db-url", defaultValue = "${env:UPDRAFT_DB_URL}",
            description = "JDBC URL of the store, e.g. jdbc:postgresql://db:5432/updraft (env UPDRAFT_DB_URL); "
                    + "default: embedded H2 in the data dir. The password comes from env UPDRAFT_DB_PASSWORD only.")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "${env:UPDRAFT_DB_USER}", description = "Database user (env UPDRAFT_DB_USER).")
    String dbUser;

    @Option(names = "--db-pool-size", defaultValue = "${env:UPDRAFT_DB_POOL_SIZE:-10}",
            description = "Database connections of this node (env UPDRAFT_DB_POOL_SIZE, default ${DEFAULT-VALUE}).")
    int dbPoolSize;

    @Option(names = "--module-limit", defaultValue = "${env:UPDRAFT_MODULE_LIMIT:-10}",
            description = "Custom OTA modules allowed per product (env UPDRAFT_MODULE_LIMIT, default ${DEFAULT-VALUE}, as Alibaba).")
    int moduleLimit;

    @Option(names = "--host-id", defaultValue = "${env:UPDRAFT_HOST_ID:-iot.cn-shanghai.aliyuncs.com}",
            description = "HostId echoed in gateway errors (env UPDRAFT_HOST_ID, default ${DEFAULT-VALUE}).")
    String hostId;

    @Option(names = "--max-request-bytes", defaultValue = "${env:UPDRAFT_MAX_REQUEST_BYTES:-1048576}",
            description = "Largest request accepted (env UPDRAFT_MAX_REQUEST_BYTES, default ${DEFAULT-VALUE}).")
    long maxRequestBytes;

    @Option(names = "--public-url", defaultValue = "${env:UPDRAFT_PUBLIC_URL}",
            description = "Base URL uploaders and devices reach this server at, for upload forms and download links "
                    + "(env UPDRAFT_PUBLIC_URL); default https://<http host>:<https port> with TLS on, "
                    + "else http://<http host>:<http port>.")
    String publicUrl;

    @Option(names = "--package-limit", defaultValue = "${env:UPDRAFT_PACKAGE_LIMIT:-500}",
            description = "Update packages allowed per account (env UPDRAFT_PACKAGE_LIMIT, default ${DEFAULT-VALUE}, as Alibaba).")
    int packageLimit;

    @Option(names = "--blob-store", defaultValue = "${env:UPDRAFT_BLOB_STORE:-local}",
            description = "Where package files live: local (<data dir>/blobs) or s3 (env UPDRAFT_BLOB_STORE, default ${DEFAULT-VALUE}).")
    String blobStore;

    @Option(names = "--s3-endpoint", defaultValue = "${env:UPDRAFT_S3_ENDPOINT}",
            description = "S3-compatible endpoint, e.g. http://minio:9000 (env UPDRAFT_S3_ENDPOINT); default AWS S3.")
    String s3Endpoint;

    @Option(names = "--s3-region", defaultValue = "${env:UPDRAFT_S3_REGION:-us-east-1}",
            description = "S3 region (env UPDRAFT_S3_REGION, default ${DEFAULT-VALUE}).")
    String s3Region;

    @Option(names = "--s3-bucket", defaultValue = "${env:UPDRAFT_S3_BUCKET:-updraft}",
            description = "S3 bucket, created if missing (env UPDRAFT_S3_BUCKET, default ${DEFAULT-VALUE}).")
    String s3Bucket;

    @Option(names = "--s3-prefix", defaultValue = "${env:UPDRAFT_S3_PREFIX:-}",
            description = "Key prefix inside the bucket (env UPDRAFT_S3_PREFIX, default none).")
    String s3Prefix;

    @Option(names = "--s3-path-style", defaultValue = "${env:UPDRAFT_S3_PATH_STYLE:-true}", arity = "1",
            description = "Path-style S3 addressing (env UPDRAFT_S3_PATH_STYLE, default ${DEFAULT-VALUE}); "
                    + "false for virtual-hosted style, which Alibaba OSS requires.")
    boolean s3PathStyle;
    @Option(names = "--http-idle-timeout", defaultValue = "${env:UPDRAFT_HTTP_IDLE_TIMEOUT:-30}",
            description = "Seconds an HTTP connection may stay silent before it is closed (env UPDRAFT_HTTP_IDLE_TIMEOUT, default ${DEFAULT-VALUE}).")
    int httpIdleTimeoutSeconds;

    @Option(names = "--http-header-timeout", defaultValue = "${env:UPDRAFT_HTTP_HEADER_TIMEOUT:-10}",
            description = "Seconds a new HTTP or HTTPS connection gets to send a complete request head, TLS handshake "
                    + "included (env UPDRAFT_HTTP_HEADER_TIMEOUT, default ${DEFAULT-VALUE}).")
    int httpHeaderTimeoutSeconds;

    @Option(names = "--http-max-connections", defaultValue = "${env:UPDRAFT_HTTP_MAX_CONNECTIONS:-1000}",
            description = "Open HTTP connections of this node; more wait to be accepted (env UPDRAFT_HTTP_MAX_CONNECTIONS, default ${DEFAULT-VALUE}).")
    int httpMaxConnections;

    @Option(names = "--shutdown-timeout", defaultValue = "${env:UPDRAFT_SHUTDOWN_TIMEOUT:-20}",
            description = "Seconds requests in flight get to finish on SIGTERM (env UPDRAFT_SHUTDOWN_TIMEOUT, default ${DEFAULT-VALUE}).")
    int shutdownTimeoutSeconds;

    @Option(names = "--metrics", defaultValue = "${env:UPDRAFT_METRICS:-on}",
            description = "Prometheus /metrics: on (on the HTTP port), off, or a port of its own, e.g. 9464 "
                    + "(env UPDRAFT_METRICS, default ${DEFAULT-VALUE}).")
    String metrics;

    @Option(names = "--log-format", defaultValue = "${env:UPDRAFT_LOG_FORMAT:-text}",
            description = "Application and access log on stdout: text or json, one JSON object per line "
                    + "(env UPDRAFT_LOG_FORMAT, default ${DEFAULT-VALUE}).")
    String logFormat;

    @Option(names = "--node-id", defaultValue = "${env:UPDRAFT_NODE_ID}",
            description = "This node's id in the cluster (env UPDRAFT_NODE_ID); default: the one in <data dir>/node.id, "
                    + "created on first start.")
    String nodeId;

    @Option(names = "--node-timeout", defaultValue = "${env:UPDRAFT_NODE_TIMEOUT:-15}",
            description = "Seconds without a heartbeat after which a node is dead and its devices show OFFLINE "
                    + "(env UPDRAFT_NODE_TIMEOUT, default ${DEFAULT-VALUE}).")
    int nodeTimeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            System.err.println("--log-format must be text or json");
            return 2;
        }
        Integer metricsSetting = metricsSetting(metrics);
        if (metricsSetting == null) {
            System.err.println("--metrics must be on, off or a port (0-65535)");
            return 2;
        }
        LogFormat.apply(logFormat);
        if (!blobStore.equals("local") && !blobStore.equals("s3")) {
            System.err.println("--blob-store must be local or s3");
            return 2;
        }
        if (packageLimit < 0) {
            System.err.println("--package-limit must be >= 0");
            return 2;
        }
        if (moduleLimit < 0 || dbPoolSize < 1 || maxRequestBytes < 1024) {
            System.err.println("--module-limit must be >= 0, --db-pool-size >= 1, --max-request-bytes >= 1024");
            return 2;
        }
        if (httpIdleTimeoutSeconds < 1 || httpHeaderTimeoutSeconds < 1 || httpMaxConnections < 1
                || shutdownTimeoutSeconds < 0) {
            System.err.println("--http-idle-timeout, --http-header-timeout and --http-max-connections must be >= 1, "
                    + "--shutdown-timeout >= 0");
            return 2;
        }
        if (httpPort < 0 || httpsPort < 0 || mqttPort < 0 || mqttsPort < 0 || mqttConnectsPerAddress < 0) {
            System.err.println("ports and --mqtt-connects-per-address must be >= 0 (0 turns a listener or the limit off)");
            return 2;
        }
        TlsSettings tlsSettings;
        try {
            tlsSettings = tlsSettings();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        if (httpPort == 0 && (!tlsSettings.enabled() || httpsPort == 0)) {
            System.err.println("--http-port 0 turns plain HTTP off: keep it, or turn TLS on and keep --https-port");
            return 2;
        }
        if (mqttPort == 0 && (!tlsSettings.enabled() || mqttsPort == 0)) {
            System.err.println("--mqtt-port 0 turns plain MQTT off: keep it, or turn TLS on and keep --mqtts-port");
            return 2;
        }
        if (nodeTimeoutSeconds < 1) {
            System.err.println("--node-timeout must be >= 1");
            return 2;
        }
        ClusterSettings cluster;
        try {
            cluster = new ClusterSettings(nodeId == null || nodeId.isBlank() ? null
                    : new NodeIdentity(nodeId.trim()).id(), Duration.ofSeconds(nodeTimeoutSeconds));
        } catch (IllegalArgumentException e) {
            System.err.println("--node-id: " + e.getMessage());
            return 2;
        }
        HttpLimits httpLimits = new HttpLimits(Duration.ofSeconds(httpIdleTimeoutSeconds),
                Duration.ofSeconds(httpHeaderTimeoutSeconds), httpMaxConnections,
                Duration.ofSeconds(shutdownTimeoutSeconds));
        UpdraftConfig config = new UpdraftConfig(httpHost, listenerPort(httpPort), listenerPort(mqttPort), mqttHost, dataDir, bootstrap, dbUrl, dbUser,
                System.getenv("UPDRAFT_DB_PASSWORD"), dbPoolSize, moduleLimit, hostId, maxRequestBytes,
                System.getenv("UPDRAFT_MASTER_KEY"), System.getenv("UPDRAFT_ACCESS_KEY_ID"),
                System.getenv("UPDRAFT_ACCESS_KEY_SECRET"),
                new FirmwareSettings(publicUrl, packageLimit, blobStore, s3Endpoint, s3Region, s3Bucket, s3Prefix,
                        s3PathStyle, System.getenv("UPDRAFT_S3_ACCESS_KEY"), System.getenv("UPDRAFT_S3_SECRET_KEY")),
                httpLimits, tlsSettings, mqttConnectsPerAddress, metricsSetting, java.time.Clock.systemUTC(), cluster);
        UpdraftServer server = UpdraftServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "updraft-shutdown"));
        stopped.await();
        return 0;
    }

    /** On the command line 0 turns a listener off (there is no use for a random port there). */
    private static int listenerPort(int port) {
        return port == 0 ? UpdraftConfig.OFF : port;
    }

    private TlsSettings tlsSettings() {
        if (!tls.equals("auto") && !tls.equals("off")) {
            throw new IllegalArgumentException("--tls must be auto or off (bring your own with --tls-cert and --tls-key)");
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        if (tlsCert != null && tls.equals("auto")) {
            throw new IllegalArgumentException("--tls auto makes its own certificate: drop it, or drop --tls-cert and --tls-key");
        }
        TlsSettings chosen = tlsCert != null ? TlsSettings.files(tlsCert, tlsKey)
                : tls.equals("auto") ? TlsSettings.auto(tlsHosts == null ? List.of() : tlsHosts)
                : TlsSettings.OFF;
        if (chosen.mode() == TlsSettings.Mode.OFF && tlsLegacyDeviceCiphers) {
            throw new IllegalArgumentException("--tls-legacy-device-ciphers needs TLS: --tls auto, or --tls-cert and --tls-key");
        }
        return chosen.withPorts(listenerPort(httpsPort), listenerPort(mqttsPort))
                .withLegacyDeviceCiphers(tlsLegacyDeviceCiphers);
    }

    /** on → the HTTP port, off, or a port number; null when it is none of these. */
    static Integer metricsSetting(String value) {
        if (value.equals("on")) {
            return UpdraftConfig.METRICS_ON_HTTP_PORT;
        }
        if (value.equals("off")) {
            return UpdraftConfig.METRICS_OFF;
        }
        try {
            int port = Integer.parseInt(value);
            return port >= 0 && port <= 65535 ? port : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
