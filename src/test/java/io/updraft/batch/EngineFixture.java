package io.updraft.batch;

import io.updraft.blob.LocalBlobStore;
import io.updraft.device.Device;
import io.updraft.device.DeviceRepository;
import io.updraft.device.DeviceService;
import io.updraft.device.ModuleVersionRepository;
import io.updraft.device.ModuleVersionService;
import io.updraft.firmware.Firmware;
import io.updraft.firmware.FirmwareFile;
import io.updraft.firmware.FirmwareRepository;
import io.updraft.firmware.PublicUrls;
import io.updraft.product.NewProduct;
import io.updraft.product.Product;
import io.updraft.product.ProductRepository;
import io.updraft.product.ProductService;
import io.updraft.store.Database;
import io.updraft.store.SecretCipher;
import io.updraft.testing.TestClock;
import io.updraft.testing.TestStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * The batch engine over a real store (H2, or PostgreSQL with -Dupdraft.test.store=postgresql), without HTTP or
 * MQTT: a product with devices, packages inserted directly, a test clock, and a notifier that records pushes.
 */
final class EngineFixture implements AutoCloseable {
    static final String ACCOUNT = "1000000000000001";
    final TestClock clock = TestClock.startingNow();
    final Database database;
    final ProductService products;
    final DeviceService devices;
    final ModuleVersionService versions;
    final FirmwareRepository firmware;
    final BatchEngine engine;
    final List<Pushed> pushes = new CopyOnWriteArrayList<>();
    final Product product;
    final LocalBlobStore blobs;

    record Pushed(String deviceName, UpgradeOffer offer) {
    }

    EngineFixture() throws Exception {
        this(BatchEngine.EXPANSION_CHUNK, true, UnaryOperator.identity());
    }

    /** @param notifier wraps the recording notifier (e.g. the metrics' push counter) */
    EngineFixture(UnaryOperator<UpgradeNotifier> notifier) throws Exception {
        this(BatchEngine.EXPANSION_CHUNK, true, notifier);
    }

    /** With {@code dispatching} false no round runs unless the test calls {@link #round()}. */
    EngineFixture(int expansionChunk, boolean dispatching) throws Exception {
        this(expansionChunk, dispatching, UnaryOperator.identity());
    }

    private EngineFixture(int expansionChunk, boolean dispatching, UnaryOperator<UpgradeNotifier> notifier)
            throws Exception {
        Path dir = Path.of("target", "test-data", "engine-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(dir);
        database = TestStore.isPostgresql()
                ? Database.open(TestStore.databaseFor(dir), TestStore.USER, null, 4)
                : Database.open(Database.embeddedUrl(dir), "sa", "", 4);
        SecretCipher cipher = SecretCipher.fromConfig(null, dir);
        database.jdbi().useHandle(h -> h.createUpdate("INSERT INTO account (id, name, created_at) VALUES (:id, 'engine', 0)")
                .bind("id", ACCOUNT).execute());
        ProductRepository productRepository = new ProductRepository(database.jdbi(), cipher);
        products = new ProductService(productRepository);
        devices = new DeviceService(productRepository, new DeviceRepository(database.jdbi(), cipher));
        versions = new ModuleVersionService(devices, new ModuleVersionRepository(database.jdbi()));
        firmware = new FirmwareRepository(database.jdbi());
        blobs = new LocalBlobStore(dir.resolve("blobs"));
        PublicUrls urls = new PublicUrls(() -> "http://127.0.0.1:1", new byte[32]);
        engine = new BatchEngine(database.jdbi(), productRepository, firmware, devices, urls, blobs,
                DeviceListReader.NONE, Dispatcher.LocalDevices.ANY, clock, expansionChunk);
        if (dispatching) {
            engine.start(notifier.apply((pk, dn, offer) -> pushes.add(new Pushed(dn, offer))));
        }
        String productKey = products.create(ACCOUNT, "", new NewProduct("engine_" + UUID.randomUUID().toString()
                .substring(0, 8), 0, null, null, null, null, null, null, null, null, false)).productKey();
        product = productRepository.find(ACCOUNT, "", productKey).orElseThrow();
    }

    /** Devices dev0000…, registered, optionally connected, each reporting {@code version} for the default module. */
    List<Device> devices(int count, String version, boolean connected) {
        List<Device> out = new ArrayList<>();
        int start = devices.list(ACCOUNT, "", product.productKey(), 1, 1).total();
        for (int i = start; i < start + count; i++) {
            Device d = devices.register(ACCOUNT, "", product.productKey(), String.format("dev%04d", i), null);
            if (version != null) {
                versions.report(product.productKey(), d.name(), null, version);
            }
            if (connected) {
                devices.connected(d, "conn-" + d.name(), "127.0.0.1");
            }
            out.add(d);
        }
        return out;
    }

    /** A package of the default module: full from any version, or delta from {@code srcVersion}; no verification needed. */
    Firmware pkg(String destVersion, String srcVersion, int status) throws Exception {
        Path staged = Files.createTempFile("pkg", ".bin");
        byte[] content = ("firmware " + destVersion).getBytes();
        Files.write(staged, content);
        String key = "ota/" + ACCOUNT + "/" + UUID.randomUUID().toString().replace("-", "") + ".bin";
        blobs.put(key, staged, content.length);
        String name = "pkg_" + UUID.randomUUID().toString().substring(0, 8);
        Firmware f = new Firmware(0, io.updraft.store.Ids.alnum(26), ACCOUNT, "", product.id(), product.productKey(),
                product.name(), "default", name, null, destVersion, srcVersion, srcVersion == null ? 0 : 1, status, 0,
                "MD5", "udi-1", "HTTPS", false, 0, 0,
                List.of(new FirmwareFile(0, null, key, content.length, "0123456789abcdef0123456789abcdef",
                        "0123456789abcdef0123456789abcdef")));
        database.jdbi().useHandle(h -> firmware.insert(h, f));
        return firmware.find(ACCOUNT, f.firmwareId()).orElseThrow();
    }

    NewJob staticAll(Firmware f) {
        return spec(f, JobType.UPGRADE, Job.STATIC, "ALL", List.of(), null, List.of());
    }

    static NewJob spec(Firmware f, JobType type, String selection, String target, List<String> names, String gray,
                       List<String> src) {
        return new NewJob(type, selection, f.productKey(), f.firmwareId(), target, names, null, gray, null, null, src,
                null, null, null, null, null, null, null, null, null, null, null, null, List.of());
    }

    Job create(NewJob spec) {
        return engine.jobs().create(ACCOUNT, "", spec);
    }

    List<Task> tasks(Job job) {
        return engine.tasks().listByJob(ACCOUNT, "", job.jobId(), null, null, 1, 100).items();
    }

    List<TaskStatus> states(Job job) {
        return tasks(job).stream().map(Task::status).toList();
    }

    Job reload(Job job) {
        return engine.jobs().get(ACCOUNT, "", job.jobId());
    }

    void round() {
        engine.dispatcher().round();
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }

    List<String> pushedNames() {
        List<String> names = new ArrayList<>(pushes.stream().map(Pushed::deviceName).toList());
        Collections.sort(names);
        return names;
    }

    @Override
    public void close() {
        engine.close();
        database.close();
    }
}
