package io.updraft.batch;

import io.updraft.blob.BlobStore;
import io.updraft.device.DeviceService;
import io.updraft.firmware.FirmwareRepository;
import io.updraft.firmware.PublicUrls;
import io.updraft.product.ProductRepository;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.Map;

/**
 * The batch engine of one node, wired: the services the Actions call, the device-side entry points the device
 * channel calls, and the dispatcher. {@link #start} begins the dispatcher's rounds once the device channel can push.
 */
public final class BatchEngine implements AutoCloseable {
    private final JobService jobs;
    private final TaskService tasks;
    private final DeviceUpgrades devices;
    private final Dispatcher dispatcher;
    private final TaskRepository taskRepository;

    public BatchEngine(Jdbi jdbi, ProductRepository products, FirmwareRepository firmware, DeviceService deviceService,
                       PublicUrls urls, BlobStore blobs, DeviceListReader deviceLists, Dispatcher.LocalDevices local,
                       Clock clock) {
        this(jdbi, products, firmware, deviceService, urls, blobs, deviceLists, local, clock, EXPANSION_CHUNK);
    }

    /** Devices expanded per transaction: the creation answers after one chunk (see {@link ChunkedExpansion}). */
    public static final int EXPANSION_CHUNK = 2000;

    public BatchEngine(Jdbi jdbi, ProductRepository products, FirmwareRepository firmware, DeviceService deviceService,
                       PublicUrls urls, BlobStore blobs, DeviceListReader deviceLists, Dispatcher.LocalDevices local,
                       Clock clock, int expansionChunk) {
        JobRepository jobRepository = new JobRepository(jdbi);
        TaskRepository taskRepository = new TaskRepository(jdbi);
        this.taskRepository = taskRepository;
        ChunkedExpansion expansion = new ChunkedExpansion(jdbi, jobRepository, expansionChunk);
        JobCompletion completion = new JobCompletion(jobRepository, taskRepository, firmware, expansion);
        TaskFailures failures = new TaskFailures(jobRepository, taskRepository);
        OfferBuilder offers = new OfferBuilder(urls, clock);
        this.dispatcher = new Dispatcher(jobRepository, taskRepository, firmware, completion, failures, offers,
                expansion, local, clock);
        this.jobs = new JobService(products, firmware, jobRepository, taskRepository, expansion, deviceLists,
                dispatcher::wake, clock);
        this.tasks = new TaskService(jobRepository, taskRepository, firmware, deviceService, completion, expansion,
                dispatcher::wake, clock);
        this.devices = new DeviceUpgrades(deviceService, jobRepository, taskRepository, firmware, completion, failures,
                offers, dispatcher, blobs, clock);
    }

    public JobService jobs() {
        return jobs;
    }

    public TaskService tasks() {
        return tasks;
    }

    public DeviceUpgrades devices() {
        return devices;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    /** Tasks of every account by state, for the metrics. */
    public Map<TaskStatus, Integer> taskCounts() {
        return taskRepository.countsByStatus();
    }

    public void start(UpgradeNotifier notifier) {
        dispatcher.start(notifier);
    }

    @Override
    public void close() {
        dispatcher.close();
    }
}
