package io.updraft.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.updraft.testing.RawClient;
import io.updraft.testing.ServerProcess;
import io.updraft.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code serve --log-format json}: one JSON object per line, the RequestId on every line of a request, no secret. */
class JsonLogFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ServerProcess process;
    private static String okRequestId;
    private static String badSignatureRequestId;

    @BeforeAll
    static void startAndCall() {
        process = ServerProcess.on(Path.of("target", "test-data", "json-log-" + UUID.randomUUID()),
                "--log-format", "json");
        process.start();
        RawClient raw = new RawClient(process.endpoint());
        okRequestId = raw.v1(TestServer.ACME, "QueryProductList").param("CurrentPage", "1").param("PageSize", "10")
                .send().header("x-acs-request-id");
        badSignatureRequestId = raw.v3(TestServer.ACME, "QueryProductList").secret("wrong-secret-000")
                .send().header("x-acs-request-id");
    }

    @AfterAll
    static void stop() {
        process.ensureStopped();
    }

    private static List<JsonNode> lines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : process.log().split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void everyLineIsOneJsonObject() throws Exception {
        List<JsonNode> lines = lines();
        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            assertThat(line.isObject()).isTrue();
            assertThat(line.path("level").asText()).isNotEmpty();
            assertThat(line.path("loggerName").asText()).isNotEmpty();
            assertThat(line.path("timestamp").asLong()).isPositive();
        });
        assertThat(lines).anySatisfy(line -> assertThat(line.path("formattedMessage").asText()).contains("Updraft ready"));
    }

    @Test
    void accessLinesCarryTheirRequestIdInTheMdc() throws Exception {
        List<JsonNode> access = lines().stream()
                .filter(line -> line.path("loggerName").asText().equals("updraft.access")).toList();
        assertThat(access).extracting(line -> line.path("mdc").path("requestId").asText())
                .contains(okRequestId, badSignatureRequestId);
        assertThat(access).allSatisfy(line -> assertThat(line.path("formattedMessage").asText())
                .startsWith(line.path("mdc").path("requestId").asText() + " "));
    }

    @Test
    void noSecretIsLogged() {
        String log = process.log();
        assertThat(log).doesNotContain(TestServer.ACME.secret()).doesNotContain("wrong-secret-000");
    }
}
