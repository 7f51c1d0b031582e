package io.updraft.batch;

import io.updraft.blob.BlobStore;
import io.updraft.device.Device;
import io.updraft.device.DeviceService;
import io.updraft.firmware.FirmwareFile;
import io.updraft.firmware.FirmwareRepository;
import io.updraft.ota.OtaModule;
import io.updraft.store.SqlErrors;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The batch engine as devices reach it, through the device channel (ota-api.md §F): version reports decide
 * success, progress reports move tasks, pulls and MQTT downloads read the device's own task. Every method commits
 * before it returns, so the channel acknowledges (PUBACK) only what is stored.
 */
public final class DeviceUpgrades {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceUpgrades.class);
    /** The largest block one file/download reply carries: well inside Alibaba's 256 KB message limit. */
    public static final int MAX_BLOCK_BYTES = 128 * 1024;
    private final DeviceService devices;
    private final JobRepository jobs;
    private final TaskRepository tasks;
    private final FirmwareRepository firmware;
    private final JobCompletion completion;
    private final TaskFailures failures;
    private final OfferBuilder offers;
    private final Dispatcher dispatcher;
    private final BlobStore blobs;
    private final Clock clock;

    DeviceUpgrades(DeviceService devices, JobRepository jobs, TaskRepository tasks, FirmwareRepository firmware,
                   JobCompletion completion, TaskFailures failures, OfferBuilder offers, Dispatcher dispatcher,
                   BlobStore blobs, Clock clock) {
        this.devices = devices;
        this.jobs = jobs;
        this.tasks = tasks;
        this.firmware = firmware;
        this.completion = completion;
        this.failures = failures;
        this.offers = offers;
        this.dispatcher = dispatcher;
        this.blobs = blobs;
        this.clock = clock;
    }

    /** After a version report is stored: a task whose DestVersion it is succeeds; dynamic batches may match. */
    public void versionReported(String productKey, String deviceName, String module, String version) {
        Optional<Device> device = devices.findForConnection(productKey, deviceName);
        if (device.isEmpty()) {
            return;
        }
        String moduleName = module == null ? OtaModule.DEFAULT : module;
        long now = clock.millis();
        boolean matched = jobs.jdbi().inTransaction(h -> {
            List<Task> active = tasksOfModule(h, device.get().id(), moduleName);
            for (Task task : active) {
                jobs.lock(h, task.jobPk());
                if (version.equals(task.destVersion())) {
                    tasks.move(h, TaskTransition.SUCCEED, "id = :id", "progress = 100", u -> u.bind("id", task.pk()),
                            null, now);
                } else if (task.status() == TaskStatus.IN_PROGRESS && task.progress() >= 100) {
                    failures.fail(h, task, TaskTransition.FAIL, "report version is not conform", true, now);
                } else {
                    continue;
                }
                completion.settle(h, task.jobPk(), now);
            }
            return matchDynamic(h, device.get(), moduleName, version, now);
        });
        if (matched) {
            dispatcher.wake();
        }
    }

    /** The most recent running dynamic batch whose policy the device now matches gets a task for it. */
    private boolean matchDynamic(Handle h, Device device, String module, String version, long now) {
        for (Job job : jobs.runningDynamic(h, device.productId(), module)) {
            if (!job.srcVersions().contains(version) || version.equals(job.destVersion())) {
                continue;
            }
            jobs.lock(h, job.pk());
            try {
                int created = TaskExpansion.expand(h, job, new TaskExpansion.Target(null, null, List.of(version),
                        device.id()), job.needConfirm() ? TaskStatus.CONFIRM : TaskStatus.QUEUED, now, now);
                return created > 0;
            } catch (RuntimeException e) {
                if (SqlErrors.isUniqueViolation(e)) {
                    return false;   // another batch took the device's slot at the same moment
                }
                throw e;
            }
        }
        return false;
    }

    public enum ProgressOutcome { UPDATED, NO_TASK, IGNORED }

    /**
     * A progress report: {@code step} 1..100 percent, -1 upgrade failed, -2 download failed, -3 verification failed,
     * -4 flashing failed ({@code desc} kept as the failure reason). {@code module} null = {@code default}.
     */
    public ProgressOutcome progressReported(String productKey, String deviceName, String module, int step, String desc) {
        if (step < -4 || step > 100) {
            return ProgressOutcome.IGNORED;
        }
        Optional<Device> device = devices.findForConnection(productKey, deviceName);
        if (device.isEmpty()) {
            return ProgressOutcome.NO_TASK;
        }
        String moduleName = module == null ? OtaModule.DEFAULT : module;
        long now = clock.millis();
        return jobs.jdbi().inTransaction(h -> {
            Optional<Task> found = tasksOfModule(h, device.get().id(), moduleName).stream()
                    .filter(t -> t.status() == TaskStatus.QUEUED || t.status() == TaskStatus.NOTIFIED
                            || t.status() == TaskStatus.IN_PROGRESS)
                    .findFirst();
            if (found.isEmpty()) {
                return ProgressOutcome.NO_TASK;
            }
            Task task = found.get();
            jobs.lock(h, task.jobPk());
            if (step < 0) {
                failures.fail(h, task, TaskTransition.FAIL, TaskFailures.reason(step, desc), true, now);
                completion.settle(h, task.jobPk(), now);
            } else if (task.status() == TaskStatus.IN_PROGRESS) {
                h.createUpdate("UPDATE ota_task SET progress = :p, gmt_modified = :now WHERE id = :id AND status = 'IN_PROGRESS'")
                        .bind("p", step).bind("now", now).bind("id", task.pk()).execute();
            } else {
                tasks.move(h, TaskTransition.START, "id = :id", "progress = :p, started_at = COALESCE(started_at, :now)",
                        u -> u.bind("id", task.pk()).bind("p", step), null, now);
            }
            return ProgressOutcome.UPDATED;
        });
    }

    /** firmware/get: the device's current task for the module, if any (a QUEUED one is claimed as notified). */
    public Optional<UpgradeOffer> pull(String productKey, String deviceName, String module) {
        Optional<Device> device = devices.findForConnection(productKey, deviceName);
        if (device.isEmpty()) {
            return Optional.empty();
        }
        String moduleName = module == null ? OtaModule.DEFAULT : module;
        long now = clock.millis();
        return jobs.jdbi().inTransaction(h -> {
            for (Task task : tasksOfModule(h, device.get().id(), moduleName)) {
                Job job = jobs.lock(h, task.jobPk()).orElseThrow();
                boolean told = task.status() == TaskStatus.NOTIFIED || task.status() == TaskStatus.IN_PROGRESS;
                if (!told && !dispatcher.claimForPull(h, job, task, now)) {
                    continue;
                }
                return Optional.of(offers.offer(task, job, firmware.get(h, job.firmwarePk()).orElseThrow()));
            }
            return Optional.empty();
        });
    }

    /** The device subscribed to its upgrade topic on this node: what it should already have is pushed again. */
    public void upgradeTopicSubscribed(String productKey, String deviceName) {
        Optional<Device> device = devices.findForConnection(productKey, deviceName);
        if (device.isEmpty()) {
            return;
        }
        dispatcher.repush(productKey, deviceName, () -> jobs.jdbi().withHandle(h -> {
            List<UpgradeOffer> out = new ArrayList<>();
            for (Task task : tasks.notifiedOfDevice(h, device.get().id())) {
                Job job = jobs.get(h, task.jobPk()).orElseThrow();
                if (job.needPush()) {
                    out.add(offers.offer(task, job, firmware.get(h, job.firmwarePk()).orElseThrow()));
                }
            }
            return out;
        }));
        dispatcher.wake();
    }

    /** file/download: a block of file {@code fileId} of the device's MQTT task {@code streamId}, else empty. */
    public Optional<FileBlock> downloadBlock(String productKey, String deviceName, long streamId, int fileId,
                                             long offset, int size) {
        if (offset < 0 || size <= 0) {
            return Optional.empty();
        }
        Optional<Device> device = devices.findForConnection(productKey, deviceName);
        if (device.isEmpty()) {
            return Optional.empty();
        }
        Optional<FirmwareFile> file = jobs.jdbi().withHandle(h -> tasks.get(h, streamId)
                .filter(t -> t.deviceId() == device.get().id())
                .filter(t -> t.status() == TaskStatus.NOTIFIED || t.status() == TaskStatus.IN_PROGRESS)
                .flatMap(t -> jobs.get(h, t.jobPk()))
                .filter(j -> "MQTT".equals(j.downloadProtocol()))
                .flatMap(j -> firmware.get(h, j.firmwarePk()))
                .flatMap(f -> fileId >= 1 && fileId <= f.files().size() ? Optional.of(f.files().get(fileId - 1))
                        : Optional.empty()));
        if (file.isEmpty() || offset >= file.get().size()) {
            return Optional.empty();
        }
        int length = (int) Math.min(Math.min(size, MAX_BLOCK_BYTES), file.get().size() - offset);
        try (InputStream in = blobs.open(file.get().blobKey(), offset, length)) {
            return Optional.of(new FileBlock(in.readNBytes(length), offset, file.get().size()));
        } catch (IOException e) {
            LOG.warn("Could not read a block of {} for {}/{}: {}", file.get().blobKey(), productKey, deviceName, e.toString());
            throw new UncheckedIOException(e);
        }
    }

    private List<Task> tasksOfModule(Handle h, long deviceId, String module) {
        return tasks.activeOfDevice(h, deviceId).stream().filter(t -> t.moduleName().equalsIgnoreCase(module)).toList();
    }
}
