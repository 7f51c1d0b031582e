package io.updraft.device;

/**
 * How an API call names a device: by {@code IotId}, or by {@code ProductKey} + {@code DeviceName}. When both are
 * given the IotId wins, as on Alibaba. Null means the parameter was absent.
 */
public record DeviceRef(String iotId, String productKey, String deviceName) {
    public boolean byIotId() {
        return iotId != null && !iotId.isEmpty();
    }
}
