package io.updraft.batch;

import java.util.Optional;

/**
 * The batch engine as devices reach it, through the device channel (ota-api.md §F): version reports decide
 * success, progress reports move tasks, pulls and MQTT downloads read the device's own task. Every method commits
 * before it returns, so the channel acknowledges (PUBACK) only what is stored.
 */
public final class DeviceUpgrades {

    /** After a version report is stored: a task whose DestVersion it is succeeds; dynamic batches may match. */
    public void versionReported(String productKey, String deviceName, String module, String version) {
        throw new UnsupportedOperationException("batch engine: in progress");
    }

    public enum ProgressOutcome { UPDATED, NO_TASK, IGNORED }

    /**
     * A progress report: {@code step} 1..100 percent, -1 upgrade failed, -2 download failed, -3 verification failed,
     * -4 flashing failed ({@code desc} kept as the failure reason). {@code module} null = {@code default}.
     */
    public ProgressOutcome progressReported(String productKey, String deviceName, String module, int step, String desc) {
        throw new UnsupportedOperationException("batch engine: in progress");
    }

    /** firmware/get: the device's current task for the module, if any (a QUEUED one is claimed as notified). */
    public Optional<UpgradeOffer> pull(String productKey, String deviceName, String module) {
        throw new UnsupportedOperationException("batch engine: in progress");
    }

    /** The device subscribed to its upgrade topic on this node: what it should already have is pushed again. */
    public void upgradeTopicSubscribed(String productKey, String deviceName) {
        throw new UnsupportedOperationException("batch engine: in progress");
    }

    /** file/download: a block of file {@code fileId} of the device's MQTT task {@code streamId}, else empty. */
    public Optional<FileBlock> downloadBlock(String productKey, String deviceName, long streamId, int fileId,
                                             long offset, int size) {
        throw new UnsupportedOperationException("batch engine: in progress");
    }
}
