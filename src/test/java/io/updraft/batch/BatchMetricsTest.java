package io.updraft.batch;

import io.updraft.device.Device;
import io.updraft.metrics.UpdraftMetrics;
import io.updraft.testing.Scrape;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.updraft.batch.EngineFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The batch metrics ({@code updraft_batch_tasks{state}}, {@code updraft_batch_pushes_total}) over the real engine. */
class BatchMetricsTest {
    private final UpdraftMetrics metrics = new UpdraftMetrics();

    private Scrape scrape() {
        return Scrape.parse(metrics.scrape());
    }

    @Test
    void tasksByStateAndPushesFollowABatchOfTwoConnectedDevicesAndOneOffline() throws Exception {
        try (EngineFixture fx = new EngineFixture(metrics::countingPushes)) {
            metrics.tasksByState(fx.engine::taskCounts);
            Scrape before = scrape();
            assertThat(before.value("updraft_batch_tasks")).isZero();
            fx.devices(2, "1.0", true);
            fx.devices(1, "1.0", false);
            fx.create(fx.staticAll(fx.pkg("2.0", null, -1)));
            fx.round();
            await(() -> scrape().value("updraft_batch_pushes_total") == 2);
            Scrape after = scrape();
            assertThat(after.value("updraft_batch_tasks", "state", "NOTIFIED")).isEqualTo(2);
            assertThat(after.value("updraft_batch_tasks", "state", "QUEUED")).isEqualTo(1);
            assertThat(after.value("updraft_batch_tasks")).isEqualTo(3);
            assertThat(after.value("updraft_batch_pushes_total")).isEqualTo(fx.pushes.size());
        }
    }

    @Test
    void aFailedTaskMovesFromInProgressToFailed() throws Exception {
        try (EngineFixture fx = new EngineFixture(metrics::countingPushes)) {
            metrics.tasksByState(fx.engine::taskCounts);
            List<Device> devices = fx.devices(1, "1.0", true);
            fx.create(fx.staticAll(fx.pkg("2.0", null, -1)));
            fx.round();
            await(() -> fx.pushes.size() == 1);
            fx.engine.devices().progressReported(fx.product.productKey(), devices.get(0).name(), null, 30, null);
            assertThat(scrape().value("updraft_batch_tasks", "state", "IN_PROGRESS")).isEqualTo(1);
            fx.engine.devices().progressReported(fx.product.productKey(), devices.get(0).name(), null, -2, "reset");
            Scrape failed = scrape();
            assertThat(failed.value("updraft_batch_tasks", "state", "IN_PROGRESS")).isZero();
            assertThat(failed.value("updraft_batch_tasks", "state", "FAILED")).isEqualTo(1);
        }
    }

    @Test
    void aStoreThatDoesNotAnswerShowsNaNAndDoesNotFailTheScrape() {
        metrics.tasksByState(() -> {
            throw new IllegalStateException("store away");
        });
        assertThat(scrape().value("updraft_batch_tasks", "state", "QUEUED")).isNaN();
    }
}
