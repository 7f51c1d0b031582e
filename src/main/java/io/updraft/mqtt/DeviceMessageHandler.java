package io.updraft.mqtt;

import java.util.Optional;

/**
 * Handles one kind of device publish (ota-api.md §F). It commits what the message changes before it returns, so
 * the broker acknowledges only what is stored; a RuntimeException means the message must not be acknowledged.
 * A malformed message is dropped with a log line (or answered with an error reply), never thrown.
 */
interface DeviceMessageHandler {
    Optional<DeviceReply> handle(String productKey, String deviceName, byte[] payload);

    /** What to publish back to the device, on one of its reply topics. */
    record DeviceReply(String topic, byte[] payload) {
    }
}
