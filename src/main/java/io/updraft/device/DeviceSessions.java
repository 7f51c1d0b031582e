package io.updraft.device;

/**
 * Ends the live connection of a device whose certificate stopped being valid (deleted or disabled). The device
 * channel implements it; the domain only asks, so it never depends on MQTT.
 */
@FunctionalInterface
public interface DeviceSessions {
    DeviceSessions NONE = (productKey, deviceName) -> { };

    void end(String productKey, String deviceName);
}
