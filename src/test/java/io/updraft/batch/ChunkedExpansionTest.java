package io.updraft.batch;

import io.updraft.firmware.Firmware;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.updraft.batch.EngineFixture.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole-fleet batches expanded in chunks of device ids (chunks of 10 here; BatchEngine.EXPANSION_CHUNK in production): the creation
 * makes the first chunk's tasks, the dispatcher the rest. Rounds run only when the test calls them.
 */
class ChunkedExpansionTest {
    private static final int CHUNK = 10;
    private EngineFixture fx;

    @BeforeEach
    void setUp() throws Exception {
        fx = new EngineFixture(CHUNK, false);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    /** Rounds until no batch has devices left to expand (a round expands for a bounded time only). */
    private void expandAll() {
        for (int i = 0; i < 100 && fx.database.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM ota_job_expansion").mapTo(Integer.class).one()) > 0; i++) {
            fx.round();
        }
    }

    private List<Task> allTasks(Job job) {
        return fx.engine.tasks().listByJob(ACCOUNT, "", job.jobId(), null, null, 1, 100).items();
    }

    private List<String> deviceNames(Job job) {
        return allTasks(job).stream().map(Task::deviceName).sorted().toList();
    }

    private Map<TaskStatus, Integer> counts(Job job) {
        return fx.engine.jobs().taskCounts(ACCOUNT, "", job.jobId());
    }

    private NewJob gray(Firmware f, String percent) {
        return EngineFixture.spec(f, JobType.UPGRADE, Job.STATIC, "GRAY", List.of(), percent, List.of());
    }

    private NewJob overwriting(NewJob s) {
        return new NewJob(s.type(), s.selectionType(), s.productKey(), s.firmwareId(), s.targetSelection(),
                s.targetDeviceNames(), s.dnListFileUrl(), s.grayPercent(), null, null, s.srcVersions(), s.dynamicMode(),
                null, null, null, null, null, null, null, null, 2, null, null, List.of());
    }

    @Test
    void theCreationMakesTheFirstChunkAndTheDispatcherTheRest() throws Exception {
        fx.devices(25, "1.0", false);
        Job job = fx.create(fx.staticAll(fx.pkg("2.0", null, -1)));
        assertThat(allTasks(job)).hasSize(CHUNK);
        expandAll();
        assertThat(deviceNames(job)).hasSize(25).doesNotHaveDuplicates();
    }

    @Test
    void aGrayBatchPicksItsExactShareSpreadOverTheChunks() throws Exception {
        fx.devices(100, "1.0", false);
        Job job = fx.create(gray(fx.pkg("2.0", null, -1), "30"));
        expandAll();
        assertThat(deviceNames(job)).hasSize(30).doesNotHaveDuplicates();
    }

    @Test
    void aStaticBatchIsNotCompleteWhileDevicesRemainToExpand() throws Exception {
        fx.devices(CHUNK, "2.0", false);   // the first chunk is already on the DestVersion: no task from it
        fx.devices(5, "1.0", false);
        Job job = fx.create(fx.staticAll(fx.pkg("2.0", null, -1)));
        assertThat(allTasks(job)).isEmpty();
        fx.engine.tasks().cancelByJob(ACCOUNT, "", job.jobId(), new CancelScope(false, null, false, true, false));
        assertThat(fx.reload(job).status()).isEqualTo(JobStatus.IN_PROGRESS);
        expandAll();
        assertThat(deviceNames(job)).containsExactly("dev0010", "dev0011", "dev0012", "dev0013", "dev0014");
        assertThat(fx.reload(job).status()).isEqualTo(JobStatus.IN_PROGRESS);
    }

    @Test
    void cancellingTheQueuedTasksAlsoCancelsTheDevicesNotExpandedYet() throws Exception {
        fx.devices(25, "1.0", false);
        Job job = fx.create(fx.staticAll(fx.pkg("2.0", null, -1)));
        fx.engine.tasks().cancelByJob(ACCOUNT, "", job.jobId(), new CancelScope(false, null, true, false, false));
        expandAll();
        assertThat(counts(job)).containsEntry(TaskStatus.CANCELED, CHUNK).containsEntry(TaskStatus.QUEUED, 0);
        assertThat(fx.reload(job).status()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void devicesRegisteredAfterTheCreationAreNotInAStaticBatch() throws Exception {
        fx.devices(25, "1.0", false);
        Job job = fx.create(fx.staticAll(fx.pkg("2.0", null, -1)));
        fx.devices(5, "1.0", false);
        expandAll();
        assertThat(deviceNames(job)).hasSize(25).doesNotContain("dev0025", "dev0029");
    }

    @Test
    void overwritingTakesEveryDevicesSlotAcrossChunksAndKeepsItsOwnTasks() throws Exception {
        fx.devices(25, "1.0", false);
        Job first = fx.create(fx.staticAll(fx.pkg("2.0", null, -1)));
        expandAll();
        Job second = fx.create(overwriting(fx.staticAll(fx.pkg("3.0", null, -1))));
        expandAll();
        assertThat(counts(second)).containsEntry(TaskStatus.QUEUED, 25).containsEntry(TaskStatus.CANCELED, 0);
        assertThat(counts(first)).containsEntry(TaskStatus.CANCELED, 25).containsEntry(TaskStatus.QUEUED, 0);
    }

    @Test
    void selectionSamplingTakesEverythingWhenThePoolIsNoLargerThanWhatIsLeft() {
        assertThat(ChunkedExpansion.draw(5, 5, 3)).isEqualTo(3);
        assertThat(ChunkedExpansion.draw(0, 50, 10)).isZero();
        assertThat(ChunkedExpansion.draw(10, 100, 100)).isEqualTo(10);
    }
}
