package io.updraft.reliability;

import io.updraft.testing.RawClient;
import io.updraft.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Oversized and malformed requests get a documented error in the gateway's shape, quickly, and change nothing. */
class HostileInputTest {
    private final TestServer server = TestServer.shared();
    private final RawClient raw = new RawClient(server);

    @Test
    void aOneMegabyteParameterInTheQueryIsRefusedWith414InTheGatewayShape() {
        String huge = "A".repeat(1_048_576);
        RawClient.Response response = raw.rawHttp("GET /?Format=JSON&Desc=" + huge + " HTTP/1.1\r\nAccept: application/json");
        assertThat(response.status()).isEqualTo(414);
        assertThat(response.contentType()).isEqualTo("application/json;charset=utf-8");
        assertThat(response.json().get("Code").asText()).isEqualTo("RequestURITooLong");
        assertThat(response.json().get("RequestId").asText()).isEqualTo(response.header("x-acs-request-id"));
    }

    @Test
    void aBodyOverTheSizeLimitIsRefusedWith413() {
        RawClient.Response response = raw.v1(TestServer.ACME, "QueryProductList")
                .param("Format", "JSON").header("Accept", "application/json").inBody().sign()
                .body("Desc=" + "a".repeat(2_000_000))
                .send();
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("Code").asText()).isEqualTo("RequestTooLarge");
    }

    @Test
    void tenThousandParametersAreRefusedBeforeAnySigningWork() {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 10_000; i++) {
            many.put("P" + i, "v");
        }
        long started = System.nanoTime();
        RawClient.Response response = raw.v1(TestServer.ACME, "QueryProductList").param("Format", "JSON")
                .params(many).inBody().send();
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("Code").asText()).isEqualTo("InvalidParameter.Count");
        assertThat((System.nanoTime() - started) / 1_000_000).as("ms").isLessThan(5_000);
    }

    @Test
    void oversizedHeadersGetTheGatewayShape() {
        RawClient.Response response = raw.rawHttp("GET /?Format=JSON HTTP/1.1\r\nAccept: application/json\r\nX-Big: "
                + "b".repeat(100_000));
        assertThat(response.status()).isEqualTo(431);
        assertThat(response.json().get("Code").asText()).isEqualTo("RequestHeaderFieldsTooLarge");
    }

    @Test
    void theServerStillAnswersAfterHostileRequests() {
        raw.rawHttp("GET /?Desc=" + "A".repeat(200_000) + " HTTP/1.1");
        raw.rawHttp("GET /?%zz=%zz HTTP/1.1");
        assertThat(raw.plain("GET", "/health").send().status()).isEqualTo(200);
    }
}
