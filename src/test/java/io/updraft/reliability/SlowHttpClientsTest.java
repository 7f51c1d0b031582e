package io.updraft.reliability;

import io.updraft.config.HttpLimits;
import io.updraft.testing.RawClient;
import io.updraft.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow and idle HTTP clients cannot hold the server: a connection must send its request head within the header
 * deadline, connections are limited, and at the limit idle ones are closed sooner, so other accounts keep being
 * served. The server's limits are small here (2 s head deadline, 60 connections) so the tests are quick; the idle
 * timeout is long, to show it is the head deadline that cuts a slow-loris client. Jetty's connection handling does
 * not depend on the store, so this runs on H2 only (see the pom).
 */
class SlowHttpClientsTest {
    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_CONNECTIONS = 60;
    private static TestServer server;

    @BeforeAll
    static void start() {
        Path dir = Path.of("target", "test-data", "slow-clients-" + UUID.randomUUID());
        server = TestServer.start(dir, TestServer.bootstrap(dir), c -> c.withHttpLimits(
                new HttpLimits(Duration.ofSeconds(60), HEADER_TIMEOUT, MAX_CONNECTIONS, Duration.ofSeconds(5))));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void slowLorisConnectionsAreClosedAtTheHeaderDeadlineWhileOtherAccountsAreServed() throws Exception {
        int slowClients = 40;
        List<Socket> slow = new ArrayList<>();
        ExecutorService dribblers = Executors.newFixedThreadPool(slowClients);
        try {
            long opened = System.nanoTime();
            List<Future<Long>> closedAt = new ArrayList<>();
            for (int i = 0; i < slowClients; i++) {
                Socket socket = new Socket("127.0.0.1", server.port());
                slow.add(socket);
                closedAt.add(dribblers.submit(() -> dribbleUntilClosed(socket)));
            }
            List<Long> latencies = serveAnotherAccountFor(Duration.ofSeconds(4));

            long slowest = 0;
            for (Future<Long> f : closedAt) {
                slowest = Math.max(slowest, f.get(15, TimeUnit.SECONDS) - opened);
            }
            assertThat(Duration.ofNanos(slowest)).isLessThan(HEADER_TIMEOUT.plusSeconds(3));
            assertThat(Collections.max(latencies)).isLessThan(2_000L);
            Figures.report("slow-loris", "%d connections dribbling a header byte every 200 ms: all closed by the server "
                            + "within %d ms (head deadline %d ms, idle timeout 60 s); meanwhile another account got "
                            + "%d answers, slowest %d ms, median %d ms",
                    slowClients, slowest / 1_000_000, HEADER_TIMEOUT.toMillis(), latencies.size(),
                    Collections.max(latencies), median(latencies));
        } finally {
            dribblers.shutdownNow();
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void idleConnectionsAtTheLimitAreClosedSoAWaitingClientIsServed() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS + 20; i++) {
                idle.add(new Socket("127.0.0.1", server.port())); // beyond the limit they wait in the backlog
            }
            long asked = System.nanoTime();
            // on a fresh connection (rawHttp), not one the client pool kept from earlier requests
            RawClient raw = new RawClient(server);
            RawClient.Signed request = raw.v1(TestServer.GLOBEX, "QueryProductList").method("GET")
                    .param("CurrentPage", "1").param("PageSize", "10").sign();
            RawClient.Response answer = raw.rawHttp("GET /?" + request.queryString() + " HTTP/1.1");
            long servedAfter = (System.nanoTime() - asked) / 1_000_000;
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            int closedByServer = 0;
            for (Socket s : idle) {
                s.setSoTimeout(10_000);
                if (readsEndOfStream(s)) {
                    closedByServer++;
                }
            }
            assertThat(closedByServer).isEqualTo(idle.size());
            assertThat(servedAfter).isLessThan(HEADER_TIMEOUT.toMillis() * 3 + 2_000);
            Figures.report("idle-connections", "%d idle connections against a limit of %d: a real client waiting "
                            + "behind them was served after %d ms; all %d idle connections closed by the server",
                    idle.size(), MAX_CONNECTIONS, servedAfter, closedByServer);
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    /** Sends a request head one byte every 200 ms; returns System.nanoTime() when the server closed the socket. */
    private static long dribbleUntilClosed(Socket socket) throws Exception {
        socket.setSoTimeout(200);
        byte[] head = ("GET /?Action=QueryProductList HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "X-Slow: " + "a".repeat(500) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        for (byte b : head) {
            try {
                out.write(b);
                out.flush();
                if (in.read() == -1) {
                    return System.nanoTime();
                }
            } catch (SocketTimeoutException stillOpen) {
                // nothing to read yet: keep dribbling
            } catch (IOException closed) {
                return System.nanoTime();
            }
        }
        throw new AssertionError("the server let a slow-loris client send its whole head");
    }

    private static boolean readsEndOfStream(Socket socket) {
        try {
            return socket.getInputStream().read() == -1;
        } catch (IOException reset) {
            return true;
        }
    }

    /** Another account's requests, one after another, for this long; their latencies in ms. */
    private static List<Long> serveAnotherAccountFor(Duration duration) {
        List<Long> latencies = new ArrayList<>();
        RawClient raw = new RawClient(server);
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            long t = System.nanoTime();
            RawClient.Response r = raw.v1(TestServer.GLOBEX, "QueryProductList")
                    .param("CurrentPage", "1").param("PageSize", "10").send();
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            latencies.add((System.nanoTime() - t) / 1_000_000);
        }
        return latencies;
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
