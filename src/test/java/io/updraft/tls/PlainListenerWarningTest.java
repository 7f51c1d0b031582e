package io.updraft.tls;

import io.updraft.testing.LogCapture;
import io.updraft.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plain HTTP or MQTT listening beyond loopback is said once in the start log, with the flag that turns it off;
 * a loopback-only server says nothing of the kind. (Binding 0.0.0.0 here sends nothing anywhere.)
 */
class PlainListenerWarningTest {
    @Test
    void plainListenersOnEveryAddressAreWarnedAboutOnceEachWithTheFlagThatTurnsThemOff() {
        Path dir = Path.of("target", "test-data", "plain-warning-" + UUID.randomUUID());
        String log;
        try (LogCapture capture = LogCapture.start()) {
            TestServer.start(dir, TestServer.bootstrap(dir), c -> c.withHttp("0.0.0.0", 0).withMqtt("0.0.0.0", 0))
                    .close();
            log = capture.text();
        }
        assertThat(log.lines().filter(l -> l.contains("WARN") && l.contains("Plain HTTP listens on 0.0.0.0")))
                .singleElement().asString().contains("--http-port 0").contains("unencrypted");
        assertThat(log.lines().filter(l -> l.contains("WARN") && l.contains("Plain MQTT listens on 0.0.0.0")))
                .singleElement().asString().contains("--mqtt-port 0").contains("unencrypted");
    }

    @Test
    void aLoopbackOnlyServerGetsNoSuchWarning() {
        Path dir = Path.of("target", "test-data", "plain-loopback-" + UUID.randomUUID());
        String log;
        try (LogCapture capture = LogCapture.start()) {
            TestServer.start(dir, TestServer.bootstrap(dir)).close(); // 127.0.0.1 for HTTP and MQTT
            log = capture.text();
        }
        assertThat(log).contains("Updraft ready").doesNotContain("Plain HTTP listens").doesNotContain("Plain MQTT listens");
    }
}
