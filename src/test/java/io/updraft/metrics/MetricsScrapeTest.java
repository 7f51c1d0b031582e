package io.updraft.metrics;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.CreateOTAFirmwareRequest;
import com.aliyuncs.iot.model.v20180120.QueryOTAFirmwareRequest;
import com.fasterxml.jackson.databind.JsonNode;
import io.updraft.testing.Batches;
import io.updraft.testing.MqttDevice;
import io.updraft.testing.RawClient;
import io.updraft.testing.Scrape;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import io.updraft.testing.UpgradingDevice;
import io.updraft.testing.Uploads;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Scrapes {@code /metrics} before and after known traffic on a server of its own and checks that every counter
 * moved by exactly that traffic: nothing else talks to this server.
 */
class MetricsScrapeTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestServer server;
    private static RawClient raw;

    @BeforeAll
    static void start() {
        Path dir = Path.of("target", "test-data", "metrics-" + UUID.randomUUID());
        server = TestServer.start(dir, TestServer.bootstrap(dir));
        raw = new RawClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Scrape scrape() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        return Scrape.parse(response.body());
    }

    private static RawClient.Response queryProductList(TestServer.Key key) {
        return raw.v1(key, "QueryProductList").param("CurrentPage", "1").param("PageSize", "10").send();
    }

    @Test
    void requestCountersAndLatencyMoveByExactlyTheRequestsSent() throws Exception {
        Scrape before = scrape();
        for (int i = 0; i < 3; i++) {
            assertThat(queryProductList(TestServer.ACME).status()).isEqualTo(200);
        }
        raw.v1(TestServer.ACME, "QueryProduct").send(); // MissingProductKey
        raw.v1(TestServer.ACME, "NoSuchAction").send();
        Scrape after = scrape();

        String requests = "updraft_api_requests_total";
        assertThat(after.value(requests, "action", "QueryProductList", "status", "200", "code", "none")
                - before.value(requests, "action", "QueryProductList", "status", "200", "code", "none")).isEqualTo(3);
        assertThat(after.value(requests, "action", "QueryProduct", "status", "400", "code", "MissingProductKey")
                - before.value(requests, "action", "QueryProduct", "status", "400", "code", "MissingProductKey"))
                .isEqualTo(1);
        assertThat(after.value(requests, "action", "unknown", "code", "InvalidAction.NotFound")
                - before.value(requests, "action", "unknown", "code", "InvalidAction.NotFound")).isEqualTo(1);
        String latency = "updraft_api_request_duration_seconds";
        assertThat(after.value(latency + "_count", "action", "QueryProductList")
                - before.value(latency + "_count", "action", "QueryProductList")).isEqualTo(3);
        assertThat(after.value(latency + "_bucket", "action", "QueryProductList", "le", "+Inf")
                - before.value(latency + "_bucket", "action", "QueryProductList", "le", "+Inf")).isEqualTo(3);
        assertThat(after.value(latency + "_bucket", "action", "QueryProductList", "le", "10.0")
                - before.value(latency + "_bucket", "action", "QueryProductList", "le", "10.0")).isEqualTo(3);
    }

    @Test
    void signatureFailuresAreCountedByScheme() throws Exception {
        Scrape before = scrape();
        raw.v1(TestServer.ACME, "QueryProductList").param("CurrentPage", "1").param("PageSize", "10")
                .secret("not-the-secret").send();
        raw.v1(TestServer.ACME, "QueryProductList").secret("not-the-secret").send();
        raw.v3(TestServer.ACME, "QueryProductList").secret("not-the-secret").send();
        Scrape after = scrape();
        String failures = "updraft_api_signature_failures_total";
        assertThat(after.value(failures, "scheme", "V1") - before.value(failures, "scheme", "V1")).isEqualTo(2);
        assertThat(after.value(failures, "scheme", "V3", "code", "SignatureDoesNotMatch")
                - before.value(failures, "scheme", "V3", "code", "SignatureDoesNotMatch")).isEqualTo(1);
    }

    @Test
    void throttledRequestsAreCountedOncePerRefusal() throws Exception {
        Scrape before = scrape();
        int throttled = 0;
        for (int i = 0; i < 12; i++) {
            RawClient.Response response = queryProductList(TestServer.CAPPED); // 5 QPS
            if (response.text().contains("Throttling.User")) {
                throttled++;
            }
        }
        Scrape after = scrape();
        assertThat(throttled).isPositive();
        assertThat(after.value("updraft_api_throttled_total", "action", "QueryProductList")
                - before.value("updraft_api_throttled_total", "action", "QueryProductList")).isEqualTo(throttled);
    }

    @Test
    void uploadAndDownloadBytesCountTheFileBytesMoved() throws Exception {
        byte[] content = new byte[12_345];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        IAcsClient client = Sdk.core(server, TestServer.ACME);
        String productKey = Uploads.newProduct(client);
        Scrape before = scrape();
        String fileUrl = Uploads.upload(client, content);
        Scrape uploaded = scrape();
        assertThat(uploaded.value("updraft_upload_bytes_total") - before.value("updraft_upload_bytes_total"))
                .isEqualTo(content.length);

        CreateOTAFirmwareRequest create = new CreateOTAFirmwareRequest();
        create.setProductKey(productKey);
        create.setFirmwareName("metrics_" + UUID.randomUUID().toString().substring(0, 8));
        create.setDestVersion("1.0");
        create.setFirmwareUrl(fileUrl);
        QueryOTAFirmwareRequest query = new QueryOTAFirmwareRequest();
        query.setFirmwareId(client.getAcsResponse(create).getData().getFirmwareId());
        String url = client.getAcsResponse(query).getFirmwareInfo().getFirmwareUrl();
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body()).hasSize(content.length);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Range", "bytes=0-99").build(),
                HttpResponse.BodyHandlers.ofByteArray()).body()).hasSize(100);
        Scrape after = scrape();
        assertThat(after.value("updraft_download_bytes_total") - uploaded.value("updraft_download_bytes_total"))
                .isEqualTo(content.length + 100);
    }

    @Test
    void mqttConnectsReportsRefusalsAndOpenConnectionsAreCounted() throws Exception {
        IAcsClient client = Sdk.core(server, TestServer.ACME);
        MqttDevice device = MqttDevice.register(client, MqttDevice.newProduct(client), "metrics-dev-1");
        Scrape before = scrape();
        MqttClient connected = device.connect(server, "c1");
        try {
            for (int i = 0; i < 2; i++) {
                connected.publish("/ota/device/inform/" + device.productKey() + "/" + device.deviceName(),
                        ("{\"id\":" + i + ",\"params\":{\"version\":\"1." + i + "\"}}").getBytes(StandardCharsets.UTF_8),
                        1, false);
            }
            MqttClient refused = device.client(server, "c2", "hmacsha1");
            assertThatThrownBy(() -> refused.connect(device.options("c2", "hmacsha1", "wrong-secret", 60)))
                    .isInstanceOf(MqttException.class);
            Scrape after = scrape();
            assertThat(after.value("updraft_mqtt_connects_total") - before.value("updraft_mqtt_connects_total"))
                    .isEqualTo(1);
            assertThat(after.value("updraft_mqtt_reports_total") - before.value("updraft_mqtt_reports_total"))
                    .isEqualTo(2);
            assertThat(after.value("updraft_mqtt_refused_logins_total", "reason", "WRONG_PASSWORD")
                    - before.value("updraft_mqtt_refused_logins_total", "reason", "WRONG_PASSWORD")).isEqualTo(1);
            assertThat(after.value("updraft_mqtt_connections")).isEqualTo(1);
        } finally {
            connected.disconnect();
            connected.close();
        }
    }

    @Test
    void everyMetricTheGrafanaDashboardQueriesIsExported() throws Exception {
        // the lazily registered counters need one event each
        raw.v1(TestServer.ACME, "QueryProductList").secret("not-the-secret").send();
        for (int i = 0; i < 8; i++) {
            queryProductList(TestServer.CAPPED);
        }
        MqttDevice stranger = new MqttDevice("a1NoSuchProd", "no-such-device", "secret", null);
        assertThatThrownBy(() -> stranger.connect(server, "c3")).isInstanceOf(MqttException.class);
        Scrape scrape = scrape();
        String dashboard = java.nio.file.Files.readString(Path.of("docs", "grafana-dashboard.json"));
        java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\b((?:updraft|hikaricp|jvm)_[a-z_]+)")
                .matcher(dashboard);
        int found = 0;
        while (names.find()) {
            found++;
            assertThat(scrape.has(names.group(1))).as(names.group(1)).isTrue();
        }
        assertThat(found).isGreaterThan(10);
    }

    @Test
    void oneUpgradeMovesThePushesAndTheTaskStatesByExactlyOneTask() throws Exception {
        IAcsClient core = Sdk.core(server, TestServer.ACME);
        String productKey = MqttDevice.newProduct(core);
        try (UpgradingDevice device = UpgradingDevice.connect(server, MqttDevice.register(core, productKey, "metered-1"))) {
            device.reportVersion("1.0.0");
            String firmwareId = Batches.newPackage(core, productKey, new byte[1000], "2.0.0", "MD5");
            Scrape before = scrape();
            String jobId = Batches.staticJob(core, productKey, firmwareId, List.of("metered-1"), r -> { });
            JsonNode push = device.awaitPush();
            Batches.awaitTask(core, jobId, "metered-1", "NOTIFIED");
            Scrape notified = scrape();
            assertThat(notified.value("updraft_batch_pushes_total") - before.value("updraft_batch_pushes_total"))
                    .isEqualTo(1);
            assertThat(notified.value("updraft_batch_tasks", "state", "NOTIFIED")
                    - before.value("updraft_batch_tasks", "state", "NOTIFIED")).isEqualTo(1);
            assertThat(notified.value("updraft_batch_tasks") - before.value("updraft_batch_tasks")).isEqualTo(1);

            device.upgrade(push.path("data"));
            Batches.awaitTask(core, jobId, "metered-1", "SUCCEEDED");
            Scrape after = scrape();
            assertThat(after.value("updraft_batch_tasks", "state", "NOTIFIED"))
                    .isEqualTo(before.value("updraft_batch_tasks", "state", "NOTIFIED"));
            assertThat(after.value("updraft_batch_tasks", "state", "SUCCEEDED")
                    - before.value("updraft_batch_tasks", "state", "SUCCEEDED")).isEqualTo(1);
            assertThat(after.value("updraft_batch_pushes_total") - before.value("updraft_batch_pushes_total"))
                    .isEqualTo(1);
        }
    }

    @Test
    void storePoolUsageIsExported() throws Exception {
        Scrape scrape = scrape();
        assertThat(scrape.value("hikaricp_connections_max", "pool", "updraft-db")).isEqualTo(10);
        assertThat(scrape.has("hikaricp_connections_active")).isTrue();
        assertThat(scrape.has("jvm_memory_used_bytes")).isTrue();
    }
}
