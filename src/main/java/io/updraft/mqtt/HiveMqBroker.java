package io.updraft.mqtt;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import io.updraft.batch.DeviceUpgrades;
import io.updraft.device.DeviceService;
import io.updraft.store.Ids;
import io.updraft.store.PrivateFiles;
import io.updraft.tls.CipherSuites;
import io.updraft.tls.KeyMaterial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HiveMQ Community Edition, embedded, with Updraft's device channel as an in-process extension. Updraft writes
 * HiveMQ's config.xml itself: a TCP listener and/or a TLS listener on the configured address, anonymous usage
 * statistics off, in-memory persistence (sessions and queued messages do not survive a restart; devices reconnect
 * and re-report, and upgrade pushes are re-sent when a device comes back).
 *
 * <p>TLS: HiveMQ reads a key store file, so the server certificate is written to {@code conf/server.p12} (mode
 * 0600, a random password per start) and written again when the certificate changes. HiveMQ CE hashes its key store
 * every 10 seconds and builds a new TLS context when it changed: new connections get the new certificate within
 * that time, connections already open keep theirs. A client that does not finish its handshake is closed after
 * {@link #HANDSHAKE_TIMEOUT_MILLIS}.
 */
public final class HiveMqBroker implements DeviceBroker {
    private static final Logger LOG = LoggerFactory.getLogger(HiveMqBroker.class);
    /** A TLS client gets this long for its handshake; HiveMQ then closes the connection. */
    static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    /** Refused CONNECTs logged one by one per interval; the rest are summed up (see {@link RefusalLog}). */
    static final int REFUSAL_LINES_PER_INTERVAL = 20;
    static final long REFUSAL_INTERVAL_SECONDS = 60;
    private final EmbeddedHiveMQ hivemq;
    private final int port;
    private final int tlsPort;
    private volatile boolean running = true;
    private final ExecutorService deviceEvents;
    private final LocalConnections connections;

    private HiveMqBroker(EmbeddedHiveMQ hivemq, int port, int tlsPort, ExecutorService deviceEvents,
                         LocalConnections connections) {
        this.hivemq = hivemq;
        this.port = port;
        this.tlsPort = tlsPort;
        this.deviceEvents = deviceEvents;
        this.connections = connections;
    }

    /**
     * @param connectsPerMinute CONNECT attempts allowed per source address per minute, 0 for no limit
     * @param upgrades the batch engine, for progress, pulls, MQTT downloads and (re)subscriptions; pushes go the
     *                 other way through {@link HiveMqUpgradeNotifier}
     */
    public static HiveMqBroker start(MqttListeners listeners, int connectsPerMinute, Path workDir,
                                     DeviceAuthenticator authenticator, InformHandler informs, DeviceUpgrades upgrades,
                                     DeviceService devices) {
        // Netty reads this once, when HiveMQ loads it; with it, Netty uses direct buffers without warnings on Java 17.
        if (System.getProperty("io.netty.tryReflectionSetAccessible") == null) {
            System.setProperty("io.netty.tryReflectionSetAccessible", "true");
        }
        long started = System.nanoTime();
        String host = listeners.host();
        int bound = listeners.plainPort() == 0 ? freePort(host) : listeners.plainPort();
        int tlsBound = listeners.tlsPort() == 0 ? freePort(host) : listeners.tlsPort();
        Path conf = workDir.resolve("conf");
        Path data = workDir.resolve("data");
        Path extensions = workDir.resolve("extensions");
        try {
            Files.createDirectories(conf);
            Files.createDirectories(data);
            Files.createDirectories(extensions);
            String tlsListener = "";
            if (tlsBound >= 0) {
                Path keyStore = conf.resolve("server.p12");
                char[] password = Ids.secret(32).toCharArray();
                writeKeyStore(keyStore, listeners.certificates().current(), password);
                listeners.certificates().onChange(material -> writeKeyStore(keyStore, material, password));
                tlsListener = tlsListener(host, tlsBound, keyStore, new String(password),
                        listeners.legacyDeviceCiphers());
            }
            // 0600: with TLS it holds the key store's password
            PrivateFiles.write(conf.resolve("config.xml"), config(bound >= 0 ? tcpListener(host, bound) : "", tlsListener));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the MQTT broker's folder " + workDir, e);
        }
        RefusalLog refusals = new RefusalLog(LoggerFactory.getLogger(HiveMqAuthentication.class),
                REFUSAL_LINES_PER_INTERVAL, TimeUnit.SECONDS.toNanos(REFUSAL_INTERVAL_SECONDS), System::nanoTime);
        ConnectAttempts attempts = new ConnectAttempts(connectsPerMinute, System::nanoTime);
        // What a previous run of this node left in the store was cleared when the node joined the cluster
        // (ClusterMembership): other nodes' devices stay as they are.
        LocalConnections connections = new LocalConnections();
        ExecutorService deviceEvents = deviceEventThreads();
        Map<DeviceTopic, DeviceMessageHandler> handlers = Map.of(DeviceTopic.INFORM, informs,
                DeviceTopic.PROGRESS, new ProgressHandler(upgrades),
                DeviceTopic.FIRMWARE_GET, new FirmwareGetHandler(upgrades),
                DeviceTopic.FILE_DOWNLOAD, new FileDownloadHandler(upgrades));
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                .withoutLoggingBootstrap()
                .withEmbeddedExtension(EmbeddedExtension.builder()
                        .withId("updraft-devices").withName("Updraft device channel").withVersion("1")
                        .withPriority(1000).withStartPriority(1000)
                        .withExtensionMain(new DeviceChannelExtension(authenticator, handlers, upgrades, deviceEvents,
                                devices, connections, attempts, refusals))
                        .build())
                .build();
        try {
            hivemq.start().join();
        } catch (RuntimeException e) {
            closeQuietly(hivemq);
            deviceEvents.shutdownNow();
            throw new IllegalStateException("the MQTT broker did not start on " + host + " (TCP " + bound
                    + ", TLS " + tlsBound + "): " + e.getMessage(), e);
        }
        LOG.info("MQTT broker listening on {}{}{} ({} ms; CONNECTs per address and minute: {})", host,
                bound >= 0 ? " TCP " + bound : "", tlsBound >= 0 ? " TLS " + tlsBound : "",
                (System.nanoTime() - started) / 1_000_000, connectsPerMinute == 0 ? "no limit" : connectsPerMinute);
        return new HiveMqBroker(hivemq, bound, tlsBound, deviceEvents, connections);
    }

    /** The plain MQTT port, or -1 when off. */
    @Override
    public int port() {
        return port;
    }

    /** The MQTT-over-TLS port, or -1 when off. */
    @Override
    public int tlsPort() {
        return tlsPort;
    }

    private static void writeKeyStore(Path file, KeyMaterial material, char[] password) {
        try {
            PrivateFiles.write(file, material.pkcs12(password));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the MQTT broker's key store " + file, e);
        }
    }

    @Override
    public long openConnections() {
        var gauge = hivemq.getMetricRegistry().getGauges().get("com.hivemq.networking.connections.current");
        return gauge == null ? 0 : ((Number) gauge.getValue()).longValue();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void disconnect(String productKey, String deviceName) {
        // Sessions are keyed by the device (DeviceConnection), so this finds the device's one connection.
        Services.clientService().disconnectClient(DeviceConnection.sessionClientId(productKey, deviceName));
    }

    @Override
    public void disconnectIfCurrent(String productKey, String deviceName, String connectionId) {
        if (connections.isCurrent(productKey, deviceName, connectionId)) {
            disconnect(productKey, deviceName);
        }
    }

    @Override
    public void disconnectAll() {
        connections.sessionClientIds().forEach(Services.clientService()::disconnectClient);
    }

    @Override
    public void close() {
        running = false;
        try {
            hivemq.stop().join();
        } finally {
            closeQuietly(hivemq);
            deviceEvents.shutdownNow();
        }
    }

    private static void closeQuietly(EmbeddedHiveMQ hivemq) {
        try {
            hivemq.close();
        } catch (Exception e) {
            LOG.warn("MQTT broker did not close cleanly", e);
        }
    }

    /** 256 KB of payload, Alibaba's limit, plus room for the topic and properties. */
    static final int MAX_PACKET_BYTES = 256 * 1024 + 4 * 1024;

    static String tcpListener(String host, int port) {
        return """
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                            <name>mqtt</name>
                        </tcp-listener>
                """.formatted(port, escapeXml(host));
    }

    static String tlsListener(String host, int port, Path keyStore, String password, boolean legacyDeviceCiphers) {
        StringBuilder protocols = new StringBuilder();
        CipherSuites.PROTOCOLS.forEach(p -> protocols.append("<protocol>").append(p).append("</protocol>"));
        StringBuilder suites = new StringBuilder();
        CipherSuites.offered(legacyDeviceCiphers)
                .forEach(c -> suites.append("<cipher-suite>").append(c).append("</cipher-suite>"));
        return """
                        <tls-tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                            <name>mqtts</name>
                            <tls>
                                <keystore>
                                    <path>%s</path>
                                    <password>%s</password>
                                    <private-key-password>%s</private-key-password>
                                </keystore>
                                <protocols>%s</protocols>
                                <cipher-suites>%s</cipher-suites>
                                <prefer-server-cipher-suites>true</prefer-server-cipher-suites>
                                <handshake-timeout>%d</handshake-timeout>
                                <client-authentication-mode>NONE</client-authentication-mode>
                            </tls>
                        </tls-tcp-listener>
                """.formatted(port, escapeXml(host), escapeXml(keyStore.toAbsolutePath().toString()), password,
                password, protocols, suites, HANDSHAKE_TIMEOUT_MILLIS);
    }

    static String config(String tcpListener, String tlsListener) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                %s%s    </listeners>
                    <mqtt>
                        <packets>
                            <!-- Alibaba devices publish at most 256 KB of payload; a bigger packet closes the
                                 connection before it is buffered whole -->
                            <max-packet-size>%d</max-packet-size>
                        </packets>
                    </mqtt>
                    <persistence>
                        <mode>in-memory</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(tcpListener, tlsListener, MAX_PACKET_BYTES);
    }

    private static String escapeXml(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port for MQTT on " + host, e);
        }
    }

    /**
     * Work a device's packets cause outside HiveMQ's own threads (the lookup after it subscribed to its upgrade
     * topic): a few daemon threads, so a fleet reconnecting at once queues instead of blocking the broker.
     */
    private static ExecutorService deviceEventThreads() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "updraft-device-events-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Registers the device channel with HiveMQ: CONNECT, authorization, OTA publishes, subscriptions, presence. */
    private record DeviceChannelExtension(DeviceAuthenticator authenticator,
                                          Map<DeviceTopic, DeviceMessageHandler> handlers, DeviceUpgrades upgrades,
                                          ExecutorService deviceEvents, DeviceService devices,
                                          LocalConnections connections, ConnectAttempts attempts,
                                          RefusalLog refusals) implements ExtensionMain {
        @Override
        public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
            HiveMqAuthentication authentication = new HiveMqAuthentication(authenticator, devices, attempts, refusals,
                    connections);
            Services.extensionExecutorService().scheduleWithFixedDelay(() -> {
                refusals.flush();
                attempts.evictIdle();
            }, 10, 10, TimeUnit.SECONDS);
            HiveMqAuthorization authorization = new HiveMqAuthorization();
            HiveMqDevicePublishes publishes = new HiveMqDevicePublishes(handlers);
            HiveMqPresence presence = new HiveMqPresence(devices, connections);
            Services.interceptorRegistry().setConnectInboundInterceptorProvider(in -> authentication);
            Services.securityRegistry().setAuthenticatorProvider(in -> authentication);
            Services.securityRegistry().setAuthorizerProvider(in -> authorization);
            Services.initializerRegistry().setClientInitializer((in, client) -> {
                client.addPublishInboundInterceptor(publishes);
                HiveMqUpgradeSubscriptions subscriptions = new HiveMqUpgradeSubscriptions(upgrades, deviceEvents);
                client.addSubscribeInboundInterceptor(subscriptions);
                client.addSubackOutboundInterceptor(subscriptions);
            });
            Services.eventRegistry().setClientLifecycleEventListener(in -> presence);
        }

        @Override
        public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        }
    }
}
