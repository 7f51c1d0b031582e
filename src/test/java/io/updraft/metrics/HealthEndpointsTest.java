package io.updraft.metrics;

import io.updraft.config.UpdraftConfig;
import io.updraft.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Liveness, readiness and where {@code /metrics} is served. */
class HealthEndpointsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void liveAnswersUpAndTheOldHealthIsKept() throws Exception {
        TestServer server = TestServer.shared();
        assertThat(get(server.port(), "/health/live").body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(get(server.port(), "/health").body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void readyChecksTheStoreAndTheBroker() throws Exception {
        HttpResponse<String> ready = get(TestServer.shared().port(), "/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"UP\",\"checks\":{\"store\":\"UP\",\"mqtt\":\"UP\"}}");
    }

    @Test
    void metricsCanHaveAPortOfTheirOwnAndThenAreNotOnTheApiPort() throws Exception {
        Path dir = Path.of("target", "test-data", "metrics-port-" + UUID.randomUUID());
        TestServer server = TestServer.start(dir, TestServer.bootstrap(dir), c -> c.withMetrics(0));
        try {
            assertThat(server.metricsPort()).isNotEqualTo(server.port());
            HttpResponse<String> own = get(server.metricsPort(), "/metrics");
            assertThat(own.statusCode()).isEqualTo(200);
            assertThat(own.body()).contains("updraft_mqtt_connections");
            assertThat(get(server.port(), "/metrics").statusCode()).isEqualTo(404);
        } finally {
            server.close();
        }
    }

    @Test
    void metricsCanBeSwitchedOff() throws Exception {
        Path dir = Path.of("target", "test-data", "metrics-off-" + UUID.randomUUID());
        TestServer server = TestServer.start(dir, TestServer.bootstrap(dir), c -> c.withMetrics(UpdraftConfig.METRICS_OFF));
        try {
            assertThat(get(server.port(), "/metrics").statusCode()).isEqualTo(404);
            assertThat(get(server.port(), "/health/ready").statusCode()).isEqualTo(200);
        } finally {
            server.close();
        }
    }
}
