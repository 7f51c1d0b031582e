package io.updraft.bench.startup;

import io.updraft.bench.mqtt.MqttResult;

/**
 * Figures of a server run as a child process: milliseconds from process start to {@code /health} 200 on an empty
 * data dir and on one with {@code seededDevices} devices; resident memory (VmRSS, MiB) idle and at the peak of load.
 */
public record ProcessResult(String store, long startupEmptyMs, long startupSeededMs, int seededDevices,
                            double rssIdleEmptyMib, double rssPeakHttpLoadMib, double rssIdleSeededMib,
                            double rssPeakMqttLoadMib, MqttResult mqtt) {
}
