package io.updraft.mqtt;

import java.util.Optional;

/**
 * The OTA topics of ota-api.md §F.1 that a device publishes to, and the downlink topics Updraft answers on. A topic
 * is recognised only under the publishing device's own productKey and deviceName.
 */
enum DeviceTopic {
    INFORM,
    PROGRESS,
    FIRMWARE_GET,
    FILE_DOWNLOAD;

    static Optional<DeviceTopic> of(String topic, String productKey, String deviceName) {
        if (topic.equals("/ota/device/inform/" + productKey + "/" + deviceName)) {
            return Optional.of(INFORM);
        }
        if (topic.equals("/ota/device/progress/" + productKey + "/" + deviceName)) {
            return Optional.of(PROGRESS);
        }
        String sys = "/sys/" + productKey + "/" + deviceName + "/thing/";
        if (topic.equals(sys + "ota/firmware/get")) {
            return Optional.of(FIRMWARE_GET);
        }
        if (topic.equals(sys + "file/download")) {
            return Optional.of(FILE_DOWNLOAD);
        }
        return Optional.empty();
    }

    static String upgrade(String productKey, String deviceName) {
        return "/ota/device/upgrade/" + productKey + "/" + deviceName;
    }

    static String firmwareGetReply(String productKey, String deviceName) {
        return "/sys/" + productKey + "/" + deviceName + "/thing/ota/firmware/get_reply";
    }

    static String fileDownloadReply(String productKey, String deviceName) {
        return "/sys/" + productKey + "/" + deviceName + "/thing/file/download_reply";
    }

    /**
     * Whether a subscription filter receives the device's upgrade pushes: the exact topic, or a filter with MQTT
     * wildcards that matches it (TopicGuard has already limited filters to the device's own topics).
     */
    static boolean filterMatchesUpgrade(String filter, String productKey, String deviceName) {
        return matches(filter, upgrade(productKey, deviceName));
    }

    static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return i == f.length - 1;
            }
            if (i >= t.length || !(f[i].equals("+") || f[i].equals(t[i]))) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
