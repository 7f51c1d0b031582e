package io.updraft.tls;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.iot.model.v20180120.CreateOTAFirmwareRequest;
import com.aliyuncs.iot.model.v20180120.CreateOTAFirmwareResponse;
import com.aliyuncs.iot.model.v20180120.CreateProductRequest;
import com.aliyuncs.iot.model.v20180120.GenerateOTAUploadURLRequest;
import com.aliyuncs.iot.model.v20180120.GenerateOTAUploadURLResponse;
import com.aliyuncs.iot.model.v20180120.QueryOTAFirmwareRequest;
import com.aliyuncs.iot.model.v20180120.QueryProductRequest;
import com.aliyuncs.profile.DefaultProfile;
import com.fasterxml.jackson.databind.JsonNode;
import io.updraft.config.TlsSettings;
import io.updraft.testing.PostObjectForm;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import io.updraft.testing.TestTls;
import io.updraft.testing.Uploads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official cloud SDKs reach the API over HTTPS trusting the server's CA the way their users would (the core
 * SDK's trust-manager option, the JVM trust store for Tea, NODE_EXTRA_CA_CERTS for pop-core) — never by turning
 * certificate checks off. Upload forms and download links point at HTTPS, and a ranged download works there.
 */
class HttpsSdkTest {
    private static TestServer server;
    private static Path ca;

    @BeforeAll
    static void startTlsServer() {
        Path dir = Path.of("target", "test-data", "https-sdk-" + UUID.randomUUID());
        server = TestServer.start(dir, TestServer.bootstrap(dir),
                c -> c.withTls(TlsSettings.auto(List.of()).withPorts(0, 0)));
        ca = server.caCertificate();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void coreSdkCallsOverHttpsTrustingTheCa() throws Exception {
        IAcsClient core = Sdk.coreHttps(server, TestServer.ACME, ca);
        String productKey = newProduct(core, "core");
        QueryProductRequest query = new QueryProductRequest();
        query.setProductKey(productKey);
        assertThat(core.getAcsResponse(query).getData().getProductKey()).isEqualTo(productKey);
    }

    @Test
    void coreSdkWithoutTheCaIsRefusedTheHandshake() {
        DefaultProfile profile = DefaultProfile.getProfile("cn-shanghai", TestServer.ACME.id(), TestServer.ACME.secret());
        DefaultProfile.addEndpoint("cn-shanghai", "Iot", server.httpsEndpoint());
        com.aliyuncs.http.HttpClientConfig http = com.aliyuncs.http.HttpClientConfig.getDefault();
        http.setProtocolType(com.aliyuncs.http.ProtocolType.HTTPS);
        http.setCompatibleMode(true); // its own settings, not those of the JVM's first core client
        profile.setHttpClientConfig(http);
        IAcsClient untrusting = new com.aliyuncs.DefaultAcsClient(profile);
        assertThatThrownBy(() -> untrusting.getAcsResponse(new GenerateOTAUploadURLRequest()))
                .isInstanceOf(ClientException.class)
                .hasMessageContaining("SDK.ServerUnreachable");
    }

    @Test
    void teaSdkV3CallsOverHttpsTrustingTheCaThroughTheJvmTrustStore() throws Exception {
        Path store = TestTls.trustStoreFile(ca, Files.createTempFile(server.dataDir(), "truststore", ".p12"));
        String previous = System.getProperty("javax.net.ssl.trustStore");
        System.setProperty("javax.net.ssl.trustStore", store.toAbsolutePath().toString());
        System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        try {
            com.aliyun.iot20180120.Client tea = Sdk.teaHttps(server, TestServer.ACME);
            var created = tea.createProduct(new com.aliyun.iot20180120.models.CreateProductRequest()
                    .setProductName("tea_" + UUID.randomUUID().toString().substring(0, 8)).setNodeType(0)).getBody();
            assertThat(created.getSuccess()).isTrue();
            var queried = tea.queryProduct(new com.aliyun.iot20180120.models.QueryProductRequest()
                    .setProductKey(created.getData().getProductKey())).getBody();
            assertThat(queried.getData().getProductKey()).isEqualTo(created.getData().getProductKey());
        } finally {
            restore("javax.net.ssl.trustStore", previous);
            System.clearProperty("javax.net.ssl.trustStorePassword");
            System.clearProperty("javax.net.ssl.trustStoreType");
        }
    }

    @Test
    void popCoreCallsOverHttpsTrustingTheCaThroughNodeExtraCaCerts() {
        var popCore = new io.updraft.testing.PopCoreClient("https://" + server.httpsEndpoint(),
                TestServer.ACME.id(), TestServer.ACME.secret()).trusting(ca);
        JsonNode created = popCore.post("CreateProduct", Map.of("ProductName",
                "pop_" + UUID.randomUUID().toString().substring(0, 8), "NodeType", "0")).requireOk();
        assertThat(created.path("Success").asBoolean()).isTrue();
        String productKey = created.path("Data").path("ProductKey").asText();
        JsonNode queried = popCore.get("QueryProduct", Map.of("ProductKey", productKey)).requireOk();
        assertThat(queried.path("Data").path("ProductKey").asText()).isEqualTo(productKey);
    }

    @Test
    void popCoreWithoutTheCaFailsTheCall() {
        var popCore = new io.updraft.testing.PopCoreClient("https://" + server.httpsEndpoint(),
                TestServer.ACME.id(), TestServer.ACME.secret());
        var result = popCore.get("QueryProductList", Map.of("CurrentPage", "1", "PageSize", "10"));
        assertThat(result.ok()).isFalse();
        assertThat(result.code() + " " + result.message()).containsIgnoringCase("certificate");
    }

    @Test
    void uploadFormAndDownloadLinkUseHttpsAndARangedDownloadWorks() throws Exception {
        IAcsClient core = Sdk.coreHttps(server, TestServer.ACME, ca);
        HttpClient https = TestTls.httpClient(ca);
        String productKey = newProduct(core, "fw");
        byte[] content = new byte[300_000];
        new Random(14).nextBytes(content);

        GenerateOTAUploadURLResponse.Data form = core.getAcsResponse(new GenerateOTAUploadURLRequest()).getData();
        assertThat(form.getHost()).isEqualTo("https://127.0.0.1:" + server.httpsPort() + "/ota-upload");
        HttpResponse<String> posted = PostObjectForm.of(form.getKey(), form.getPolicy(), form.getOSSAccessKeyId(),
                form.getSignature()).field("success_action_status", "200").using(https).post(form.getHost(), content);
        assertThat(posted.statusCode()).isEqualTo(200);

        CreateOTAFirmwareRequest create = new CreateOTAFirmwareRequest();
        create.setProductKey(productKey);
        create.setFirmwareName("tls_" + UUID.randomUUID().toString().substring(0, 8));
        create.setDestVersion("2.0.0");
        create.setFirmwareUrl(form.getFirmwareUrl());
        create.setFirmwareSign(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content)));
        create.setSignMethod("MD5");
        create.setFirmwareSize(content.length);
        CreateOTAFirmwareResponse created = core.getAcsResponse(create);
        assertThat(created.getSuccess()).as(created.getErrorMessage()).isTrue();
        QueryOTAFirmwareRequest query = new QueryOTAFirmwareRequest();
        query.setFirmwareId(created.getData().getFirmwareId());
        String link = core.getAcsResponse(query).getFirmwareInfo().getFirmwareUrl();
        assertThat(link).startsWith("https://127.0.0.1:" + server.httpsPort() + "/ota-files/");

        HttpResponse<byte[]> ranged = https.send(HttpRequest.newBuilder(URI.create(link))
                .header("Range", "bytes=100000-").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(ranged.statusCode()).isEqualTo(206);
        assertThat(ranged.headers().firstValue("Content-Range")).hasValue("bytes 100000-299999/300000");
        assertThat(ranged.body()).isEqualTo(Arrays.copyOfRange(content, 100_000, content.length));
    }

    @Test
    void httpsNegotiatesHttp2WithClientsThatOfferIt() throws Exception {
        HttpResponse<String> health = TestTls.httpClient(ca).send(HttpRequest.newBuilder(
                URI.create("https://" + server.httpsEndpoint() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.version()).isEqualTo(HttpClient.Version.HTTP_2);
    }

    @Test
    void theLocalCaIsServedAtItsDocumentedPathOverHttpAndHttps() throws Exception {
        String expected = Files.readString(ca);
        HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + server.endpoint() + LocalCertificateAuthority.CA_PATH)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body()).isEqualTo(expected).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(plain.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("application/x-pem-file"));
        HttpResponse<String> secure = TestTls.httpClient(ca).send(HttpRequest.newBuilder(
                URI.create("https://" + server.httpsEndpoint() + LocalCertificateAuthority.CA_PATH)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
        assertThat(secure.body()).isEqualTo(expected);
    }

    private static String newProduct(IAcsClient core, String prefix) throws Exception {
        CreateProductRequest create = new CreateProductRequest();
        create.setProductName(prefix + "_" + UUID.randomUUID().toString().substring(0, 8));
        create.setNodeType(0);
        create.setAliyunCommodityCode("iothub_senior");
        return core.getAcsResponse(create).getProductKey();
    }

    private static void restore(String property, String previous) {
        if (previous == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, previous);
        }
    }
}
