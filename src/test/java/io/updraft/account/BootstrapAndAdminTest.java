package io.updraft.account;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.iot.model.v20180120.QueryProductListRequest;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The admin endpoint applies bootstrap documents idempotently, only for loopback callers with the token. */
class BootstrapAndAdminTest {
    private static TestServer server;
    private static String token;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path dir = Path.of("target", "test-data", "admin-" + UUID.randomUUID());
        server = TestServer.start(dir, TestServer.bootstrap(dir));
        token = Files.readString(dir.resolve("admin.token")).trim();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private HttpResponse<String> apply(String document, String bearer) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/admin/apply"))
                .header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(document)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String account(String name, String keyId, String secret, String status) {
        return "{\"accounts\":[{\"name\":\"" + name + "\",\"accessKeys\":[{\"accessKeyId\":\"" + keyId
                + "\",\"accessKeySecret\":\"" + secret + "\",\"status\":\"" + status + "\"}]}]}";
    }

    private static boolean canList(TestServer server, String keyId, String secret) {
        IAcsClient client = Sdk.core(server, new TestServer.Key(keyId, secret));
        QueryProductListRequest list = new QueryProductListRequest();
        list.setCurrentPage(1);
        list.setPageSize(10);
        try {
            return client.getAcsResponse(list).getSuccess();
        } catch (ClientException e) {
            return false;
        }
    }

    @Test
    void aNewAccountKeyWorksAtOnce() throws Exception {
        assertThat(apply(account("newco", "AKnewco00001", "newco-secret-0001", "Active"), token).statusCode())
                .isEqualTo(200);
        assertThat(canList(server, "AKnewco00001", "newco-secret-0001")).isTrue();
    }

    @Test
    void applyingTheSameDocumentTwiceChangesNothing() throws Exception {
        String doc = account("twice", "AKtwice00001", "twice-secret-0001", "Active");
        assertThat(apply(doc, token).statusCode()).isEqualTo(200);
        assertThat(apply(doc, token).statusCode()).isEqualTo(200);
        assertThat(canList(server, "AKtwice00001", "twice-secret-0001")).isTrue();
    }

    @Test
    void reapplyingRotatesTheSecretAndCanDeactivateTheKey() throws Exception {
        apply(account("rotate", "AKrotate0001", "rotate-secret-old", "Active"), token);
        apply(account("rotate", "AKrotate0001", "rotate-secret-new", "Active"), token);
        assertThat(canList(server, "AKrotate0001", "rotate-secret-old")).isFalse();
        assertThat(canList(server, "AKrotate0001", "rotate-secret-new")).isTrue();
        apply(account("rotate", "AKrotate0001", "rotate-secret-new", "Inactive"), token);
        IAcsClient client = Sdk.core(server, new TestServer.Key("AKrotate0001", "rotate-secret-new"));
        QueryProductListRequest list = new QueryProductListRequest();
        list.setCurrentPage(1);
        list.setPageSize(10);
        assertThatThrownBy(() -> client.getAcsResponse(list)).isInstanceOf(ClientException.class)
                .extracting(e -> ((ClientException) e).getErrCode()).isEqualTo("InvalidAccessKeyId.Inactive");
    }

    @Test
    void anInvalidDocumentIsRefusedAndChangesNothing() throws Exception {
        String doc = "{\"accounts\":[{\"name\":\"half\",\"accessKeys\":[{\"accessKeyId\":\"AKhalf000001\","
                + "\"accessKeySecret\":\"half-secret-0001\"}]},{\"name\":\"bad name with spaces\"}]}";
        HttpResponse<String> response = apply(doc, token);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("account name");
        assertThat(canList(server, "AKhalf000001", "half-secret-0001")).isFalse();
    }

    @Test
    void aKeyCannotBeMovedToAnotherAccount() throws Exception {
        HttpResponse<String> response = apply(account("thief", TestServer.ACME.id(), "stolen-secret-01", "Active"), token);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("stolen-secret-01");
        assertThat(canList(server, TestServer.ACME.id(), TestServer.ACME.secret())).isTrue();
    }

    @Test
    void aWrongTokenIsRefused() throws Exception {
        HttpResponse<String> response = apply(account("intruder", "AKintruder01", "intruder-secret1", "Active"), "guess");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(canList(server, "AKintruder01", "intruder-secret1")).isFalse();
    }

    @Test
    void theTokenFileIsPrivate() throws Exception {
        assertThat(Files.getPosixFilePermissions(server.dataDir().resolve("admin.token")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }
}
