package io.updraft.mqtt;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The device connections this node's broker holds, by session client id: HiveMQ's client service can disconnect a
 * session but does not say which connection it is, and a request from another node names the connection it saw.
 */
final class LocalConnections {
    private final Map<String, String> connectionBySession = new ConcurrentHashMap<>();

    /** At authentication: a newer connection of the same device replaces the older (HiveMQ takes that over). */
    void opened(DeviceConnection connection) {
        connectionBySession.put(key(connection), connection.connectionId());
    }

    /** A taken-over connection ending late leaves the newer one in place. */
    void closed(DeviceConnection connection) {
        connectionBySession.remove(key(connection), connection.connectionId());
    }

    boolean isCurrent(String productKey, String deviceName, String connectionId) {
        return connectionId.equals(connectionBySession.get(DeviceConnection.sessionClientId(productKey, deviceName)));
    }

    List<String> sessionClientIds() {
        return List.copyOf(connectionBySession.keySet());
    }

    private static String key(DeviceConnection connection) {
        return DeviceConnection.sessionClientId(connection.productKey(), connection.deviceName());
    }
}
