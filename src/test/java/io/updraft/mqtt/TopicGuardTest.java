package io.updraft.mqtt;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A device's own topics, and only those, for publishing and subscribing. */
class TopicGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"/ota/device/inform/pk1/dn1", "/ota/device/upgrade/pk1/dn1", "/ota/device/+/pk1/dn1",
            "/sys/pk1/dn1/thing/ota/firmware/get", "/sys/pk1/dn1/#", "/sys/pk1/dn1/+/x", "/pk1/dn1/user/get",
            "/pk1/dn1/#", "/shadow/get/pk1/dn1", "/shadow/update/pk1/dn1", "/shadow/+/pk1/dn1",
            "/ext/session/pk1/dn1/combine/login_reply", "/ext/ntp/pk1/dn1/response", "/ext/+/pk1/dn1/#",
            "/sys/pk1/dn1/rrpc/request/+"})
    void allowsTheDevicesOwnTopics(String topic) {
        assertThat(TopicGuard.allows("pk1", "dn1", topic)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"#", "+/+", "/ota/device/inform/pk1/dn2", "/ota/device/#", "/ota/device/upgrade/pk1/+",
            "/ota/device/upgrade/+/dn1", "/ota/device/upgrade/pk1/dn1/extra", "/sys/pk1/+/#", "/sys/+/dn1/#", "/sys/#",
            "/pk1/+/user", "/pk2/dn1/user", "pk1/dn1/user", "$SYS/broker", "$share/g/pk1/dn1/x", "/pk1",
            "/shadow/get/pk1/dn2", "/shadow/get/pk1/+", "/shadow/#", "/shadow/get/pk1/dn1/extra", "/shadow/get/+/dn1",
            "/ext/session/pk2/dn1/combine/login_reply", "/ext/session/pk1/+/x", "/ext/#", "/ext/+/+/dn1",
            "/ext/session/pk1"})
    void refusesEverythingElse(String topic) {
        assertThat(TopicGuard.allows("pk1", "dn1", topic)).isFalse();
    }
}
