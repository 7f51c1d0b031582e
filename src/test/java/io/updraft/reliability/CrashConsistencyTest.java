package io.updraft.reliability;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ServerException;
import com.aliyuncs.iot.model.v20180120.CreateOTAModuleRequest;
import com.aliyuncs.iot.model.v20180120.CreateProductRequest;
import com.aliyuncs.iot.model.v20180120.CreateProductResponse;
import com.aliyuncs.iot.model.v20180120.DeleteDeviceRequest;
import com.aliyuncs.iot.model.v20180120.DeleteOTAModuleRequest;
import com.aliyuncs.iot.model.v20180120.ListOTAModuleByProductRequest;
import com.aliyuncs.iot.model.v20180120.ListOTAModuleByProductResponse;
import com.aliyuncs.iot.model.v20180120.RegisterDeviceRequest;
import com.aliyuncs.iot.model.v20180120.UpdateOTAModuleRequest;
import io.updraft.testing.Sdk;
import io.updraft.testing.ServerProcess;
import io.updraft.testing.TestServer;
import io.updraft.testing.TestStore;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash consistency under load: writers create, update and delete OTA modules and register and delete devices
 * against a server process, which is killed with SIGKILL at a random moment, then restarted, several rounds. After
 * each kill the store is read directly and must hold exactly what was acknowledged with {@code Success:true} (every
 * acknowledged create or update present with its last acknowledged value, every acknowledged delete absent) except
 * for the one request per writer that was in flight at the kill, which may have happened or not, but not half. The
 * schema's invariants hold too: at most 10 modules per product, no module or device without its product.
 * <p>
 * Each writer owns its products, so the acknowledged writes to a product are totally ordered. The kill moments and
 * the writers' choices come from {@value #SEED_PROPERTY} (a failure prints the seed to reproduce it); the number of
 * rounds from {@value #ROUNDS_PROPERTY} (default 3; a soak: {@code -Dupdraft.soak.rounds=50}). Runs once per store:
 * in the PostgreSQL execution the child gets {@code --db-url} of a database of the test JVM, which outlives it.
 */
class CrashConsistencyTest {
    static final String ROUNDS_PROPERTY = "updraft.soak.rounds";
    /** The rounds of {@code mvn verify}; a soak sets {@value #ROUNDS_PROPERTY} to 200 or more. */
    private static final int DEFAULT_ROUNDS = 25;
    private static final int MIN_LOAD_MILLIS = 300;
    private static final int MAX_LOAD_MILLIS = 1_500;
    static final String SEED_PROPERTY = "updraft.crash.seed";
    private static final int WRITERS = 4;
    private static final int MODULE_LIMIT = 10;
    private static final List<String> MODULE_NAMES = names("m", 13); // more than the limit, so creates hit it
    private static final List<String> DEVICE_NAMES = names("dev", 8);

    /** What the store must show for one product (module name → description; device names). */
    record ProductState(Map<String, String> modules, Set<String> devices) {
        static ProductState empty() {
            return new ProductState(new TreeMap<>(), new TreeSet<>());
        }

        ProductState copy() {
            return new ProductState(new TreeMap<>(modules), new TreeSet<>(devices));
        }
    }

    enum Kind { CREATE_PRODUCT, CREATE_MODULE, UPDATE_MODULE, DELETE_MODULE, REGISTER_DEVICE, DELETE_DEVICE }

    /** One write; {@code name} is the product name, module name or device name, {@code desc} a module's. */
    record Write(Kind kind, String productKey, String name, String desc) {
        void applyTo(Map<String, ProductState> model, String createdProductKey) {
            switch (kind) {
                case CREATE_PRODUCT -> model.put(createdProductKey, ProductState.empty());
                case CREATE_MODULE, UPDATE_MODULE -> model.get(productKey).modules().put(name, desc);
                case DELETE_MODULE -> model.get(productKey).modules().remove(name);
                case REGISTER_DEVICE -> model.get(productKey).devices().add(name);
                case DELETE_DEVICE -> model.get(productKey).devices().remove(name);
            }
        }
    }

    private final Map<Kind, Integer> acknowledged = new java.util.EnumMap<>(Kind.class);
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    /** This round's acknowledged writes in the order they were answered: a failure shows the last of them. */
    private final List<String> answered = Collections.synchronizedList(new ArrayList<>());
    private Map<String, ProductState> roundStart = Map.of();
    /** One permit per acknowledgement: the killer waits on it, so the kill lands right after an answer. */
    private final Semaphore acknowledgements = new Semaphore(0);
    private int refusedAtLimit;
    private int inFlightApplied;
    private int inFlightNotApplied;
    private int verified;

    @Test
    void everyAcknowledgedWriteSurvivesKillNineAndNothingHalfDoneIsVisible() throws Exception {
        int rounds = Integer.getInteger(ROUNDS_PROPERTY, DEFAULT_ROUNDS);
        long seed = Long.getLong(SEED_PROPERTY, System.nanoTime() % 1_000_000);
        Random random = new Random(seed);
        System.out.println("CrashConsistencyTest seed " + seed + " (-D" + SEED_PROPERTY + "=" + seed + " reproduces)");
        ServerProcess server = ServerProcess.on(Path.of("target", "test-data", "crash-" + UUID.randomUUID()));
        Map<String, ProductState> model = new HashMap<>();
        Map<Integer, List<String>> owned = new HashMap<>();
        List<Long> restartMillis = new ArrayList<>();
        long loadMillis = 0;
        long started = System.nanoTime();
        try {
            for (int round = 1; round <= rounds; round++) {
                restartMillis.add(server.start().toMillis());
                List<Writer> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    List<String> products = owned.computeIfAbsent(w, k -> new ArrayList<>());
                    writers.add(new Writer(server, new Random(random.nextLong()), model, products));
                }
                acknowledgements.drainPermits();
                roundStart = deepCopy(model);
                long loadStarted = System.nanoTime();
                writers.forEach(Thread::start);
                // Let the writers reach full speed, then kill the moment the next burst of answers comes back:
                // the freshest acknowledged commits are the ones a lazy store would lose.
                Thread.sleep(MIN_LOAD_MILLIS + random.nextInt(MAX_LOAD_MILLIS - MIN_LOAD_MILLIS));
                acknowledgements.drainPermits();
                boolean answered = acknowledgements.tryAcquire(1 + random.nextInt(WRITERS), 10, TimeUnit.SECONDS);
                server.kill9();
                loadMillis += (System.nanoTime() - loadStarted) / 1_000_000;
                assertThat(answered).as("the writers were answered before the kill, round %d; log: %s", round,
                        server.log()).isTrue();
                for (Writer writer : writers) {
                    writer.join(30_000);
                    assertThat(writer.isAlive()).as("writer stopped after the kill").isFalse();
                }
                assertThat(violations).as("round %d, seed %d", round, seed).isEmpty();
                verifyAndAdopt(server.dataDir(), model, writers, round, seed);
            }
            restartMillis.add(server.start().toMillis());
            verifyThroughTheApi(server, model);
        } catch (AssertionError e) {
            throw new AssertionError("seed " + seed + " (-D" + SEED_PROPERTY + "=" + seed + "): " + e.getMessage(), e);
        } finally {
            server.ensureStopped();
        }
        int totalModules = model.values().stream().mapToInt(p -> p.modules().size()).sum();
        int totalDevices = model.values().stream().mapToInt(p -> p.devices().size()).sum();
        int writes = acknowledged.values().stream().mapToInt(Integer::intValue).sum();
        Figures.report("crash-consistency", "seed %d, %d rounds in %d s (load %d s, restarts median %d ms): "
                        + "%d writes acknowledged %s (%d refused at the module limit), 0 lost, 0 deletes undone; "
                        + "%d product, module and device states checked after kills; in-flight writes at kill: "
                        + "%d applied, %d not; final store: %d products, %d modules, %d devices",
                seed, rounds, (System.nanoTime() - started) / 1_000_000_000, loadMillis / 1000,
                restartMillis.stream().sorted().toList().get(restartMillis.size() / 2), writes, acknowledged,
                refusedAtLimit, verified, inFlightApplied, inFlightNotApplied, model.size(), totalModules, totalDevices);
    }

    /** Compares the store with the model (allowing each in-flight write to have happened or not), checks the
     *  invariants, then takes the store's state as the model for the next round. */
    private void verifyAndAdopt(Path dataDir, Map<String, ProductState> model, List<Writer> writers, int round,
                                long seed) throws SQLException, java.io.IOException {
        Path store = dataDir.resolve("updraft.mv.db");
        if (java.nio.file.Files.exists(store)) {
            // The file as the kill left it, before reading it recovers it: what a failure is diagnosed from.
            java.nio.file.Files.copy(store, dataDir.resolve("killed.mv.db"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Map<String, String> productKeysByName = new HashMap<>();
        Map<String, ProductState> actual = readStore(dataDir, productKeysByName);
        List<String> roundAnswers;
        synchronized (answered) {
            roundAnswers = new ArrayList<>(answered);
            answered.clear();
        }
        String context = "round " + round + ", seed " + seed + ", " + roundAnswers.size() + " answered, the last "
                + roundAnswers.subList(Math.max(0, roundAnswers.size() - 6), roundAnswers.size())
                + ", in flight " + writers.stream().map(w -> w.getName() + " " + w.inFlight).toList();
        Map<String, ProductState> ifNoneApplied = deepCopy(model);
        for (Writer writer : writers) {
            Write pending = writer.inFlight;
            if (pending == null) {
                continue;
            }
            String createdKey = pending.kind() == Kind.CREATE_PRODUCT ? productKeysByName.get(pending.name()) : null;
            boolean applied = pending.kind() == Kind.CREATE_PRODUCT ? createdKey != null
                    : !sameProduct(ifNoneApplied.get(pending.productKey()), actual.get(pending.productKey()));
            if (applied) {
                pending.applyTo(ifNoneApplied, createdKey);
                if (createdKey != null) {
                    writer.products.add(createdKey);
                }
                inFlightApplied++;
            } else {
                inFlightNotApplied++;
            }
        }
        assertThat(actual.keySet()).as("products, %s", context).isEqualTo(ifNoneApplied.keySet());
        for (Map.Entry<String, ProductState> expected : ifNoneApplied.entrySet()) {
            String key = expected.getKey();
            assertThat(actual.get(key)).as("product %s, %s; at the round's start %s; its answered writes %s", key,
                            context, roundStart.get(key), roundAnswers.stream().filter(a -> a.contains(key)).toList())
                    .isEqualTo(expected.getValue());
            verified += 1 + expected.getValue().modules().size() + expected.getValue().devices().size();
        }
        model.clear();
        model.putAll(actual);
    }

    private static boolean sameProduct(ProductState a, ProductState b) {
        return a == null ? b == null : a.equals(b);
    }

    /** The store's products, modules and devices, read directly while no server runs; and its invariants. */
    private static Map<String, ProductState> readStore(Path dataDir, Map<String, String> productNames)
            throws SQLException {
        Map<String, ProductState> state = new TreeMap<>();
        try (Connection c = TestStore.connect(dataDir); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT product_key, name FROM product")) {
                while (rs.next()) {
                    state.put(rs.getString(1), ProductState.empty());
                    productNames.put(rs.getString(2), rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT p.product_key, m.name, m.description FROM ota_module m "
                    + "JOIN product p ON p.id = m.product_id")) {
                while (rs.next()) {
                    state.get(rs.getString(1)).modules().put(rs.getString(2), rs.getString(3));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT p.product_key, d.name FROM device d "
                    + "JOIN product p ON p.id = d.product_id")) {
                while (rs.next()) {
                    state.get(rs.getString(1)).devices().add(rs.getString(2));
                }
            }
            assertThat(count(s, "SELECT COUNT(*) FROM ota_module m WHERE NOT EXISTS "
                    + "(SELECT 1 FROM product p WHERE p.id = m.product_id)")).as("modules without a product").isZero();
            assertThat(count(s, "SELECT COUNT(*) FROM device d WHERE NOT EXISTS "
                    + "(SELECT 1 FROM product p WHERE p.id = d.product_id)")).as("devices without a product").isZero();
            assertThat(count(s, "SELECT COUNT(*) FROM (SELECT product_id FROM ota_module GROUP BY product_id "
                    + "HAVING COUNT(*) > " + MODULE_LIMIT + ") t")).as("products over the module limit").isZero();
        }
        return state;
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** After the last restart, the server itself lists what the store holds. */
    private static void verifyThroughTheApi(ServerProcess server, Map<String, ProductState> model) throws Exception {
        DefaultAcsClient client = (DefaultAcsClient) Sdk.core(server.endpoint(), TestServer.GLOBEX);
        for (Map.Entry<String, ProductState> product : model.entrySet()) {
            ListOTAModuleByProductRequest list = new ListOTAModuleByProductRequest();
            list.setProductKey(product.getKey());
            ListOTAModuleByProductResponse answer = client.getAcsResponse(list);
            Map<String, String> listed = new TreeMap<>();
            answer.getData().forEach(m -> listed.put(m.getModuleName(), m.getDesc()));
            assertThat(listed).as("modules of %s through the API", product.getKey())
                    .isEqualTo(product.getValue().modules());
        }
        client.shutdown();
    }

    private static Map<String, ProductState> deepCopy(Map<String, ProductState> model) {
        Map<String, ProductState> copy = new HashMap<>();
        model.forEach((k, v) -> copy.put(k, v.copy()));
        return copy;
    }

    /** One SDK client that writes to its own products, one request at a time, until the server is gone. */
    private final class Writer extends Thread {
        private final Random random;
        private final Map<String, ProductState> model;
        private final List<String> products;
        private final DefaultAcsClient client;
        volatile Write inFlight;

        Writer(ServerProcess server, Random random, Map<String, ProductState> model, List<String> products) {
            this.random = random;
            this.model = model;
            this.products = products;
            // The SDK does not retry by default (RetryPolicy.none): a request is sent once, so an unanswered one
            // is exactly the write in flight.
            this.client = (DefaultAcsClient) Sdk.core(server.endpoint(), TestServer.GLOBEX);
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Write write = next();
                    inFlight = write;
                    String createdKey;
                    try {
                        AcsResponse answer = client.getAcsResponse(request(write));
                        String refusal = refusalCode(answer);
                        if (refusal != null) {
                            // Business errors come as HTTP 200 with Success:false, which the SDK returns, not throws.
                            refused(write, refusal, "Success:false");
                            continue;
                        }
                        createdKey = answer instanceof CreateProductResponse created ? created.getProductKey() : null;
                    } catch (ServerException refused) {
                        refused(write, refused.getErrCode(), refused.getErrMsg());
                        continue;
                    } catch (ClientException e) {
                        if (e.getRequestId() != null) { // an answer (HTTP 4xx), not a lost connection
                            refused(write, e.getErrCode(), e.getErrMsg());
                            continue;
                        }
                        return; // no answer: the write stays in flight, it may or may not have happened
                    }
                    synchronized (model) {
                        write.applyTo(model, createdKey);
                        if (createdKey != null) {
                            products.add(createdKey);
                        }
                        acknowledged.merge(write.kind(), 1, Integer::sum);
                        answered.add(getName() + " " + write);
                    }
                    inFlight = null;
                    acknowledgements.release();
                }
            } finally {
                client.shutdown();
            }
        }

        /** A write the server answered without doing it: expected only for a create at the module limit. */
        private void refused(Write write, String code, String message) {
            if (write.kind() == Kind.CREATE_MODULE && moduleCount(write.productKey()) >= MODULE_LIMIT
                    && "iot.ota.OtaModuleCountExceedMax".equals(code)) {
                synchronized (model) {
                    refusedAtLimit++;
                }
            } else {
                violations.add(write + " answered " + code + " " + message);
            }
            inFlight = null;
        }

        private int moduleCount(String productKey) {
            synchronized (model) {
                return model.get(productKey).modules().size();
            }
        }

        private Write next() {
            synchronized (model) {
                if (products.size() < 2 || random.nextInt(100) < 3) {
                    return new Write(Kind.CREATE_PRODUCT, null, "crash_" + UUID.randomUUID().toString().substring(0, 12), null);
                }
                String productKey = products.get(random.nextInt(products.size()));
                ProductState product = model.get(productKey);
                if (random.nextInt(100) < 60) {
                    String name = MODULE_NAMES.get(random.nextInt(MODULE_NAMES.size()));
                    String desc = "d" + random.nextInt(1_000_000);
                    if (!product.modules().containsKey(name)) {
                        return new Write(Kind.CREATE_MODULE, productKey, name, desc);
                    }
                    return random.nextBoolean() ? new Write(Kind.UPDATE_MODULE, productKey, name, desc)
                            : new Write(Kind.DELETE_MODULE, productKey, name, null);
                }
                String device = DEVICE_NAMES.get(random.nextInt(DEVICE_NAMES.size()));
                return product.devices().contains(device) ? new Write(Kind.DELETE_DEVICE, productKey, device, null)
                        : new Write(Kind.REGISTER_DEVICE, productKey, device, null);
            }
        }

        private static AcsRequest<? extends AcsResponse> request(Write write) {
            return switch (write.kind()) {
                case CREATE_PRODUCT -> {
                    CreateProductRequest r = new CreateProductRequest();
                    r.setProductName(write.name());
                    r.setNodeType(0);
                    yield r;
                }
                case CREATE_MODULE -> {
                    CreateOTAModuleRequest r = new CreateOTAModuleRequest();
                    r.setProductKey(write.productKey());
                    r.setModuleName(write.name());
                    r.setDesc(write.desc());
                    yield r;
                }
                case UPDATE_MODULE -> {
                    UpdateOTAModuleRequest r = new UpdateOTAModuleRequest();
                    r.setProductKey(write.productKey());
                    r.setModuleName(write.name());
                    r.setDesc(write.desc());
                    yield r;
                }
                case DELETE_MODULE -> {
                    DeleteOTAModuleRequest r = new DeleteOTAModuleRequest();
                    r.setProductKey(write.productKey());
                    r.setModuleName(write.name());
                    yield r;
                }
                case REGISTER_DEVICE -> {
                    RegisterDeviceRequest r = new RegisterDeviceRequest();
                    r.setProductKey(write.productKey());
                    r.setDeviceName(write.name());
                    yield r;
                }
                case DELETE_DEVICE -> {
                    DeleteDeviceRequest r = new DeleteDeviceRequest();
                    r.setProductKey(write.productKey());
                    r.setDeviceName(write.name());
                    yield r;
                }
            };
        }
    }

    /** The answer's Code when it says Success:false (every response of these Actions has Success and Code). */
    private static String refusalCode(AcsResponse answer) {
        try {
            Object success = answer.getClass().getMethod("getSuccess").invoke(answer);
            return Boolean.FALSE.equals(success)
                    ? String.valueOf(answer.getClass().getMethod("getCode").invoke(answer)) : null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(answer.getClass() + " has no Success or Code", e);
        }
    }

    private static List<String> names(String prefix, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(prefix + i);
        }
        return names;
    }
}
