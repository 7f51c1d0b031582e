package io.updraft.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An OTA device built on Alibaba's Node device SDK {@code alibabacloud-iot-device-sdk} 1.2.8, unmodified, in a
 * {@code node} child process ({@code src/test/node/device-sdk/ota-device.js}, installed into
 * {@code target/device-sdk/} by {@link NpmInstall}). It connects with its certificate to the broker URL it is given
 * ({@code mqtt://} plain TCP, the SDK then sends securemode=3; {@code mqtts://} TLS, securemode=2, with e.g.
 * {@code NODE_EXTRA_CA_CERTS} in the environment), reports its version, and upgrades on the first push: reports
 * the first progress step, downloads the URL, checks size, sign and md5 against the push, reports the other steps
 * and its new version, and exits. Each step it prints as a JSON line ({@code {"event": ...}}), which
 * {@link #await} reads; acknowledged steps (SUBACK, PUBACK) are printed only once acknowledged.
 */
public final class NodeDeviceSdk implements AutoCloseable {
    public static final String SCRIPT = "ota-device.js";
    private static final NpmInstall INSTALL = new NpmInstall("node/device-sdk", "device-sdk",
            "alibabacloud-iot-device-sdk", List.of(SCRIPT));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final JsonNode END = JSON.createObjectNode().put("event", "(end of output)");
    private final Process process;
    private final Path stderr;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final BlockingQueue<JsonNode> pending = new LinkedBlockingQueue<>();

    private NodeDeviceSdk(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(this::read, "node-device-sdk-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the device on plain TCP to {@code server}'s MQTT port, running {@code version}. */
    public static NodeDeviceSdk start(TestServer server, MqttDevice device, String version) {
        return start("mqtt://127.0.0.1:" + server.mqttPort(), device, version, Map.of());
    }

    /**
     * Starts the device on {@code brokerUrl}; {@code environment} adds variables, e.g. {@code UPDRAFT_STEPS}
     * (progress steps, default {@code 10,50,100}) or {@code NODE_EXTRA_CA_CERTS}.
     */
    public static NodeDeviceSdk start(String brokerUrl, MqttDevice device, String version,
                                      Map<String, String> environment) {
        Path dir = INSTALL.directory();
        try {
            Path stderr = dir.resolve(device.deviceName() + "-stderr.log");
            ProcessBuilder builder = new ProcessBuilder(NpmInstall.nodeCommand(), SCRIPT).directory(dir.toFile())
                    .redirectError(stderr.toFile()); // a file: it can neither block the device nor mix with stdout
            Map<String, String> env = builder.environment();
            env.put("UPDRAFT_BROKER_URL", brokerUrl);
            env.put("UPDRAFT_PRODUCT_KEY", device.productKey());
            env.put("UPDRAFT_DEVICE_NAME", device.deviceName());
            env.put("UPDRAFT_DEVICE_SECRET", device.deviceSecret());
            env.put("UPDRAFT_VERSION", version);
            env.putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            return new NodeDeviceSdk(process, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start node " + SCRIPT, e);
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                JsonNode event;
                try {
                    event = JSON.readTree(line);
                } catch (IOException notJson) {
                    event = JSON.createObjectNode().put("event", "(not JSON)").put("line", line);
                }
                events.add(event);
                pending.add(event);
            }
        } catch (IOException e) {
            // the process went away; END below tells the waiting test
        } finally {
            pending.add(END);
        }
    }

    /**
     * The next event named {@code name} (events before it are skipped, and kept in {@link #events}), waiting up to
     * 20 s; fails at once on an {@code error} event or when the device exits first.
     */
    public JsonNode await(String name) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode event = pending.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("the Node SDK device printed no \"" + name + "\" within " + WAIT + diagnosis());
            }
            if (event == END) {
                pending.add(END);
                throw new AssertionError("the Node SDK device ended before \"" + name + "\"" + diagnosis());
            }
            String got = event.path("event").asText();
            if (got.equals("error")) {
                throw new AssertionError("the Node SDK device failed: " + event.path("message").asText() + diagnosis());
            }
            if (got.equals(name)) {
                return event;
            }
        }
    }

    /** Every event printed so far, in order. */
    public List<JsonNode> events() {
        return List.copyOf(events);
    }

    /** The events named {@code name} printed so far, in order. */
    public List<JsonNode> events(String name) {
        return events.stream().filter(e -> e.path("event").asText().equals(name)).toList();
    }

    /** Waits for the device to exit by itself; its exit code. */
    public int awaitExit() throws InterruptedException {
        if (!process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the Node SDK device still runs after " + WAIT + diagnosis());
        }
        return process.exitValue();
    }

    private String diagnosis() {
        String err;
        try {
            err = Files.readString(stderr);
        } catch (IOException e) {
            err = "(unreadable: " + e + ")";
        }
        return "\nevents: " + events + "\nstderr: " + err;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
