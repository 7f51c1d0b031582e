package io.updraft.batch;

import io.updraft.device.Device;
import io.updraft.error.ApiException;
import io.updraft.firmware.Firmware;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.updraft.batch.EngineFixture.ACCOUNT;
import static io.updraft.batch.EngineFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The batch engine's state machines, driven by a test clock over a real store (no HTTP, no MQTT). */
class BatchEngineTest {
    private EngineFixture fx;

    @BeforeEach
    void setUp() throws Exception {
        fx = new EngineFixture();
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private NewJob withOptions(NewJob s, Integer maxPerMinute, Integer timeout, Integer retryInterval, Integer retryCount,
                               Boolean needConfirm, Integer overwrite, Long schedule, Long finish) {
        return new NewJob(s.type(), s.selectionType(), s.productKey(), s.firmwareId(), s.targetSelection(),
                s.targetDeviceNames(), s.dnListFileUrl(), s.grayPercent(), null, null, s.srcVersions(), s.dynamicMode(),
                schedule, finish, timeout, retryInterval, retryCount, maxPerMinute, null, needConfirm, overwrite, null,
                null, List.of(new Tag("env", "lab")));
    }

    @Test
    void staticAllMakesOneQueuedTaskPerDeviceNotYetOnTheDestVersion() throws Exception {
        fx.devices(3, "1.0", false);
        fx.devices(1, "2.0", false);
        Job job = fx.create(fx.staticAll(fx.pkg("2.0", null, -1)));
        assertThat(job.status()).isEqualTo(JobStatus.IN_PROGRESS);
        assertThat(fx.states(job)).containsExactly(TaskStatus.QUEUED, TaskStatus.QUEUED, TaskStatus.QUEUED);
    }

    @Test
    void connectedDevicesAreNotifiedAndOfflineOnesWait() throws Exception {
        fx.devices(2, "1.0", true);
        fx.devices(1, "1.0", false);
        Job job = fx.create(fx.staticAll(fx.pkg("2.0", null, -1)));
        fx.round();
        await(() -> fx.pushes.size() == 2);
        assertThat(fx.pushedNames()).containsExactly("dev0000", "dev0001");
        assertThat(fx.states(job)).containsExactly(TaskStatus.NOTIFIED, TaskStatus.NOTIFIED, TaskStatus.QUEUED);
        UpgradeOffer offer = fx.pushes.get(0).offer();
        assertThat(offer.version()).isEqualTo("2.0");
        assertThat(offer.module()).isNull();
        assertThat(offer.extData()).containsExactly(org.assertj.core.api.Assertions.entry("_package_udi", "udi-1"));
        assertThat(offer.files()).singleElement().satisfies(f -> assertThat(f.url()).contains("/ota-files/"));
    }

    @Test
    void maximumPerMinuteIsNeverExceededInAnySixtySeconds() throws Exception {
        fx.devices(25, "1.0", true);
        Job job = fx.create(withOptions(fx.staticAll(fx.pkg("2.0", null, -1)), 10, null, null, null, null, null, null, null));
        fx.round();
        await(() -> fx.pushes.size() == 10);
        fx.clock.advance(Duration.ofSeconds(30));
        fx.round();
        Thread.sleep(200);
        assertThat(fx.pushes).hasSize(10);
        fx.clock.advance(Duration.ofSeconds(31));
        fx.round();
        await(() -> fx.pushes.size() == 20);
        fx.clock.advance(Duration.ofSeconds(61));
        fx.round();
        await(() -> fx.pushes.size() == 25);
        assertThat(fx.pushedNames()).doesNotHaveDuplicates();
        assertThat(fx.states(job)).containsOnly(TaskStatus.NOTIFIED);
    }

    @Test
    void progressStartsTheTaskAndTheDestVersionSucceedsIt() throws Exception {
        Device d = fx.devices(1, "1.0", true).get(0);
        Job job = fx.create(fx.staticAll(fx.pkg("2.0", null, -1)));
        fx.round();
        await(() -> fx.pushes.size() == 1);
        assertThat(fx.engine.devices().progressReported(fx.product.productKey(), d.name(), null, 30, null))
                .isEqualTo(DeviceUpgrades.ProgressOutcome.UPDATED);
        assertThat(fx.tasks(job).get(0).status()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(fx.tasks(job).get(0).progress()).isEqualTo(30);
        fx.versions.report(fx.product.productKey(), d.name(), null, "2.0");
        fx.engine.devices().versionReported(fx.product.productKey(), d.name(), null, "2.0");
        assertThat(fx.states(job)).containsExactly(TaskStatus.SUCCEEDED);
        assertThat(fx.reload(job).status()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void aFailureStepFailsTheTaskWithTheDevicesReasonAndRetriesAfterTheInterval() throws Exception {
        Device d = fx.devices(1, "1.0", true).get(0);
        Job job = fx.create(withOptions(fx.staticAll(fx.pkg("2.0", null, -1)), null, 60, 10, 1, null, null, null, null));
        fx.round();
        await(() -> fx.pushes.size() == 1);
        fx.engine.devices().progressReported(fx.product.productKey(), d.name(), null, -2, "connection reset");
        Task failed = fx.tasks(job).get(0);
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.description()).isEqualTo("connection reset");
        fx.clock.advance(Duration.ofMinutes(9));
        fx.round();
        assertThat(fx.states(job)).containsExactly(TaskStatus.FAILED);
        fx.clock.advance(Duration.ofMinutes(2));
        fx.round();
        await(() -> fx.pushes.size() == 2);
        assertThat(fx.states(job)).containsExactly(TaskStatus.NOTIFIED);
        fx.engine.devices().progressReported(fx.product.productKey(), d.name(), null, -2, null);
        fx.clock.advance(Duration.ofMinutes(11));
        fx.round();
        assertThat(fx.states(job)).as("RetryCount 1 is used up").containsExactly(TaskStatus.FAILED);
        assertThat(fx.reload(job).status()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void aTaskTimesOutAfterTimeoutInMinutesFromItsFirstProgressAndIsNotRetried() throws Exception {
        Device d = fx.devices(1, "1.0", true).get(0);
        Job job = fx.create(withOptions(fx.staticAll(fx.pkg("2.0", null, -1)), null, 30, 10, 2, null, null, null, null));
        fx.round();
        await(() -> fx.pushes.size() == 1);
        fx.clock.advance(Duration.ofMinutes(40));
        fx.round();
        assertThat(fx.states(job)).as("the clock starts at the first progress report").containsExactly(TaskStatus.NOTIFIED);
        fx.engine.devices().progressReported(fx.product.productKey(), d.name(), null, 5, null);
        fx.clock.advance(Duration.ofMinutes(31));
        fx.round();
        Task task = fx.tasks(job).get(0);
        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.description()).isEqualTo("timeout");
        fx.clock.advance(Duration.ofMinutes(20));
        fx.round();
        assertThat(fx.states(job)).containsExactly(TaskStatus.FAILED);
    }

    @Test
    void aScheduledBatchStaysPlannedUntilItsScheduleTime() throws Exception {
        fx.devices(1, "1.0", true);
        long at = fx.clock.millis() + Duration.ofMinutes(10).toMillis();
        Job job = fx.create(withOptions(fx.staticAll(fx.pkg("2.0", null, -1)), null, null, null, null, null, null, at, null));
        assertThat(job.status()).isEqualTo(JobStatus.PLANNED);
        fx.round();
        assertThat(fx.pushes).isEmpty();
        fx.clock.advance(Duration.ofMinutes(11));
        fx.round();
        await(() -> fx.pushes.size() == 1);
        assertThat(fx.reload(job).status()).isEqualTo(JobStatus.IN_PROGRESS);
    }

    @Test
    void scheduleFinishTimeCancelsWhatIsLeft() throws Exception {
        fx.devices(2, "1.0", false);
        long finish = fx.clock.millis() + Duration.ofHours(2).toMillis();
        Job job = fx.create(withOptions(fx.staticAll(fx.pkg("2.0", null, -1)), null, null, null, null, null, null, null, finish));
        fx.clock.advance(Duration.ofHours(3));
        fx.round();
        assertThat(fx.states(job)).containsOnly(TaskStatus.CANCELED);
        assertThat(fx.reload(job).status()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void scheduleTimeMustBeFiveMinutesToSevenDaysAhead() throws Exception {
        Firmware f = fx.pkg("2.0", null, -1);
        long soon = fx.clock.millis() + Duration.ofMinutes(4).toMillis();
        assertThatThrownBy(() -> fx.create(withOptions(fx.staticAll(f), null, null, null, null, null, null, soon, null)))
                .isInstanceOf(ApiException.class).hasFieldOrPropertyWithValue("code", "iot.ota.InvalidScheduleTime");
    }

    @Test
    void grayTakesTheFlooredShareAndAtLeastOneDevice() throws Exception {
        fx.devices(10, "1.0", false);
        Firmware f = fx.pkg("2.0", null, -1);
        Job gray = fx.create(EngineFixture.spec(f, JobType.UPGRADE, Job.STATIC, "GRAY", List.of(), "33.333", List.of()));
        assertThat(fx.tasks(gray)).hasSize(3);
        fx.engine.tasks().cancelByJob(ACCOUNT, "", gray.jobId(), new CancelScope(false, null, true, true, true));
        Job tiny = fx.create(EngineFixture.spec(f, JobType.UPGRADE, Job.STATIC, "GRAY", List.of(), "0.001", List.of()));
        assertThat(fx.tasks(tiny)).hasSize(1);
    }

    @Test
    void srcVersionsLimitTheBatchToDevicesReportingThem() throws Exception {
        fx.devices(2, "1.0", false);
        fx.devices(2, "1.5", false);
        fx.devices(1, null, false);
        Job job = fx.create(EngineFixture.spec(fx.pkg("2.0", null, -1), JobType.UPGRADE, Job.STATIC, "ALL", List.of(), null,
                List.of("1.5")));
        assertThat(fx.tasks(job)).extracting(Task::deviceName).containsExactly("dev0002", "dev0003");
    }

    @Test
    void aDevicePendingInOneBatchIsSkippedByTheNextUnlessItOverwrites() throws Exception {
        fx.devices(2, "1.0", false);
        Job first = fx.create(fx.staticAll(fx.pkg("2.0", null, -1)));
        Firmware next = fx.pkg("3.0", null, -1);
        Job kept = fx.create(fx.staticAll(next));
        assertThat(fx.tasks(kept)).isEmpty();
        Job overwriting = fx.create(withOptions(fx.staticAll(next), null, null, null, null, null, 2, null, null));
        assertThat(fx.states(overwriting)).containsExactly(TaskStatus.QUEUED, TaskStatus.QUEUED);
        assertThat(fx.states(first)).containsOnly(TaskStatus.CANCELED);
    }

    @Test
    void aDynamicBatchCatchesADeviceThatReportsAMatchingVersionLater() throws Exception {
        fx.devices(1, "1.0", true);
        Firmware f = fx.pkg("2.0", null, -1);
        Job job = fx.create(new NewJob(JobType.UPGRADE, Job.DYNAMIC, f.productKey(), f.firmwareId(), null, List.of(), null,
                null, null, null, List.of("1.0"), 1, null, null, null, null, null, null, null, null, null, null, null,
                List.of()));
        assertThat(fx.tasks(job)).hasSize(1);
        Device late = fx.devices(1, null, true).get(0);
        fx.versions.report(fx.product.productKey(), late.name(), null, "1.0");
        fx.engine.devices().versionReported(fx.product.productKey(), late.name(), null, "1.0");
        assertThat(fx.tasks(job)).extracting(Task::deviceName).containsExactly("dev0000", "dev0001");
        assertThatThrownBy(() -> fx.create(new NewJob(JobType.UPGRADE, Job.DYNAMIC, f.productKey(), f.firmwareId(), null,
                List.of(), null, null, null, null, List.of("1.0"), 1, null, null, null, null, null, null, null, null, null,
                null, null, List.of())))
                .isInstanceOf(ApiException.class).hasFieldOrPropertyWithValue("code", "iot.ota.DynamicJobAlreadyExists");
    }

    @Test
    void confirmationHoldsTasksUntilConfirmed() throws Exception {
        fx.devices(1, "1.0", true);
        Job job = fx.create(withOptions(fx.staticAll(fx.pkg("2.0", null, -1)), null, null, null, null, true, null, null, null));
        fx.round();
        assertThat(fx.states(job)).containsExactly(TaskStatus.CONFIRM);
        assertThat(fx.pushes).isEmpty();
        fx.engine.tasks().confirm(ACCOUNT, "", List.of(fx.tasks(job).get(0).taskId()));
        await(() -> fx.pushes.size() == 1);
    }

    @Test
    void aVerificationBatchMarksThePackageVerifiedWhenItsDevicesSucceed() throws Exception {
        Device d = fx.devices(1, "1.0", true).get(0);
        Firmware f = fx.pkg("2.0", null, 0);
        assertThatThrownBy(() -> fx.create(fx.staticAll(f)))
                .isInstanceOf(ApiException.class).hasFieldOrPropertyWithValue("code", "iot.ota.FirmwareNotVerified");
        Job verify = fx.create(EngineFixture.spec(f, JobType.VERIFY, Job.STATIC, null, List.of(d.name()), null, List.of()));
        assertThat(fx.firmware.find(ACCOUNT, f.firmwareId()).orElseThrow().status()).isEqualTo(2);
        fx.engine.devices().versionReported(fx.product.productKey(), d.name(), null, "2.0");
        Firmware verified = fx.firmware.find(ACCOUNT, f.firmwareId()).orElseThrow();
        assertThat(verified.status()).isEqualTo(1);
        assertThat(verified.verifyProgress()).isEqualTo(100);
        assertThat(fx.reload(verify).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(fx.create(fx.staticAll(f)).status()).isEqualTo(JobStatus.IN_PROGRESS);
    }

    @Test
    void reupgradeQueuesAFailedTaskAgain() throws Exception {
        Device d = fx.devices(1, "1.0", true).get(0);
        Job job = fx.create(fx.staticAll(fx.pkg("2.0", null, -1)));
        fx.round();
        await(() -> fx.pushes.size() == 1);
        fx.engine.devices().progressReported(fx.product.productKey(), d.name(), null, -4, null);
        assertThat(fx.tasks(job).get(0).description()).isEqualTo("flashing failed");
        assertThat(fx.reload(job).status()).isEqualTo(JobStatus.COMPLETED);
        fx.engine.tasks().reupgrade(ACCOUNT, "", job.jobId(), List.of(fx.tasks(job).get(0).taskId()));
        await(() -> fx.pushes.size() == 2);
        assertThat(fx.reload(job).status()).isEqualTo(JobStatus.IN_PROGRESS);
    }

    @Test
    void aPullOfAQueuedTaskNotifiesItAndAnEmptyPullFindsNothing() throws Exception {
        Device d = fx.devices(1, "1.0", false).get(0);
        assertThat(fx.engine.devices().pull(fx.product.productKey(), d.name(), null)).isEmpty();
        Job job = fx.create(fx.staticAll(fx.pkg("2.0", null, -1)));
        assertThat(fx.engine.devices().pull(fx.product.productKey(), d.name(), null)).hasValueSatisfying(
                o -> assertThat(o.version()).isEqualTo("2.0"));
        assertThat(fx.states(job)).containsExactly(TaskStatus.NOTIFIED);
        assertThat(fx.engine.tasks().unfinishedByDevice(ACCOUNT, "", new io.updraft.device.DeviceRef(null,
                fx.product.productKey(), d.name()), null, Set.of())).hasSize(1);
    }
}
