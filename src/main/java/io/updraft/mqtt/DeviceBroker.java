package io.updraft.mqtt;

/**
 * The MQTT broker devices connect to. The embedded HiveMQ ({@link HiveMqBroker}) is the one implementation today;
 * an adapter to an external, clustered broker would implement this too and call the same device-channel classes
 * ({@link DeviceAuthenticator}, {@link TopicGuard}, the {@link DeviceMessageHandler}s).
 */
public interface DeviceBroker extends AutoCloseable {
    /** The plain MQTT port (the configured one, or the free port chosen for 0), or -1 when it is off. */
    int port();

    /** The MQTT-over-TLS port, or -1 when it is off. */
    int tlsPort();

    /** MQTT connections open now (authenticated or still connecting), for the metrics. */
    long openConnections();

    /** Whether the broker is up and accepting devices (readiness). */
    boolean isRunning();

    /** Disconnects the device's current connection, if it has one (its certificate was deleted or disabled). */
    void disconnect(String productKey, String deviceName);

    /** Disconnects the device's connection here only if it is still {@code connectionId} (it connected elsewhere). */
    void disconnectIfCurrent(String productKey, String deviceName, String connectionId);

    /** Disconnects every device connected here (the cluster presumed this node dead and cleared their presence). */
    void disconnectAll();

    @Override
    void close();
}
