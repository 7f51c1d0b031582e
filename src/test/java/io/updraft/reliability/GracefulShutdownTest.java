package io.updraft.reliability;

import io.updraft.testing.RawClient;
import io.updraft.testing.ServerProcess;
import io.updraft.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM stops the server gracefully: the listening socket closes at once, requests in flight finish (up to
 * {@code --shutdown-timeout}), then the broker and the store close and the JVM exits with 143 (128 + SIGTERM, the
 * JVM's code for a signal-initiated exit after its shutdown hooks ran). A request is held in flight by sending its
 * body slowly: Jetty dispatches it once the head is parsed, and the gateway then reads the form body as it comes.
 * During the stop a client that falls silent for a second is cut (so idle keep-alive connections cannot hold the
 * stop); one that keeps sending is waited for, up to the stop timeout.
 * Runs on H2 only (see the pom): the stop does not depend on the store, and H2 shows its file is closed cleanly.
 */
class GracefulShutdownTest {
    private static final Pattern PRODUCT_KEY = Pattern.compile("\"ProductKey\":\"([^\"]+)\"");

    @Test
    void sigtermLetsTheRequestInFlightFinishRefusesNewConnectionsAndExitsWithinTheBound() throws Exception {
        ServerProcess server = ServerProcess.on(dataDir(), "--shutdown-timeout", "10");
        server.start();
        try (Socket inFlight = new Socket("127.0.0.1", server.httpPort())) {
            byte[] body = createProductForm(server, "graceful_" + shortId());
            OutputStream out = inFlight.getOutputStream();
            out.write(head(server, body.length));
            out.write(body, 0, body.length / 2);
            out.flush();
            Thread.sleep(500); // the head is parsed and the request dispatched

            long signalled = System.nanoTime();
            server.sigterm();
            long refusedAfter = awaitConnectionRefused(server.httpPort(), Duration.ofSeconds(5)) - signalled;
            assertThat(server.isAlive()).as("still serving the request in flight").isTrue();

            // the rest of the body over 2 s: longer than an ungraceful stop takes, so the request must be waited for
            dribble(out, body, body.length / 2, body.length, Duration.ofSeconds(2));
            inFlight.setSoTimeout(10_000);
            String response = readAll(inFlight.getInputStream());
            long answeredAfter = System.nanoTime() - signalled;
            assertThat(response).startsWith("HTTP/1.1 200").contains("\"Success\":true");

            int exit = server.waitForExit(Duration.ofSeconds(15));
            long exitedAfter = System.nanoTime() - signalled;
            assertThat(exit).isEqualTo(143);
            Figures.report("graceful-shutdown", "new connections refused %d ms after SIGTERM; request in flight "
                            + "answered 200 at %d ms; process exited (code %d) at %d ms",
                    refusedAfter / 1_000_000, answeredAfter / 1_000_000, exit, exitedAfter / 1_000_000);
            assertThat(server.log()).doesNotContain("ERROR");

            String productKey = productKeyOf(response);
            server.start(); // the in-flight write is in the store, which was closed cleanly
            RawClient.Response query = new RawClient(server.endpoint()).v1(TestServer.GLOBEX, "QueryProduct")
                    .param("ProductKey", productKey).send();
            assertThat(query.json().path("Success").asBoolean()).as(query.toString()).isTrue();
        } finally {
            server.ensureStopped();
        }
    }

    @Test
    void sigtermExitsWithinTheStopTimeoutEvenWhenARequestNeverFinishes() throws Exception {
        ServerProcess server = ServerProcess.on(dataDir(), "--shutdown-timeout", "2");
        server.start();
        try (Socket stuck = new Socket("127.0.0.1", server.httpPort())) {
            OutputStream out = stuck.getOutputStream();
            out.write(head(server, 1_000_000)); // a body that takes far longer than the stop timeout
            out.flush();
            Thread.sleep(500);
            Thread dribbler = new Thread(() -> {
                try {
                    dribble(out, new byte[1_000_000], 0, 1_000_000, Duration.ofSeconds(100_000));
                } catch (IOException | InterruptedException closed) {
                    // the server cut the request: the point of the test
                }
            });
            dribbler.start();

            long signalled = System.nanoTime();
            server.sigterm();
            stuck.setSoTimeout(12_000);
            String cut = readAll(stuck.getInputStream()); // returns when the server closes the connection
            long cutAfter = System.nanoTime() - signalled;
            int exit = server.waitForExit(Duration.ofSeconds(12));
            long exitedAfter = System.nanoTime() - signalled;
            Figures.report("graceful-shutdown", "with a request that never finishes and --shutdown-timeout 2: "
                            + "its connection was closed %d ms after SIGTERM (answer: %s), process exited (code %d) at %d ms",
                    cutAfter / 1_000_000, cut.isEmpty() ? "none" : cut.lines().findFirst().orElse(""), exit,
                    exitedAfter / 1_000_000);
            assertThat(exit).isEqualTo(143);
            assertThat(cutAfter).as("waited for the stop timeout").isBetween(Duration.ofMillis(1_900).toNanos(),
                    Duration.ofSeconds(5).toNanos());
        } finally {
            server.ensureStopped();
        }
    }

    /** Writes body[from..to) one byte at a time, spread evenly over the duration (at least every 100 ms). */
    private static void dribble(OutputStream out, byte[] body, int from, int to, Duration over)
            throws IOException, InterruptedException {
        long gapMillis = Math.min(100, over.toMillis() / Math.max(1, to - from));
        for (int i = from; i < to; i++) {
            out.write(body[i]);
            out.flush();
            Thread.sleep(gapMillis);
        }
    }

    private static byte[] createProductForm(ServerProcess server, String name) {
        return new RawClient(server.endpoint()).v1(TestServer.GLOBEX, "CreateProduct")
                .param("ProductName", name).param("NodeType", "0").inBody().sign().body();
    }

    private static byte[] head(ServerProcess server, int contentLength) {
        return ("POST / HTTP/1.1\r\nHost: 127.0.0.1:" + server.httpPort()
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + contentLength + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Polls until a connection attempt is refused; returns System.nanoTime() of the first refusal. */
    private static long awaitConnectionRefused(int port, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            } catch (ConnectException refused) {
                return System.nanoTime();
            } catch (IOException other) {
                // e.g. a timeout: try again
            }
            Thread.sleep(20);
        }
        throw new AssertionError("new connections still accepted " + bound + " after SIGTERM");
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String productKeyOf(String response) {
        Matcher m = PRODUCT_KEY.matcher(response);
        assertThat(m.find()).as(response).isTrue();
        return m.group(1);
    }

    private static Path dataDir() {
        return Path.of("target", "test-data", "graceful-" + UUID.randomUUID());
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
