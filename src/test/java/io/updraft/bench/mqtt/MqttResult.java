package io.updraft.bench.mqtt;

/**
 * One MQTT run: devices that signed in (the sign scheme of ota-api.md F.0) and how fast; version reports offered
 * (QoS 1) and acknowledged — the broker acknowledges a report only once it is stored — per second of the measured
 * window; and the delay from publishing a report until ListOTAModuleVersionsByDevice returns it.
 */
public record MqttResult(String store, int devices, int connected, int refused, double connectSeconds,
                         double connectionsPerSecond, double offeredReportsPerSecond, double storedReportsPerSecond,
                         long reportsFailed, int visibilityProbes, double visibilityP50Ms, double visibilityMaxMs) {
}
