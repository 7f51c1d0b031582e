package io.updraft.device;

/** The {@code Status} / {@code DeviceStatus} values of the device APIs, spelled as Alibaba spells them. */
public enum DeviceStatus {
    ONLINE, OFFLINE, UNACTIVE, DISABLE
}
