package io.updraft.cluster;

import com.aliyun.iot20180120.Client;
import com.aliyun.iot20180120.models.CreateOTAModuleRequest;
import com.aliyun.iot20180120.models.CreateOTAModuleResponseBody;
import com.aliyun.iot20180120.models.CreateProductRequest;
import com.aliyun.iot20180120.models.ListOTAModuleByProductRequest;
import com.aliyun.iot20180120.models.ListOTAModuleByProductResponseBody;
import com.aliyun.iot20180120.models.QueryProductListRequest;
import com.aliyun.tea.TeaException;
import io.updraft.config.UpdraftConfig;
import io.updraft.gateway.signature.PercentEncoder;
import io.updraft.gateway.signature.SignatureV1;
import io.updraft.testing.PostgresqlOnly;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestCluster;
import io.updraft.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two Updraft nodes on one PostgreSQL database, requests spread over both as a load balancer would. */
@PostgresqlOnly
class TwoNodeClusterTest {
    private static TestCluster cluster;

    @BeforeAll
    static void start() {
        cluster = TestCluster.start(2);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void twentyParallelCreatesOnOneProductMakeExactlyTenModules() throws Exception {
        String productKey = createProduct();

        List<String> codes = inParallel(20, i -> createModule(cluster.roundRobin(i), productKey, "module" + i));

        assertThat(codes).filteredOn("OK"::equals).hasSize(10);
        assertThat(codes).filteredOn("iot.ota.OtaModuleCountExceedMax"::equals).hasSize(10);
        assertThat(listModules(cluster.node(1), productKey)).hasSize(10);
        assertThat(listModules(cluster.node(2), productKey)).hasSize(10);
    }

    @Test
    void namesDifferingOnlyInCaseRacingOnBothNodesMakeExactlyOneModule() throws Exception {
        String productKey = createProduct();

        List<String> codes = inParallel(12, i -> createModule(cluster.roundRobin(i), productKey,
                i % 2 == 0 ? "Scanner" : "scanner"));

        assertThat(codes).filteredOn("OK"::equals).hasSize(1);
        assertThat(codes).filteredOn("iot.ota.OtaModuleAlreadyExisted"::equals).hasSize(11);
        assertThat(listModules(cluster.node(2), productKey)).hasSize(1);
    }

    @Test
    void anAccountsQuotaHoldsAcrossBothNodes() throws Exception {
        // capped: 5 per second for every Action; per-node limiters would admit 10
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            clients.add(Sdk.tea(cluster.roundRobin(i), TestServer.CAPPED, false));
        }
        listModules(cluster.node(1), createProduct()); // warm up the SDK, so that the 40 calls fit in one second
        long started = System.nanoTime();
        List<String> codes = inParallel(40, i -> {
            try {
                clients.get(i).queryProductList(new QueryProductListRequest().setCurrentPage(1).setPageSize(10));
                return "OK";
            } catch (TeaException e) {
                return e.getCode();
            }
        });
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(elapsedMillis).as("all 40 calls fell in one second").isLessThan(1_000);
        assertThat(codes).filteredOn("OK"::equals).hasSize(5);
        assertThat(codes).filteredOn("Throttling.User"::equals).hasSize(35);
    }

    @Test
    void aNonceUsedOnOneNodeIsRefusedOnTheOther() throws Exception {
        String nonce = UUID.randomUUID().toString();

        HttpResponse<String> first = signedQueryProductList(cluster.node(1), nonce);
        HttpResponse<String> replayed = signedQueryProductList(cluster.node(2), nonce);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(replayed.body()).contains("\"Code\":\"SignatureNonceUsed\"");
    }

    @Test
    void aModuleCreatedOnOneNodeIsListedOnTheOtherAtOnce() throws Exception {
        String productKey = createProduct();

        assertThat(createModule(cluster.node(1), productKey, "mcu")).isEqualTo("OK");

        assertThat(listModules(cluster.node(2), productKey))
                .extracting(ListOTAModuleByProductResponseBody.ListOTAModuleByProductResponseBodyData::getModuleName)
                .containsExactly("mcu");
    }

    @Test
    void aNodeWithAnotherMasterKeyRefusesToStart() {
        byte[] otherKey = new byte[32];
        UpdraftConfig stranger = cluster.nodeConfig("stranger")
                .withMasterKey(Base64.getEncoder().encodeToString(otherKey));

        assertThatThrownBy(() -> TestServer.start(stranger))
                .hasMessageContaining("is this the master key it was written with?");
    }

    private static String createProduct() throws Exception {
        return Sdk.tea(cluster.node(1), TestServer.GLOBEX, false).createProduct(new CreateProductRequest()
                .setProductName("cluster_" + UUID.randomUUID().toString().substring(0, 8)).setNodeType(0))
                .getBody().getProductKey();
    }

    private static String createModule(TestServer node, String productKey, String name) throws Exception {
        CreateOTAModuleResponseBody body = Sdk.tea(node, TestServer.GLOBEX, false).createOTAModule(
                new CreateOTAModuleRequest().setProductKey(productKey).setModuleName(name)).getBody();
        return body.getSuccess() ? "OK" : body.getCode();
    }

    private static List<ListOTAModuleByProductResponseBody.ListOTAModuleByProductResponseBodyData> listModules(
            TestServer node, String productKey) throws Exception {
        return Sdk.tea(node, TestServer.GLOBEX, false)
                .listOTAModuleByProduct(new ListOTAModuleByProductRequest().setProductKey(productKey))
                .getBody().getData();
    }

    /** A V1 GET signed here, because every SDK picks a fresh SignatureNonce and a replay needs the same one. */
    private static HttpResponse<String> signedQueryProductList(TestServer node, String nonce) throws Exception {
        Map<String, String> params = new TreeMap<>(Map.of(
                "Action", "QueryProductList", "CurrentPage", "1", "PageSize", "10", "Format", "JSON",
                "Version", "2018-01-20", "AccessKeyId", TestServer.GLOBEX.id(), "SignatureMethod", "HMAC-SHA1",
                "SignatureVersion", "1.0", "SignatureNonce", nonce,
                "Timestamp", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'"))));
        params.put("Signature", SignatureV1.sign(SignatureV1.stringToSign("GET", params), TestServer.GLOBEX.secret()));
        String query = params.entrySet().stream()
                .map(e -> PercentEncoder.encode(e.getKey()) + "=" + PercentEncoder.encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://" + node.endpoint() + "/?" + query)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private interface Call {
        String run(int i) throws Exception;
    }

    /** Runs {@code n} calls released together, and returns their outcomes in call order. */
    private static List<String> inParallel(int n, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<String> task = () -> {
                    go.await();
                    return call.run(index);
                };
                results.add(pool.submit(task));
            }
            go.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> result : results) {
                outcomes.add(result.get());
            }
            return outcomes;
        } finally {
            pool.shutdown();
        }
    }
}
