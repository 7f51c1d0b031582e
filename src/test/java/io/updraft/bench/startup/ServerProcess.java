package io.updraft.bench.startup;

import io.updraft.bench.BenchStore;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Updraft as operators run it: {@code java -cp <classpath> io.updraft.Main serve ...} in a child process, so that
 * start-up time is the whole JVM's and resident memory is the server's alone.
 */
public final class ServerProcess implements AutoCloseable {
    private static final List<String> NETTY_FLAGS = List.of("-Dio.netty.tryReflectionSetAccessible=true",
            "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED");

    private final Process process;
    private final int httpPort;
    private final int mqttPort;
    private final long startupMillis;

    private ServerProcess(Process process, int httpPort, int mqttPort, long startupMillis) {
        this.process = process;
        this.httpPort = httpPort;
        this.mqttPort = mqttPort;
        this.startupMillis = startupMillis;
    }

    /** Starts the server and returns once {@code /health} answers 200 (the time until then is {@link #startupMillis}). */
    public static ServerProcess start(BenchStore store, Path dataDir, Path bootstrap) throws IOException,
            InterruptedException {
        int httpPort = freePort();
        int mqttPort = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(NETTY_FLAGS);
        command.addAll(List.of("-cp", serverClasspath(), "io.updraft.Main", "serve",
                "--http-host", "127.0.0.1", "--http-port", String.valueOf(httpPort),
                "--mqtt-host", "127.0.0.1", "--mqtt-port", String.valueOf(mqttPort),
                // the simulated fleet connects from one address
                "--mqtt-connects-per-address", "0",
                "--data-dir", dataDir.toString(), "--bootstrap", bootstrap.toString()));
        if (store == BenchStore.POSTGRESQL) {
            command.addAll(List.of("--db-url", store.jdbcUrl(dataDir), "--db-user", store.user()));
        }
        Files.createDirectories(dataDir);
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile())).start();
        long deadline = started + Duration.ofMinutes(3).toNanos();
        while (!healthy(httpPort)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("the server did not become healthy; see " + dataDir.resolve("server.log"));
            }
            Thread.sleep(10);
        }
        return new ServerProcess(process, httpPort, mqttPort, (System.nanoTime() - started) / 1_000_000);
    }

    /** bench/run passes the runtime classpath (what the fat jar holds); in tests the test classpath has to do. */
    private static String serverClasspath() {
        return System.getProperty("bench.serverClasspath", System.getProperty("java.class.path"));
    }

    private static boolean healthy(int port) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/health").toURL()
                    .openConnection();
            c.setConnectTimeout(200);
            c.setReadTimeout(1000);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Resident set size of the server process, from {@code /proc/<pid>/status} (VmRSS), in MiB. */
    public double rssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            // not Linux, or the process is gone: no figure rather than a wrong one
        }
        return Double.NaN;
    }

    public int httpPort() {
        return httpPort;
    }

    public int mqttPort() {
        return mqttPort;
    }

    public long startupMillis() {
        return startupMillis;
    }

    /** SIGTERM, as an operator stops it, then waits for the shutdown hook to close the store. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
