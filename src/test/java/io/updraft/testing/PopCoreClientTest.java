package io.updraft.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proves the pop-core harness against a tiny fake server, independent of Updraft itself:
 * requests arrive as the real SDK sends them and every kind of answer comes back intact.
 */
class PopCoreClientTest {

  private static final String SECRET = "test-secret";
  private static final String OK_BODY =
      "{\"RequestId\":\"X\",\"Success\":true,\"Data\":{\"ProductKey\":\"a1xyz\"}}";

  private record Recorded(String method, String query, String body, Map<String, String> headers) {}

  private record Answer(int status, String body) {}

  private static HttpServer server;
  private static PopCoreClient client;
  private static final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private static volatile Answer answer;

  @BeforeAll
  static void startFakeServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", PopCoreClientTest::handle);
    server.start();
    client = new PopCoreClient("http://127.0.0.1:" + server.getAddress().getPort(), "test-ak", SECRET);
  }

  @AfterAll
  static void stopFakeServer() {
    server.stop(0);
  }

  @BeforeEach
  void reset() {
    requests.clear();
    answer = new Answer(200, OK_BODY);
  }

  private static void handle(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new TreeMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawQuery(), body, headers));
    Answer a = answer;
    byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
    exchange.sendResponseHeaders(a.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Test
  void getSendsSignedQueryAndPostSendsSignedFormBody() {
    // Characters that RPC percent-encoding treats specially, to pin the signature rules down.
    Map<String, String> params = Map.of("ProductName", "Demo product *~'ü", "NodeType", "0");

    List<PopCoreResult> results = client.callAll(List.of(
        PopCoreClient.Call.get("CreateProduct", params),
        PopCoreClient.Call.post("CreateProduct", params)));

    assertThat(results).hasSize(2).allSatisfy(r -> {
      assertThat(r.ok()).as("%s", r).isTrue();
      assertThat(r.httpStatus()).isEqualTo(200);
      assertThat(r.body().path("Data").path("ProductKey").asText()).isEqualTo("a1xyz");
    });
    assertThat(requests).hasSize(2);

    Recorded get = requests.get(0);
    assertThat(get.method()).isEqualTo("GET");
    assertThat(get.body()).isEmpty();
    assertRpcParams(decodeForm(get.query()), "GET");

    Recorded post = requests.get(1);
    assertThat(post.method()).isEqualTo("POST");
    assertThat(post.query()).isNull();
    assertThat(post.headers().get("content-type")).isEqualTo("application/x-www-form-urlencoded");
    assertRpcParams(decodeForm(post.body()), "POST");

    assertThat(post.headers()).containsEntry("x-acs-action", "CreateProduct")
        .containsEntry("x-acs-version", "2018-01-20");
  }

  private static void assertRpcParams(Map<String, String> p, String method) {
    assertThat(p).containsKeys("Signature", "SignatureNonce", "Timestamp")
        .containsEntry("Action", "CreateProduct")
        .containsEntry("AccessKeyId", "test-ak")
        .containsEntry("Format", "JSON")
        .containsEntry("Version", "2018-01-20")
        .containsEntry("SignatureMethod", "HMAC-SHA1")
        .containsEntry("SignatureVersion", "1.0")
        .containsEntry("ProductName", "Demo product *~'ü")
        .containsEntry("NodeType", "0");
    assertThat(p.get("Timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(p.get("Signature")).isEqualTo(expectedSignature(method, p));
  }

  @Test
  void businessErrorWithSuccessFalseIsNotOk() {
    answer = new Answer(200, "{\"RequestId\":\"X\",\"Success\":false,\"Code\":\"iot.prod.NotExistedProduct\","
        + "\"ErrorMessage\":\"The specified product does not exist.\"}");

    PopCoreResult r = client.get("QueryProduct", Map.of("ProductKey", "nope"));

    assertThat(r.ok()).isFalse();
    assertThat(r.httpStatus()).isEqualTo(200);
    assertThat(r.code()).isEqualTo("iot.prod.NotExistedProduct");
    assertThat(r.errorName()).isEqualTo("iot.prod.NotExistedProductError");
    assertThat(r.body()).isNull();
    assertThat(r.data().path("ErrorMessage").asText()).isEqualTo("The specified product does not exist.");
    assertThat(r.data().path("Success").asBoolean(true)).isFalse();
  }

  @Test
  void gatewayErrorIsNotOk() {
    answer = new Answer(400, "{\"RequestId\":\"X\",\"HostId\":\"h\",\"Code\":\"MissingProductKey\","
        + "\"Message\":\"ProductKey is mandatory for this action.\",\"Recommend\":\"u\"}");

    PopCoreResult r = client.post("QueryProduct", Map.of());

    assertThat(r.ok()).isFalse();
    assertThat(r.httpStatus()).isEqualTo(400);
    assertThat(r.code()).isEqualTo("MissingProductKey");
    assertThat(r.message()).startsWith("ProductKey is mandatory for this action., URL: http://127.0.0.1:");
    assertThat(r.data().path("Recommend").asText()).isEqualTo("u");
  }

  @Test
  void numbersBeyondDoublePrecisionStayExact() {
    // pop-core parses with json-bigint; the harness must hand these back as exact JSON numbers.
    answer = new Answer(200, "{\"RequestId\":\"X\",\"Big\":12345678901234567890,\"Small\":42,\"Time\":1700000000000}");

    JsonNode body = client.get("Anything", Map.of()).requireOk();

    assertThat(body.get("Big").isIntegralNumber()).isTrue();
    assertThat(body.get("Big").bigIntegerValue()).isEqualTo(new BigInteger("12345678901234567890"));
    assertThat(body.get("Small").asInt()).isEqualTo(42);
    assertThat(body.get("Time").asLong()).isEqualTo(1700000000000L);
  }

  private static Map<String, String> decodeForm(String form) {
    Map<String, String> map = new TreeMap<>();
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      map.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return map;
  }

  /** The documented RPC signature (v1, HMAC-SHA1), computed independently of the SDK. */
  private static String expectedSignature(String method, Map<String, String> params) {
    String canonical = new TreeMap<>(params).entrySet().stream()
        .filter(e -> !e.getKey().equals("Signature"))
        .map(e -> percentEncode(e.getKey()) + "=" + percentEncode(e.getValue()))
        .collect(Collectors.joining("&"));
    String stringToSign = method + "&" + percentEncode("/") + "&" + percentEncode(canonical);
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec((SECRET + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String percentEncode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8)
        .replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
  }
}
