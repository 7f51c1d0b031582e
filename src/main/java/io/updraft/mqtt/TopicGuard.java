package io.updraft.mqtt;

/**
 * A device may publish and subscribe only under its own {productKey}/{deviceName} topics, in every Alibaba
 * namespace, whether Updraft serves it or not (Alibaba's device SDKs subscribe to them at every connect):
 * {@code /ota/device/<kind>/{pk}/{dn}}, {@code /shadow/<kind>/{pk}/{dn}}, {@code /sys/{pk}/{dn}/...},
 * {@code /ext/<kind>/{pk}/{dn}/...} and {@code /{pk}/{dn}/...}. A subscription filter is allowed only if every topic
 * it can match is the device's own, so wildcards may appear only after the device's levels (or as the
 * {@code <kind>} of an OTA, shadow or ext topic); {@code $}-topics and shared subscriptions are refused.
 */
public final class TopicGuard {
    private TopicGuard() {
    }

    public static boolean allows(String productKey, String deviceName, String topicOrFilter) {
        if (topicOrFilter == null || topicOrFilter.isEmpty() || topicOrFilter.startsWith("$")) {
            return false;
        }
        String[] levels = topicOrFilter.split("/", -1);
        if (levels.length < 3 || !levels[0].isEmpty()) {
            return false;
        }
        if (levels[1].equals("ota")) {
            return levels.length == 6 && levels[2].equals("device") && isKind(levels[3])
                    && levels[4].equals(productKey) && levels[5].equals(deviceName);
        }
        if (levels[1].equals("shadow")) {
            return levels.length == 5 && isKind(levels[2]) && levels[3].equals(productKey) && levels[4].equals(deviceName);
        }
        if (levels[1].equals("ext")) {
            return levels.length >= 5 && isKind(levels[2]) && levels[3].equals(productKey) && levels[4].equals(deviceName);
        }
        if (levels[1].equals("sys")) {
            return levels.length >= 4 && levels[2].equals(productKey) && levels[3].equals(deviceName);
        }
        return levels[1].equals(productKey) && levels[2].equals(deviceName);
    }

    /** The level naming the kind of message ({@code get}, {@code session}, ...): any name, or {@code +}. */
    private static boolean isKind(String level) {
        return !level.isEmpty() && !level.equals("#");
    }
}
