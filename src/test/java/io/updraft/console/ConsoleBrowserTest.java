package io.updraft.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.updraft.testing.MqttDevice;
import io.updraft.testing.NodeProject;
import io.updraft.testing.TestServer;
import io.updraft.testing.UpgradingDevice;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console in Debian's headless Chromium, driven by playwright-core ({@code src/test/console/console.spec.mjs}):
 * sign-in, products and modules (with the API's validation error in the form), a package upload whose progress bar
 * reaches 100 %, a device registered in the console coming online when a Paho device connects,
 * a static batch with NeedConfirm over two devices (confirmed, a failure reason, a re-upgrade to SUCCEEDED and a
 * cancel, the counts and progress bar following live), a verification batch canceled by state and a dynamic batch
 * whose policy is canceled, the API Explorer
 * (V3 and V1) with its generated samples — which this test then runs against the server — the Error Center, the
 * Chinese UI, accessibility (keyboard-only sign-in and navigation, a name for every control on every page, nothing
 * left in storage after signing out), and a RAM user with {@code iot:List*} only whose writes are refused. Screenshots go to
 * {@code target/console-screenshots}, or to the folder {@code -Dupdraft.console.screenshots} names (docs/console).
 */
public class ConsoleBrowserTest {
    public static final TestServer.Key ROOT = new TestServer.Key("AKconsoleRoot01", "console-root-secret-01");
    public static final TestServer.Key LISTER = new TestServer.Key("AKconsoleList01", "console-list-secret-01");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The console test project (src/test/console), installed once for the Chromium and the Firefox test. */
    static final List<String> FILES = List.of("package.json", "package-lock.json", "harness.mjs", "console.spec.mjs",
            "console.firefox.mjs");
    private static TestServer server;
    private static Path project;
    private static Path work;
    private static final List<String> output = new ArrayList<>();
    private static final Map<String, Path> samples = new LinkedHashMap<>();
    private static int exit;
    private static MqttClient device;
    private static UpgradingDevice upgrader;
    private static Thread upgrades;
    /** What the upgrading device did with each push ("failed", "upgraded"), or what went wrong. */
    private static final List<String> upgradeLog = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void driveTheConsole() throws Exception {
        assertThat(Path.of("/usr/bin/chromium")).as("Debian's chromium (apt-get install chromium; .ci/run does)")
                .isExecutable();
        Path dir = Path.of("target", "test-data", "console-" + UUID.randomUUID()).toAbsolutePath();
        server = TestServer.start(dir, bootstrap(dir));
        project = NodeProject.install("src/test/console", "target/console-browser", FILES, "playwright-core");
        work = Files.createDirectories(dir.resolve("browser"));
        Path screenshots = Path.of(System.getProperty("updraft.console.screenshots", "target/console-screenshots"))
                .toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(NodeProject.nodeCommand(), "console.spec.mjs")
                .directory(project.toFile()).redirectErrorStream(true);
        builder.environment().putAll(Map.of(
                "CONSOLE_URL", "http://127.0.0.1:" + server.port() + "/console/",
                "ROOT_ID", ROOT.id(), "ROOT_SECRET", ROOT.secret(),
                "LISTER_ID", LISTER.id(), "LISTER_SECRET", LISTER.secret(),
                "SCREENSHOTS", screenshots.toString(), "WORK", work.toString()));
        Process node = builder.start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
             OutputStream toNode = node.getOutputStream()) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                if (line.startsWith("DEVICE ")) {
                    connectDevice(JSON.readTree(line.substring(7)));
                    toNode.write("CONNECTED\n".getBytes(StandardCharsets.UTF_8));
                    toNode.flush();
                } else if (line.startsWith("UPGRADER ")) {
                    startUpgrader(JSON.readTree(line.substring(9)));
                    toNode.write("UPGRADING\n".getBytes(StandardCharsets.UTF_8));
                    toNode.flush();
                } else if (line.startsWith("SAMPLE ")) {
                    String[] parts = line.split(" ", 3);
                    samples.put(parts[1], Path.of(parts[2]));
                }
            }
        }
        if (!node.waitFor(1, TimeUnit.MINUTES)) {
            node.destroyForcibly();
        }
        exit = node.exitValue();
    }

    /** The device the console registered, connecting over MQTT as a real device does, and reporting a version. */
    private static void connectDevice(JsonNode registered) throws Exception {
        MqttDevice d = new MqttDevice(registered.get("productKey").asText(), registered.get("deviceName").asText(),
                registered.get("deviceSecret").asText(), null);
        device = d.connect(server, "console-device");
        device.publish("/ota/device/inform/" + d.productKey() + "/" + d.deviceName(),
                "{\"id\":1,\"params\":{\"version\":\"1.0.0\"}}".getBytes(StandardCharsets.UTF_8), 1, false);
    }

    /**
     * The second device the console registered, for the batch page: a Paho device that upgrades when pushed. Its
     * first attempt reports step -4 with a reason (the console shows it and re-upgrades), the second succeeds.
     */
    private static void startUpgrader(JsonNode registered) throws Exception {
        MqttDevice d = new MqttDevice(registered.get("productKey").asText(), registered.get("deviceName").asText(),
                registered.get("deviceSecret").asText(), null);
        upgrader = UpgradingDevice.connect(server, d);
        upgrader.reportVersion("1.0.0");
        upgrader.failNextUpgrade(-4, "flash write failed");
        upgrades = new Thread(() -> {
            try {
                for (int handled = 0; handled < 2; ) {
                    JsonNode push;
                    try {
                        push = upgrader.awaitPush();
                    } catch (AssertionError quiet) {
                        continue; // the console has not confirmed or re-upgraded yet
                    }
                    upgradeLog.add(upgrader.upgrade(push.path("data")).length > 0 ? "upgraded" : "failed");
                    handled++;
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                upgradeLog.add("error: " + e);
            }
        }, "console-upgrading-device");
        upgrades.setDaemon(true);
        upgrades.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (device != null && device.isConnected()) {
            device.disconnect();
        }
        if (upgrades != null) {
            upgrades.interrupt();
        }
        if (upgrader != null) {
            upgrader.close();
        }
        server.close();
    }

    /** An account with the root key and a RAM user with {@code iot:List*} only. */
    static Path bootstrap(Path dir) throws IOException {
        Map<String, Object> doc = Map.of("accounts", List.of(Map.of(
                "name", "console",
                "accessKeys", List.of(Map.of("accessKeyId", ROOT.id(), "accessKeySecret", ROOT.secret(), "status", "Active")),
                "qpsLimits", Map.of("*", 100000),
                "ramUsers", List.of(Map.of("name", "lister",
                        "accessKeys", List.of(Map.of("accessKeyId", LISTER.id(), "accessKeySecret", LISTER.secret(),
                                "status", "Active")),
                        "policy", Map.of("Version", "1", "Statement", List.of(Map.of("Effect", "Allow",
                                "Action", List.of("iot:List*"), "Resource", "*"))))))));
        Files.createDirectories(dir);
        Path file = dir.resolve("bootstrap.json");
        JSON.writeValue(file.toFile(), doc);
        return file;
    }

    @Test
    void everyConsoleScenarioPassesInChromium() {
        assertThat(exit).as(String.join("\n", output)).isZero();
        assertThat(output).contains("PASS sign-in", "PASS product and module", "PASS validation error shown",
                "PASS module deleted",
                "PASS upload progress reached 100", "PASS device online", "PASS batch validation error shown",
                "PASS static batch created", "PASS confirmed, failure reason shown", "PASS re-upgraded, succeeded live",
                "PASS canceled, counts and progress live", "PASS batch page stops polling when left",
                "PASS verification batch, canceled by state", "PASS dynamic batch, policy canceled",
                "PASS explorer V3", "PASS explorer V1",
                "PASS explorer list of values",
                "PASS error center", "PASS chinese", "PASS accessible", "PASS ram list-only writes refused");
    }

    @Test
    void theBatchDeviceFailedOnceThenUpgradedWhenReupgradedFromTheConsole() {
        assertThat(upgradeLog).as(String.join("\n", output)).containsExactly("failed", "upgraded");
    }

    @Test
    void generatedCoreSampleRunsAgainstTheServer() throws Exception {
        assertThat(runJava(samples.get("java-core"))).contains("\"Success\":true").contains("console_prod_");
    }

    @Test
    void generatedTeaSampleRunsAgainstTheServer() throws Exception {
        assertThat(runJava(samples.get("java-tea"))).contains("\"Success\":true").contains("console_prod_");
    }

    @Test
    void generatedPopCoreSampleRunsAgainstTheServer() throws Exception {
        Path sample = samples.get("node-popcore");
        assertThat(sample).as(String.join("\n", output)).isNotNull();
        // pop-core resolves from the console test project's node_modules
        Path copy = Files.copy(sample, project.resolve("generated-sample.cjs"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(run(List.of(NodeProject.nodeCommand(), copy.toString()))).contains("\"Success\":true")
                .contains("console_prod_");
    }

    private static String runJava(Path sample) throws Exception {
        assertThat(sample).as(String.join("\n", output)).isNotNull();
        return run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), sample.toString()));
    }

    /** Runs a sample with the root key in the environment variables the samples read; returns its output. */
    private static String run(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(work.toFile());
        builder.environment().put("ALIBABA_CLOUD_ACCESS_KEY_ID", ROOT.id());
        builder.environment().put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", ROOT.secret());
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
