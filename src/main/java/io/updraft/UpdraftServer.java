package io.updraft;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.updraft.account.AccountAdminService;
import io.updraft.account.AccountRepository;
import io.updraft.account.BootstrapDocument;
import io.updraft.account.IdentityService;
import io.updraft.api.ActionRegistry;
import io.updraft.api.ActionTable;
import io.updraft.batch.BatchEngine;
import io.updraft.batch.Dispatcher;
import io.updraft.cluster.ClusterMembership;
import io.updraft.cluster.ClusterNodes;
import io.updraft.cluster.NodeIdentity;
import io.updraft.cluster.PostgresNonceStore;
import io.updraft.cluster.PostgresSlidingWindowLimiter;
import io.updraft.batch.DeviceListFiles;
import io.updraft.config.UpdraftConfig;
import io.updraft.device.DeviceRepository;
import io.updraft.device.DeviceService;
import io.updraft.device.ModuleVersionRepository;
import io.updraft.device.ModuleVersionService;
import io.javalin.Javalin;
import io.updraft.gateway.AdminEndpoint;
import io.updraft.gateway.ConsoleEndpoint;
import io.updraft.gateway.OperationsEndpoint;
import io.updraft.metrics.UpdraftMetrics;
import io.updraft.mqtt.BrokerSessions;
import io.updraft.mqtt.DeviceAuthenticator;
import io.updraft.mqtt.DeviceBroker;
import io.updraft.mqtt.HiveMqBroker;
import io.updraft.mqtt.HiveMqUpgradeNotifier;
import io.updraft.mqtt.InformHandler;
import io.updraft.mqtt.MqttListeners;
import io.updraft.config.TlsSettings;
import io.updraft.tls.JettyTls;
import io.updraft.tls.LocalCertificateAuthority;
import io.updraft.tls.PlainListenerWarning;
import io.updraft.tls.ServerCertificates;
import io.updraft.gateway.Authenticator;
import io.updraft.gateway.HttpFront;
import io.updraft.gateway.InMemoryNonceStore;
import io.updraft.gateway.NonceStore;
import io.updraft.gateway.QuotaLimiter;
import io.updraft.gateway.ResponseWriter;
import io.updraft.gateway.RpcGateway;
import io.updraft.gateway.SlidingWindowLimiter;
import io.updraft.blob.BlobStore;
import io.updraft.blob.LocalBlobStore;
import io.updraft.blob.S3BlobStore;
import io.updraft.config.FirmwareSettings;
import io.updraft.firmware.FirmwareRepository;
import io.updraft.firmware.FirmwareService;
import io.updraft.firmware.PublicUrls;
import io.updraft.firmware.UploadForm;
import io.updraft.firmware.UploadRepository;
import io.updraft.firmware.UploadService;
import io.updraft.gateway.DownloadEndpoint;
import io.updraft.gateway.UploadEndpoint;
import io.updraft.ota.OtaModuleRepository;
import io.updraft.ota.OtaModuleService;
import io.updraft.product.ProductRepository;
import io.updraft.product.ProductService;
import io.updraft.store.Database;
import io.updraft.store.Dialect;
import io.updraft.store.Ids;
import io.updraft.store.PrivateFiles;
import io.updraft.store.SecretCipher;
import io.updraft.store.SqlErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/** Wires one Updraft node: store → domain → gateway → HTTP, and domain → device channel → MQTT. Start it, use it, close it. */
public final class UpdraftServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UpdraftServer.class);
    /** 31 minutes, like the Alibaba gateway: longer than the 30-minute replay window of a ±15-minute timestamp. */
    private static final long NONCE_RETENTION_MILLIS = 31 * 60 * 1000L;

    private final Database database;
    private final HttpFront http;
    private final DeviceBroker broker;
    private final ScheduledExecutorService housekeeping;

    private final BlobStore blobs;
    private final ServerCertificates certificates;
    private final Javalin metricsServer;
    private final BatchEngine batches;
    private final ClusterMembership membership;

    private UpdraftServer(Database database, HttpFront http, DeviceBroker broker, ScheduledExecutorService housekeeping,
                          BlobStore blobs, ServerCertificates certificates, Javalin metricsServer,
                          BatchEngine batches, ClusterMembership membership) {
        this.metricsServer = metricsServer;
        this.batches = batches;
        this.database = database;
        this.http = http;
        this.broker = broker;
        this.housekeeping = housekeeping;
        this.blobs = blobs;
        this.certificates = certificates;
        this.membership = membership;
    }

    public static UpdraftServer start(UpdraftConfig config) {
        long started = System.nanoTime();
        Path dataDir = config.dataDir().toAbsolutePath();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data dir " + dataDir, e);
        }
        SecretCipher cipher = SecretCipher.fromConfig(config.masterKey(), dataDir);
        UpdraftMetrics metrics = new UpdraftMetrics();
        Database database = config.dbUrl() == null
                ? Database.open(Database.embeddedUrl(dataDir), "sa", "", config.dbPoolSize(), metrics.registry())
                : Database.open(config.dbUrl(), config.dbUser(), config.dbPassword(), config.dbPoolSize(),
                        metrics.registry());
        BlobStore blobs = null;
        ServerCertificates certificates = null;
        ClusterMembership membership = null;
        BatchEngine engine = null;
        try {
            TlsSettings tls = config.tls();
            if (tls.enabled()) {
                certificates = ServerCertificates.open(tls, dataDir, certificateHostNames(config), Clock.systemUTC());
            }
            AccountRepository accounts = new AccountRepository(database.jdbi(), cipher);
            IdentityService identities = new IdentityService(accounts);
            AccountAdminService admin = new AccountAdminService(accounts, identities);
            accounts.requireReadableSecrets();
            applyBootstrapRacingOtherNodes(config, admin, accounts, dataDir);

            ProductRepository productRepository = new ProductRepository(database.jdbi(), cipher);
            ProductService products = new ProductService(productRepository);
            Clock clock = Clock.systemUTC();
            blobs = openBlobStore(config.firmware(), dataDir);
            AtomicReference<HttpFront> bound = new AtomicReference<>();
            String publicUrl = config.firmware().publicUrl();
            String urlHost = config.httpHost().equals("0.0.0.0") ? "127.0.0.1" : config.httpHost();
            // without a configured public URL, links use HTTPS whenever it is on: packages and forms never travel
            // in the clear when they need not, and they still work with plain HTTP turned off
            PublicUrls urls = new PublicUrls(publicUrl != null && !publicUrl.isBlank() ? () -> publicUrl
                    : () -> bound.get().httpsPort() >= 0 ? "https://" + urlHost + ":" + bound.get().httpsPort()
                    : "http://" + urlHost + ":" + bound.get().port(), cipher.deriveKey(PublicUrls.KEY_PURPOSE));
            UploadRepository uploadRepository = new UploadRepository(database.jdbi());
            UploadService uploads = new UploadService(uploadRepository, blobs,
                    new UploadForm(cipher.deriveKey(UploadForm.KEY_PURPOSE)), urls, dataDir.resolve("staging"));
            FirmwareRepository firmwareRepository = new FirmwareRepository(database.jdbi());
            FirmwareService firmware = new FirmwareService(productRepository, firmwareRepository,
                    uploadRepository, uploads, config.firmware().packageLimit());
            OtaModuleService modules = new OtaModuleService(productRepository,
                    new OtaModuleRepository(database.jdbi()), firmware.moduleUsage(), config.moduleLimit());
            // The broker starts after the services it calls: deletions reach it through this reference.
            BrokerSessions sessions = new BrokerSessions();
            NodeIdentity node = NodeIdentity.of(dataDir, config.cluster().nodeId());
            DeviceService devices = new DeviceService(productRepository, new DeviceRepository(database.jdbi(), cipher),
                    sessions, node);
            ModuleVersionService versions = new ModuleVersionService(devices,
                    new ModuleVersionRepository(database.jdbi()));
            DeviceListFiles deviceLists = new DeviceListFiles(uploads, uploadRepository, blobs);
            BatchEngine batches = new BatchEngine(database.jdbi(), productRepository, firmwareRepository, devices, urls,
                    blobs, deviceLists, Dispatcher.LocalDevices.ofNode(node.id()), config.clock());
            engine = batches;
            ActionRegistry actions = ActionTable.create(products, modules, devices, versions, firmware, uploads, urls,
                    clock, new ActionTable.Batches(batches.jobs(), batches.tasks(), deviceLists));

            // On PostgreSQL every node of a cluster must see every nonce and every admission; H2 is one node.
            boolean clustered = database.dialect() == Dialect.POSTGRESQL;
            NonceStore nonces = clustered ? new PostgresNonceStore(database.jdbi(), NONCE_RETENTION_MILLIS)
                    : new InMemoryNonceStore(NONCE_RETENTION_MILLIS);
            QuotaLimiter quotas = clustered ? new PostgresSlidingWindowLimiter(database.jdbi())
                    : new SlidingWindowLimiter();
            RpcGateway gateway = new RpcGateway(new Authenticator(identities, nonces, Clock.systemUTC()), actions,
                    identities, quotas, new ResponseWriter(config.hostId()), config.maxRequestBytes(), metrics);
            // Joined before the broker accepts devices: clears what this node's previous run left, nothing else.
            membership = ClusterMembership.join(new ClusterNodes(database.jdbi()), node, config.cluster(), sessions,
                    clustered);
            int mqttsPort = tls.enabled() ? tls.mqttsPort() : UpdraftConfig.OFF;
            DeviceBroker broker = HiveMqBroker.start(new MqttListeners(config.mqttHost(), config.mqttPort(), mqttsPort,
                            certificates, tls.legacyDeviceCiphers()), config.mqttConnectsPerMinute(),
                    dataDir.resolve("mqtt"), new DeviceAuthenticator(devices, metrics),
                    new InformHandler(versions, batches.devices(), metrics),
                    batches.devices(), devices);
            sessions.bind(broker);
            metrics.mqttConnections(broker::openConnections);
            OperationsEndpoint operations = new OperationsEndpoint(metrics,
                    readiness(database, broker),
                    config.metrics() == UpdraftConfig.METRICS_ON_HTTP_PORT);
            Javalin metricsServer = null;
            metrics.tasksByState(batches::taskCounts);
            batches.start(metrics.countingPushes(new HiveMqUpgradeNotifier(config.clock())));
            HttpFront http;
            try {
                HttpFront.Https https = tls.enabled() && tls.httpsPort() != UpdraftConfig.OFF
                        ? new HttpFront.Https(tls.httpsPort(), JettyTls.sslContextFactory(certificates,
                        tls.legacyDeviceCiphers()), certificates.caCertificateFile().orElse(null),
                        LocalCertificateAuthority.CA_PATH)
                        : null;
                http = new HttpFront(config.httpHost(), config.httpPort(), https, config.maxRequestBytes(),
                        config.httpLimits(), gateway, new AdminEndpoint(admin, adminToken(dataDir)),
                        new UploadEndpoint(uploads, config.hostId(), clock, metrics),
                        new DownloadEndpoint(blobs, urls, config.hostId(), clock, metrics),
                        operations, new ConsoleEndpoint(actions));
                bound.set(http);
                http.start();
                if (config.metrics() >= 0) {
                    metricsServer = operations.startMetricsServer(config.httpHost(), config.metrics());
                }
            } catch (RuntimeException e) {
                http = bound.get();
                if (http != null) {
                    http.stop();
                }
                broker.close();
                throw e;
            }

            ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "updraft-housekeeping");
                t.setDaemon(true);
                return t;
            });
            housekeeping.scheduleWithFixedDelay(() -> {
                try {
                    nonces.purgeExpired();
                    quotas.evictIdle();
                } catch (RuntimeException e) {
                    // a failed round (database briefly away) must not cancel the schedule
                    LOG.warn("housekeeping failed, retrying in 30 s: {}", e.toString());
                }
            }, 30, 30, TimeUnit.SECONDS);
            housekeeping.scheduleWithFixedDelay(() -> {
                try {
                    uploads.purgeUnused(clock.instant());
                } catch (RuntimeException e) {
                    LOG.warn("purging unused uploads failed: {}", e.getMessage());
                }
            }, 1, 1, TimeUnit.MINUTES);
            logTransport(config, http, broker, certificates);
            LOG.info("Updraft ready on {} and {} ({} Actions, data dir {}, package files in {}) in {} ms",
                    listeners("http", config.httpHost(), http.port(), "https", http.httpsPort()),
                    listeners("mqtt", config.mqttHost(), broker.port(), "mqtts", broker.tlsPort()),
                    actions.all().size(), dataDir, blobs.describe(), (System.nanoTime() - started) / 1_000_000);
            return new UpdraftServer(database, http, broker, housekeeping, blobs, certificates, metricsServer, batches,
                    membership);
        } catch (RuntimeException e) {
            if (engine != null) {
                engine.close();
            }
            if (membership != null) {
                membership.close();
            }
            if (certificates != null) {
                certificates.close();
            }
            if (blobs != null) {
                blobs.close();
            }
            database.close();
            throw e;
        }
    }

    /** The names an auto certificate carries: loopback, this host, the bind addresses, the public URL's host. */
    private static List<String> certificateHostNames(UpdraftConfig config) {
        List<String> extra = new java.util.ArrayList<>(config.tls().hostNames());
        extra.add(config.httpHost());
        extra.add(config.mqttHost());
        String publicUrl = config.firmware().publicUrl();
        if (publicUrl != null && !publicUrl.isBlank()) {
            try {
                extra.add(java.net.URI.create(publicUrl).getHost());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--public-url is not a URL: " + publicUrl, e);
            }
        }
        return LocalCertificateAuthority.defaultHostNames(extra);
    }

    private static String listeners(String plainScheme, String host, int plainPort, String tlsScheme, int tlsPort) {
        List<String> bound = new java.util.ArrayList<>();
        if (plainPort >= 0) {
            bound.add(plainScheme + "://" + host + ":" + plainPort);
        }
        if (tlsPort >= 0) {
            bound.add(tlsScheme + "://" + host + ":" + tlsPort);
        }
        return bound.isEmpty() ? "no " + plainScheme : String.join(" + ", bound);
    }

    /** Once per start: where the CA is, the legacy device suites, and plain listeners others can reach. */
    private static void logTransport(UpdraftConfig config, HttpFront http, DeviceBroker broker,
                                     ServerCertificates certificates) {
        if (certificates != null) {
            certificates.caCertificateFile().ifPresent(ca -> LOG.info("TLS: clients and devices trust the local CA {}"
                    + " (also served at {}{})", ca, LocalCertificateAuthority.CA_PATH,
                    http.httpsPort() >= 0 ? " on port " + http.httpsPort() : ""));
            if (config.tls().legacyDeviceCiphers()) {
                LOG.warn("TLS: the C device SDK 3.x suites (TLS 1.2, RSA key exchange, AES-CBC: {}) are ON for MQTT "
                        + "over TLS and HTTPS{}", io.updraft.tls.CipherSuites.LEGACY_DEVICE,
                        certificates.current().isRsa() ? "" : "; they need an RSA server key, and this one is "
                        + certificates.current().key().getAlgorithm() + ", so no client can use them");
            }
        }
        PlainListenerWarning.message("HTTP", config.httpHost(), http.port(),
                "AccessKey signatures, DeviceSecrets (RegisterDevice) and update packages", "--http-port 0")
                .ifPresent(LOG::warn);
        PlainListenerWarning.message("MQTT", config.mqttHost(), broker.port(),
                "device logins (a captured CONNECT can be replayed) and upgrade messages", "--mqtt-port 0")
                .ifPresent(LOG::warn);
    }

    /** Store first, then broker: the order {@code /health/ready} lists them in. */
    private static Map<String, BooleanSupplier> readiness(Database database, DeviceBroker broker) {
        Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
        checks.put("store", database::isReachable);
        checks.put("mqtt", broker::isRunning);
        return checks;
    }

    private static BlobStore openBlobStore(FirmwareSettings settings, Path dataDir) {
        if (settings.blobStore().equals("s3")) {
            return new S3BlobStore(settings.s3Endpoint(), settings.s3Region(), settings.s3Bucket(), settings.s3Prefix(),
                    settings.s3PathStyle(), settings.s3AccessKey(), settings.s3SecretKey()).ensureBucket();
        }
        try {
            return new LocalBlobStore(dataDir.resolve("blobs"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dataDir.resolve("blobs"), e);
        }
    }

    /** Nodes of a cluster started together apply the same bootstrap at once; the loser of a race retries and
     *  then finds the winner's rows. */
    private static void applyBootstrapRacingOtherNodes(UpdraftConfig config, AccountAdminService admin,
                                                       AccountRepository accounts, Path dataDir) {
        for (int attempt = 1; ; attempt++) {
            try {
                applyBootstrap(config, admin, accounts, dataDir);
                return;
            } catch (RuntimeException e) {
                if (attempt == 3 || !(SqlErrors.isUniqueViolation(e) || SqlErrors.isTransactionConflict(e))) {
                    throw e;
                }
                LOG.info("bootstrap raced another node, applying again");
            }
        }
    }

    private static void applyBootstrap(UpdraftConfig config, AccountAdminService admin, AccountRepository accounts,
                                       Path dataDir) {
        if (config.bootstrapFile() != null) {
            try {
                ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
                admin.apply(json.readValue(config.bootstrapFile().toFile(), BootstrapDocument.class));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the bootstrap file " + config.bootstrapFile()
                        + ": " + e.getMessage(), e);
            }
        }
        if (config.initialAccessKeyId() != null && config.initialAccessKeySecret() != null) {
            admin.apply(defaultAccount(config.initialAccessKeyId(), config.initialAccessKeySecret()));
        } else if (config.bootstrapFile() == null && accounts.countAccounts() == 0) {
            String id = Ids.accessKeyId();
            String secret = Ids.secret(30);
            admin.apply(defaultAccount(id, secret));
            Path file = dataDir.resolve("initial-access-key.json");
            try {
                PrivateFiles.write(file, "{\"accessKeyId\":\"" + id + "\",\"accessKeySecret\":\"" + secret + "\"}\n");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
            // Printed once on the console, deliberately not through the logger: secrets never go to logs.
            System.out.println("First start: created account \"default\" with AccessKey " + id
                    + "\n  AccessKeySecret: " + secret + "\n  (also in " + file + ", mode 0600)");
        }
    }

    private static BootstrapDocument defaultAccount(String id, String secret) {
        return new BootstrapDocument(List.of(new BootstrapDocument.AccountSpec("default",
                List.of(new BootstrapDocument.KeySpec(id, secret, "Active")), null, null, null)));
    }

    private static String adminToken(Path dataDir) {
        Path file = dataDir.resolve("admin.token");
        try {
            if (!Files.exists(file)) {
                PrivateFiles.write(file, Ids.secret(40) + "\n");
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    public int httpPort() {
        return http.port();
    }

    /** The port of {@code /metrics} when it has one of its own, else the HTTP port. */
    public int metricsPort() {
        return metricsServer != null ? metricsServer.port() : http.port();
    }

    public int mqttPort() {
        return broker.port();
    }

    /** The HTTPS port, or -1 when HTTPS is off. */
    public int httpsPort() {
        return http.httpsPort();
    }

    /** The MQTT-over-TLS port, or -1 when it is off. */
    public int mqttsPort() {
        return broker.tlsPort();
    }

    /** HTTP first (no new requests; those in flight finish, up to the stop timeout), then devices, then the store
     *  that both used. Each step runs even if an earlier one failed, so the store is always closed. */
    @Override
    public void close() {
        long started = System.nanoTime();
        housekeeping.shutdownNow();
        batches.close();
        try {
            if (metricsServer != null) {
                metricsServer.stop();
            }
            http.stop();
        } finally {
            long httpStopped = System.nanoTime();
            try {
                blobs.close();
                broker.close();
            } finally {
                long brokerStopped = System.nanoTime();
                if (certificates != null) {
                    certificates.close();
                }
                try {
                    membership.close();
                } finally {
                    database.close();
                }
                LOG.info("Updraft stopped in {} ms (HTTP {} ms, MQTT and blobs {} ms, store {} ms)",
                        millisSince(started), (httpStopped - started) / 1_000_000,
                        (brokerStopped - httpStopped) / 1_000_000, millisSince(brokerStopped));
            }
        }
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

}
