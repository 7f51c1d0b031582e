package io.updraft.mqtt;

import java.util.Optional;

/**
 * The authenticated device of one MQTT connection, kept in the connection's attribute store so that every later
 * callback of that connection knows who it is. {@code connectionId} names this connection in the device's status.
 */
record DeviceConnection(long deviceId, String productKey, String deviceName, String connectionId) {
    static final String ATTRIBUTE = "updraft.device";
    /** The client identifier the device sent, before it was replaced by its device identity. */
    static final String ORIGINAL_CLIENT_ID = "updraft.client-id";

    String encode() {
        return deviceId + "|" + connectionId + "|" + productKey + "|" + deviceName;
    }

    static Optional<DeviceConnection> decode(Optional<String> value) {
        return value.map(v -> v.split("\\|", 4))
                .filter(parts -> parts.length == 4)
                .map(parts -> new DeviceConnection(Long.parseLong(parts[0]), parts[2], parts[3], parts[1]));
    }

    /** The MQTT client identifier a device's connection gets: one per device certificate. */
    static String sessionClientId(String productKey, String deviceName) {
        return productKey + "&" + deviceName;
    }
}
