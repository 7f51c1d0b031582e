package io.updraft.mqtt;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The refusal log on a test clock: a line each up to the interval's budget, then one summary per interval. */
class RefusalLogTest {
    private static final long MINUTE = 60_000_000_000L;
    private final AtomicLong now = new AtomicLong(1_000);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private RefusalLog log;

    @BeforeEach
    void setUp() {
        Logger logger = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("test.refusals." + System.nanoTime());
        lines.start();
        logger.addAppender(lines);
        log = new RefusalLog(logger, 3, MINUTE, now::get);
    }

    private List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void theFirstRefusalsOfAnIntervalGetALineEachAndTheRestOneSummaryWhenItEnds() {
        for (int i = 0; i < 10; i++) {
            log.refused("10.0.0.9", "id" + i, "dev&pk", "WRONG_PASSWORD");
        }
        log.refused("10.0.0.8", "other", "dev&pk", "TOO_MANY_ATTEMPTS");
        assertThat(messages()).hasSize(3);
        log.flush();
        assertThat(messages()).hasSize(3);

        now.addAndGet(MINUTE);
        log.flush();
        assertThat(messages()).hasSize(4);
        assertThat(messages().get(3)).contains("Refused 8 more MQTT connections")
                .contains("TOO_MANY_ATTEMPTS=1").contains("WRONG_PASSWORD=7").contains("most from 10.0.0.9 (7)");
    }

    @Test
    void aNewIntervalGetsItsLinesAgainAndAQuietOneNoSummary() {
        for (int i = 0; i < 3; i++) {
            log.refused("10.0.0.9", "id", "u", "WRONG_PASSWORD");
        }
        now.addAndGet(MINUTE);
        log.refused("10.0.0.9", "id", "u", "WRONG_PASSWORD");
        assertThat(messages()).hasSize(4).allMatch(m -> m.startsWith("Refused MQTT connection from 10.0.0.9"));
    }

    @Test
    void identifiersAreCutAndControlCharactersCannotForgeLines() {
        log.refused("10.0.0.9", "x".repeat(10_000), "evil\nINFO forged line", "MALFORMED_LOGIN");
        String line = messages().get(0);
        assertThat(line).contains("x".repeat(RefusalLog.MAX_SHOWN) + "…(10000 chars)")
                .doesNotContain("x".repeat(RefusalLog.MAX_SHOWN + 1)).doesNotContain("\n")
                .contains("evil?INFO forged line");
    }
}
