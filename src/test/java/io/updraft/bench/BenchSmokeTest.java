package io.updraft.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.updraft.bench.report.BenchReport;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark tool, run for seconds with tiny sizes on H2, so it cannot rot. Asserts that every scenario
 * produced a well-formed report — never a timing: this machine's speed is not a test result.
 */
class BenchSmokeTest {

    @Test
    void smokeRunWritesEveryScenarioToJsonMarkdownAndPlot() throws Exception {
        Path out = Path.of("target", "bench-smoke-" + UUID.randomUUID());
        BenchReport report = BenchMain.run(BenchOptions.smoke(out));

        int points = report.settings().connections().size();
        assertThat(report.http()).hasSize(4 * points); // 4 scenarios × connection counts × 1 store
        assertThat(report.http()).allSatisfy(r -> {
            assertThat(r.requests()).isPositive();
            assertThat(r.errors()).isZero();
        });
        assertThat(report.ratios()).hasSize(3 * points).allSatisfy(r -> assertThat(r.ratio()).isPositive());
        assertThat(report.processes()).hasSize(1).allSatisfy(p -> {
            assertThat(p.startupEmptyMs()).isPositive();
            assertThat(p.startupSeededMs()).isPositive();
            assertThat(p.rssIdleEmptyMib()).isPositive();
            assertThat(p.mqtt().connected()).isEqualTo(p.mqtt().devices());
            assertThat(p.mqtt().storedReportsPerSecond()).isPositive();
            assertThat(p.mqtt().visibilityProbes()).isPositive();
        });
        assertThat(report.rollouts()).hasSize(1).allSatisfy(r -> {
            assertThat(r.connected()).isEqualTo(r.devices());
            assertThat(r.succeeded()).isEqualTo(r.devices());
            assertThat(r.failed()).isZero();
            assertThat(r.allSucceededSeconds()).isPositive();
            assertThat(r.devicesPushed()).isEqualTo(r.devices());
            assertThat(r.maxNotifiedInWindow()).isBetween(1, r.maximumPerMinute());
            assertThat(r.downloads()).isPositive();
            assertThat(r.deviceErrors()).isZero();
            assertThat(r.creation().tasks()).isEqualTo(r.creation().devices());
            assertThat(r.creation().allTasksMs()).isNotNegative();
        });
        assertThat(report.micro()).extracting(s -> s.benchmark())
                .contains("SignatureBenchmark.verifyV1", "SignatureBenchmark.verifyV3",
                        "ResponseWriterBenchmark.json", "ResponseWriterBenchmark.xml");

        JsonNode json = new ObjectMapper().readTree(out.resolve(BenchMain.JSON).toFile());
        assertThat(json.path("http").size()).isEqualTo(report.http().size());
        assertThat(json.path("machine").path("cores").asInt()).isPositive();
        assertThat(ImageIO.read(out.resolve(BenchMain.PLOT).toFile()).getWidth()).isPositive();
        assertThat(Files.readString(out.resolve(BenchMain.MARKDOWN)))
                .contains("list-modules", "create-delete-modules", "mixed-90-10", "baseline", "MQTT", "Start-up", "Rollout");
    }
}
