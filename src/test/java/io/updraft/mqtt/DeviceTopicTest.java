package io.updraft.mqtt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which handler a device's publish goes to, and which subscriptions receive its upgrade pushes. */
class DeviceTopicTest {

    @Test
    void eachOtaUplinkTopicOfTheDeviceRoutesToItsHandler() {
        assertThat(DeviceTopic.of("/ota/device/inform/pk1/dn1", "pk1", "dn1")).contains(DeviceTopic.INFORM);
        assertThat(DeviceTopic.of("/ota/device/progress/pk1/dn1", "pk1", "dn1")).contains(DeviceTopic.PROGRESS);
        assertThat(DeviceTopic.of("/sys/pk1/dn1/thing/ota/firmware/get", "pk1", "dn1"))
                .contains(DeviceTopic.FIRMWARE_GET);
        assertThat(DeviceTopic.of("/sys/pk1/dn1/thing/file/download", "pk1", "dn1"))
                .contains(DeviceTopic.FILE_DOWNLOAD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ota/device/progress/pk1/dn2", "/ota/device/upgrade/pk1/dn1",
            "/sys/pk1/dn1/thing/ota/firmware/get_reply", "/sys/pk1/dn1/thing/file/download_reply",
            "/sys/pk2/dn1/thing/file/download", "/pk1/dn1/user/update", "/ota/device/request/pk1/dn1"})
    void otherTopicsAreNotRouted(String topic) {
        assertThat(DeviceTopic.of(topic, "pk1", "dn1")).isEqualTo(Optional.empty());
    }

    @Test
    void theReplyTopicsAreTheRequestTopicsWithReply() {
        assertThat(DeviceTopic.upgrade("pk1", "dn1")).isEqualTo("/ota/device/upgrade/pk1/dn1");
        assertThat(DeviceTopic.firmwareGetReply("pk1", "dn1")).isEqualTo("/sys/pk1/dn1/thing/ota/firmware/get_reply");
        assertThat(DeviceTopic.fileDownloadReply("pk1", "dn1")).isEqualTo("/sys/pk1/dn1/thing/file/download_reply");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ota/device/upgrade/pk1/dn1", "/ota/device/+/pk1/dn1", "/ota/device/upgrade/+/+",
            "/ota/#", "#", "/+/+/+/+/+"})
    void filtersThatReceiveTheUpgradeTopicMatch(String filter) {
        assertThat(DeviceTopic.filterMatchesUpgrade(filter, "pk1", "dn1")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ota/device/inform/pk1/dn1", "/ota/device/upgrade/pk1/dn2", "/sys/pk1/dn1/#",
            "/ota/device/upgrade/pk1", "/ota/device/upgrade/pk1/dn1/x", "/ota/device/+/pk1"})
    void otherFiltersDoNot(String filter) {
        assertThat(DeviceTopic.filterMatchesUpgrade(filter, "pk1", "dn1")).isFalse();
    }
}
