package io.updraft.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code updraft serve} in a child JVM, for tests that must kill or signal the server: the test's classpath, a
 * fixed free HTTP port (so a restart on the same data dir answers on the same port), a free MQTT port, and the
 * store {@link TestStore} names (with PostgreSQL the database lives in the test JVM and outlives the child).
 * Output goes to {@code server.log} in the data dir, appended across restarts.
 */
public final class ServerProcess {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path dataDir;
    private final Path bootstrap;
    private final int httpPort;
    private final List<String> extraArgs;
    private final int mqttPort;
    private final List<String> jvmOptions = new ArrayList<>();
    private final java.util.Map<String, String> environment = new java.util.HashMap<>();
    private String databaseUrl;
    private Process process;

    private ServerProcess(Path dataDir, Path bootstrap, int httpPort, List<String> extraArgs) {
        this.dataDir = dataDir;
        this.bootstrap = bootstrap;
        this.httpPort = httpPort;
        this.extraArgs = extraArgs;
        this.mqttPort = freePort();
    }

    /** A server on this data dir with the test bootstrap, not yet started; {@code extraArgs} are more flags. */
    public static ServerProcess on(Path dataDir, String... extraArgs) {
        return new ServerProcess(dataDir.toAbsolutePath(), TestServer.bootstrap(dataDir.toAbsolutePath()),
                freePort(), List.of(extraArgs));
    }

    /** More options for the child JVM, after the default {@code -Xmx256m} (so a later {@code -Xmx} wins). */
    public ServerProcess withJvmOptions(String... options) {
        jvmOptions.addAll(List.of(options));
        return this;
    }

    /** Another store than the data dir's own, e.g. the database of a {@link TestCluster}. */
    public ServerProcess withDatabase(String jdbcUrl) {
        databaseUrl = jdbcUrl;
        return this;
    }

    /** An environment variable for the child, e.g. {@code UPDRAFT_MASTER_KEY}. */
    public ServerProcess withEnvironment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** The child's process id (while it runs). */
    public long pid() {
        return process.pid();
    }

    /** Starts the child and waits until {@code /health} answers; returns how long that took. */
    public Duration start() {
        long started = System.nanoTime();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.updraft.Main", "serve",
                "--http-host", "127.0.0.1", "--http-port", String.valueOf(httpPort),
                "--mqtt-host", "127.0.0.1", "--mqtt-port", String.valueOf(mqttPort),
                "--data-dir", dataDir.toString(), "--bootstrap", bootstrap.toString()));
        if (databaseUrl != null) {
            command.addAll(List.of("--db-url", databaseUrl, "--db-user", TestStore.USER));
        } else if (TestStore.isPostgresql()) {
            command.addAll(List.of("--db-url", TestStore.databaseFor(dataDir), "--db-user", TestStore.USER));
        }
        command.addAll(extraArgs);
        try {
            Files.createDirectories(dataDir);
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            process = builder.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitHealthy(Duration.ofSeconds(60));
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
    public void kill9() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
    }

    /** SIGTERM: the JVM runs the shutdown hook (graceful stop). */
    public void sigterm() {
        process.destroy();
    }

    /** Waits for the child to end; its exit code, or an AssertionError if it outlived the bound. */
    public int waitForExit(Duration bound) {
        try {
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("server process still running after " + bound + "; log: " + log());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills the child if it still runs: for finally blocks. */
    public void ensureStopped() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(30));
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public int httpPort() {
        return httpPort;
    }

    /** The MQTT port devices connect to; fixed, so a restart on the same data dir listens on the same one. */
    public int mqttPort() {
        return mqttPort;
    }

    public String mqttUri() {
        return "tcp://127.0.0.1:" + mqttPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The server as the test clients see it (port only). */
    public TestServer endpoint() {
        return TestServer.external(httpPort, mqttPort);
    }

    public String log() {
        try {
            return Files.readString(dataDir.resolve("server.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void awaitHealthy(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("server process exited with " + process.exitValue() + "; log: " + log());
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + httpPort + "/health")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(50);
        }
        throw new AssertionError("server did not become healthy on port " + httpPort + " within " + bound);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
