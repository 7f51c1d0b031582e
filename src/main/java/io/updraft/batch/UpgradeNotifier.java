package io.updraft.batch;

/**
 * Delivers an upgrade push to a device connected to this node. The device channel implements it; the dispatcher
 * only asks, so the batch engine never depends on MQTT.
 */
@FunctionalInterface
public interface UpgradeNotifier {
    UpgradeNotifier NONE = (productKey, deviceName, offer) -> false;

    /** @return whether the push was handed to the device's connection (false: not connected here) */
    boolean push(String productKey, String deviceName, UpgradeOffer offer);
}
