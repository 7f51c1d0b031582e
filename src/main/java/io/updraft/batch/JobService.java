package io.updraft.batch;

import io.updraft.error.ApiException;
import io.updraft.error.ErrorCode;
import io.updraft.firmware.Firmware;
import io.updraft.firmware.FirmwareRepository;
import io.updraft.ota.OtaModule;
import io.updraft.product.Product;
import io.updraft.product.ProductRepository;
import io.updraft.store.Ids;
import org.jdbi.v3.core.Handle;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Upgrade batches as the API sees them: creation (verify, static, dynamic) with the rules of ota-api.md §B.4,
 * lookup and lists within the caller's account and instance, and the batch-level changes. Creation runs in one
 * transaction under the product's row lock: the batch row and all its tasks appear together, or not at all.
 */
public final class JobService {
    private final ProductRepository products;
    private final FirmwareRepository firmware;
    private final JobRepository jobs;
    private final TaskRepository tasks;
    private final ChunkedExpansion expansion;
    private final DeviceListReader deviceLists;
    private final Runnable wakeDispatcher;
    private final Clock clock;

    JobService(ProductRepository products, FirmwareRepository firmware, JobRepository jobs, TaskRepository tasks,
               ChunkedExpansion expansion, DeviceListReader deviceLists, Runnable wakeDispatcher, Clock clock) {
        this.expansion = expansion;
        this.products = products;
        this.firmware = firmware;
        this.jobs = jobs;
        this.tasks = tasks;
        this.deviceLists = deviceLists;
        this.wakeDispatcher = wakeDispatcher;
        this.clock = clock;
    }

    public Job create(String accountId, String instanceId, NewJob spec) {
        long now = clock.millis();
        if (spec.productKey() == null || spec.productKey().isEmpty()) {
            throw new ApiException(ErrorCode.PRODUCT_KEY_NULL);
        }
        Job created = jobs.jdbi().inTransaction(h -> {
            Product product = products.find(h, accountId, instanceId, spec.productKey(), true)
                    .orElseThrow(() -> new ApiException(ErrorCode.PRODUCT_NOT_FOUND));
            Firmware pkg = firmware.find(h, accountId, spec.firmwareId(), spec.type() == JobType.VERIFY)
                    .filter(f -> f.instanceId().equals(instanceId))
                    .orElseThrow(() -> new ApiException(ErrorCode.FIRMWARE_NOT_FOUND));
            if (pkg.productId() != product.id()) {
                throw new ApiException(ErrorCode.FIRMWARE_PRODUCT_MISMATCH);
            }
            requireVerificationState(spec.type(), pkg);
            Plan plan = plan(h, accountId, spec, pkg, product, now);
            if (plan.job.dynamic() && jobs.hasRunningDynamic(h, pkg.pk())) {
                throw new ApiException(ErrorCode.DYNAMIC_JOB_EXISTS);
            }
            long pk = jobs.insert(h, plan.job);
            Job job = jobs.get(h, pk).orElseThrow();
            if (!job.dynamic() || job.dynamicMode() == 1) {
                expansion.begin(h, job, plan.target, now);
            }
            if (job.type() == JobType.VERIFY) {
                firmware.setVerification(h, pkg.pk(), Firmware.STATUS_VERIFYING, 0, now);
            }
            return job;
        });
        wakeDispatcher.run();
        return created;
    }

    private record Plan(Job job, TaskExpansion.Target target) {
    }

    private static void requireVerificationState(JobType type, Firmware pkg) {
        if (type == JobType.VERIFY) {
            switch (pkg.status()) {
                case Firmware.STATUS_UNVERIFIED, Firmware.STATUS_VERIFY_FAILED -> { }
                case Firmware.STATUS_VERIFYING -> throw new ApiException(ErrorCode.FIRMWARE_VERIFY_NOT_ALLOWED, "verifying");
                case Firmware.STATUS_VERIFIED -> throw new ApiException(ErrorCode.FIRMWARE_VERIFY_NOT_ALLOWED, "verified");
                default -> throw new ApiException(ErrorCode.FIRMWARE_VERIFY_NOT_ALLOWED,
                        "created with NeedToVerify=false (it needs no verification)");
            }
        } else if (pkg.status() != Firmware.STATUS_VERIFIED && pkg.status() != Firmware.STATUS_NO_VERIFICATION) {
            throw new ApiException(ErrorCode.FIRMWARE_NOT_VERIFIED);
        }
    }

    /** Checks every parameter against the documented rules and builds the batch row and its target. */
    private Plan plan(Handle h, String accountId, NewJob spec, Firmware pkg, Product product, long now) {
        boolean dynamic = Job.DYNAMIC.equals(spec.selectionType());
        String selection;
        List<String> names = null;
        BigDecimal gray = null;
        List<String> src = JobRules.srcVersions(spec.srcVersions() == null ? List.of() : spec.srcVersions(), pkg);
        Integer dynamicMode = null;
        if (spec.type() == JobType.VERIFY) {
            selection = "SPECIFIC";
            names = JobRules.deviceNames(spec.targetDeviceNames(), JobRules.MAX_VERIFY_DEVICES, "TargetDeviceName.N");
            if (names.isEmpty()) {
                throw ApiException.missing("TargetDeviceName");
            }
        } else if (dynamic) {
            selection = "ALL";
            if (spec.groupId() != null && !spec.groupId().isEmpty()) {
                throw new ApiException(ErrorCode.DEVICE_GROUP_NOT_SUPPORTED);
            }
            if (src.isEmpty()) {
                throw new ApiException(ErrorCode.SRC_VERSION_EMPTY);
            }
            dynamicMode = JobRules.dynamicMode(spec.dynamicMode());
        } else {
            selection = JobRules.targetSelection(spec.targetSelection());
            if (selection.equals("SPECIFIC")) {
                names = specificNames(accountId, spec);
                if (!src.isEmpty()) {
                    throw new ApiException(ErrorCode.SRC_VERSION_INVALID,
                            "SrcVersion.N applies to TargetSelection ALL and GRAY only.");
                }
            } else if (selection.equals("GRAY")) {
                gray = JobRules.grayPercent(spec.grayPercent());
            }
        }
        if (names != null) {
            requireDevicesExist(h, product.id(), names);
        }
        boolean upgrade = spec.type() == JobType.UPGRADE;
        Long schedule = upgrade && !dynamic ? JobRules.scheduleTime(spec.scheduleTime(), now) : null;
        Long finish = upgrade && !dynamic ? JobRules.scheduleFinishTime(spec.scheduleFinishTime(), schedule, now) : null;
        Integer timeout = JobRules.timeout(spec.timeoutMinutes());
        Integer retryInterval = upgrade ? spec.retryInterval() : null;
        Integer retryCount = upgrade ? spec.retryCount() : null;
        JobRules.retry(retryInterval, retryCount, timeout);
        boolean multiModule = upgrade && Boolean.TRUE.equals(spec.multiModuleMode());
        int overwrite = upgrade ? JobRules.overwriteMode(spec.overwriteMode(), multiModule) : 1;
        int maxPerMinute = upgrade ? JobRules.maximumPerMinute(spec.maximumPerMinute()) : JobRules.DEFAULT_MAXIMUM_PER_MINUTE;
        String protocol = JobRules.downloadProtocol(spec.downloadProtocol(), pkg);
        List<Tag> tags = JobRules.tags(spec.tags() == null ? List.of() : spec.tags());
        // A delta package applies to devices on its SrcVersion only, whatever the batch lists.
        List<String> effectiveSrc = pkg.type() == 1 && src.isEmpty() ? List.of(pkg.srcVersion()) : src;
        JobStatus status = schedule == null ? JobStatus.IN_PROGRESS : JobStatus.PLANNED;
        Job job = new Job(0, Ids.alnum(TaskIds.JOB_ID_LENGTH), accountId, pkg.instanceId(), product.id(),
                product.productKey(), pkg.pk(), pkg.firmwareId(), pkg.name(), pkg.destVersion(),
                pkg.moduleName() == null ? OtaModule.DEFAULT : pkg.moduleName(), spec.type(),
                dynamic ? Job.DYNAMIC : Job.STATIC, selection, gray == null ? null : spec.grayPercent().trim(),
                dynamicMode, status, false, src, tags, null, schedule, finish, timeout, retryInterval, retryCount,
                maxPerMinute, spec.needPush() == null || spec.needPush(), Boolean.TRUE.equals(spec.needConfirm()),
                overwrite, multiModule, protocol, now, now, status == JobStatus.IN_PROGRESS ? now : null, null);
        return new Plan(job, new TaskExpansion.Target(names, gray, effectiveSrc, null));
    }

    private List<String> specificNames(String accountId, NewJob spec) {
        boolean listed = spec.targetDeviceNames() != null && !spec.targetDeviceNames().isEmpty();
        boolean file = spec.dnListFileUrl() != null && !spec.dnListFileUrl().isEmpty();
        if (listed && file) {
            throw new ApiException(ErrorCode.TARGET_DEVICES_INVALID,
                    "Give either TargetDeviceName.N or DnListFileUrl for TargetSelection SPECIFIC, not both.");
        }
        if (file) {
            return JobRules.deviceNames(deviceLists.names(accountId, spec.dnListFileUrl()),
                    DeviceListReader.MAX_NAMES, "The device list file");
        }
        if (!listed) {
            throw new ApiException(ErrorCode.TARGET_DEVICES_INVALID,
                    "TargetSelection SPECIFIC needs TargetDeviceName.N (at most 200) or DnListFileUrl.");
        }
        return JobRules.deviceNames(spec.targetDeviceNames(), JobRules.MAX_SPECIFIC_NAMES, "TargetDeviceName.N");
    }

    private static void requireDevicesExist(Handle h, long productId, List<String> names) {
        Set<String> known = new HashSet<>();
        for (int i = 0; i < names.size(); i += 1000) {
            known.addAll(h.createQuery("SELECT name FROM device WHERE product_id = :p AND name IN (<names>)")
                    .bind("p", productId).bindList("names", names.subList(i, Math.min(names.size(), i + 1000)))
                    .mapTo(String.class).list());
        }
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            if (!known.contains(name) && unknown.size() < 5) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ApiException(ErrorCode.DEVICE_NOT_EXIST, "no device " + String.join(", ", unknown)
                    + " in the product.");
        }
    }

    /** The batch with that JobId in the caller's account and instance, else {@code iot.ota.InvalidJobId}. */
    public Job get(String accountId, String instanceId, String jobId) {
        return jobs.find(accountId, instanceId, jobId).orElseThrow(() -> new ApiException(ErrorCode.JOB_NOT_FOUND));
    }

    public Page<Job> listByFirmware(String accountId, String instanceId, String firmwareId, int currentPage, int pageSize) {
        Firmware pkg = ownFirmware(accountId, instanceId, firmwareId);
        int offset = (currentPage - 1) * pageSize;
        return new Page<>(jobs.listByFirmware(pkg.pk(), offset, pageSize), jobs.countByFirmware(pkg.pk()));
    }

    public Page<Job> listByDevice(String accountId, String instanceId, String firmwareId, String productKey,
                                  String deviceName, int currentPage, int pageSize) {
        Firmware pkg = ownFirmware(accountId, instanceId, firmwareId);
        if (!pkg.productKey().equals(productKey)) {
            throw new ApiException(ErrorCode.FIRMWARE_PRODUCT_MISMATCH);
        }
        long deviceId = jobs.jdbi().withHandle(h -> h.createQuery(
                        "SELECT id FROM device WHERE product_id = :p AND name = :n")
                .bind("p", pkg.productId()).bind("n", deviceName).mapTo(Long.class).findOne())
                .orElseThrow(() -> new ApiException(ErrorCode.DEVICE_NOT_FOUND));
        int offset = (currentPage - 1) * pageSize;
        return new Page<>(jobs.listByDevice(pkg.pk(), deviceId, offset, pageSize), jobs.countByDevice(pkg.pk(), deviceId));
    }

    private Firmware ownFirmware(String accountId, String instanceId, String firmwareId) {
        return firmware.find(accountId, firmwareId).filter(f -> f.instanceId().equals(instanceId))
                .orElseThrow(() -> new ApiException(ErrorCode.FIRMWARE_NOT_FOUND));
    }

    /** CancelOTAStrategyByJob: a dynamic batch stops matching devices; JobStatus becomes CANCELED. */
    public void cancelStrategy(String accountId, String instanceId, String jobId) {
        long now = clock.millis();
        jobs.jdbi().useTransaction(h -> {
            Job job = jobs.find(h, accountId, instanceId, jobId, true)
                    .orElseThrow(() -> new ApiException(ErrorCode.JOB_NOT_FOUND));
            if (!job.dynamic()) {
                throw new ApiException(ErrorCode.NOT_DYNAMIC_JOB);
            }
            if (job.status() == JobStatus.CANCELED) {
                throw new ApiException(ErrorCode.JOB_CANCELED);
            }
            jobs.setStatus(h, job.pk(), JobStatus.CANCELED, now);
        });
    }

    /** UpdateOTAJob: rate, timeout, tags and (dynamic) source versions of a batch that is not finished. */
    public void update(String accountId, String instanceId, String jobId, int maximumPerMinute, Integer timeoutMinutes,
                       List<String> srcVersions, List<Tag> tags) {
        long now = clock.millis();
        jobs.jdbi().useTransaction(h -> {
            Job job = jobs.find(h, accountId, instanceId, jobId, true)
                    .orElseThrow(() -> new ApiException(ErrorCode.JOB_NOT_FOUND));
            if (job.status() == JobStatus.CANCELED) {
                throw new ApiException(ErrorCode.JOB_CANCELED);
            }
            if (job.status() == JobStatus.COMPLETED) {
                throw new ApiException(ErrorCode.JOB_FINISHED);
            }
            Firmware pkg = firmware.get(h, job.firmwarePk()).orElseThrow();
            List<String> src = srcVersions == null ? job.srcVersions() : JobRules.srcVersions(srcVersions, pkg);
            if (job.dynamic() && src.isEmpty()) {
                throw new ApiException(ErrorCode.SRC_VERSION_EMPTY);
            }
            Integer timeout = timeoutMinutes == null ? job.timeoutMinutes() : JobRules.timeout(timeoutMinutes);
            JobRules.retry(job.retryInterval(), job.retryCount(), timeout);
            jobs.update(h, job.pk(), JobRules.maximumPerMinute(maximumPerMinute), timeout, src,
                    tags == null ? job.tags() : JobRules.tags(tags), now);
        });
        wakeDispatcher.run();
    }

    /** Task counts per state (console, benchmarks, the rollout guard). */
    public Map<TaskStatus, Integer> taskCounts(String accountId, String instanceId, String jobId) {
        Job job = get(accountId, instanceId, jobId);
        return jobs.jdbi().withHandle(h -> tasks.countsByStatus(h, job.pk()));
    }

    /** Stops (or lets again) the dispatcher notify new devices of the batch; what runs may finish. */
    public void setPaused(String accountId, String instanceId, String jobId, boolean paused) {
        long now = clock.millis();
        jobs.jdbi().useTransaction(h -> {
            Job job = jobs.find(h, accountId, instanceId, jobId, true)
                    .orElseThrow(() -> new ApiException(ErrorCode.JOB_NOT_FOUND));
            jobs.setPaused(h, job.pk(), paused, now);
        });
        if (!paused) {
            wakeDispatcher.run();
        }
    }
}
