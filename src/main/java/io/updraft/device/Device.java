package io.updraft.device;

/**
 * A registered device of a product, with the product facts its responses repeat. {@code connectionId} is non-null
 * while the device is connected over MQTT; {@code gmtActive} and {@code gmtOnline} are null until it first connects.
 */
public record Device(
        long id,
        String iotId,
        long productId,
        String productKey,
        String productName,
        int nodeType,
        String name,
        String nickname,
        String secret,
        boolean disabled,
        String connectionId,
        String ipAddress,
        long gmtCreate,
        long gmtModified,
        Long gmtActive,
        Long gmtOnline) {

    /** Alibaba's device states: DISABLE wins, then ONLINE; a device that never connected is UNACTIVE. */
    public DeviceStatus status() {
        if (disabled) {
            return DeviceStatus.DISABLE;
        }
        if (connectionId != null) {
            return DeviceStatus.ONLINE;
        }
        return gmtActive == null ? DeviceStatus.UNACTIVE : DeviceStatus.OFFLINE;
    }
}
