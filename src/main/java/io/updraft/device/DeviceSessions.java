package io.updraft.device;

/**
 * The live device connections of this node. The device channel implements it; the domain only asks, so it never
 * depends on MQTT.
 */
public interface DeviceSessions {
    DeviceSessions NONE = new DeviceSessions() {
        @Override
        public void end(String productKey, String deviceName) {
        }

        @Override
        public void endIfCurrent(String productKey, String deviceName, String connectionId) {
        }

        @Override
        public void endAll() {
        }
    };

    /** Ends the device's connection here, if it has one: its certificate stopped being valid (deleted, disabled). */
    void end(String productKey, String deviceName);

    /** Ends the device's connection here only if it is still {@code connectionId}: a newer one must stay. */
    void endIfCurrent(String productKey, String deviceName, String connectionId);

    /** Ends every device connection of this node: the cluster presumed it dead and cleared their presence. */
    void endAll();
}
