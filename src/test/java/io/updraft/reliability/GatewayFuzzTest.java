package io.updraft.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import io.updraft.api.ActionDefinition;
import io.updraft.api.ActionTable;
import io.updraft.error.ErrorCode;
import io.updraft.testing.RawClient;
import io.updraft.testing.TestServer;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Random;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated requests — correctly signed, badly signed and unsigned, with hostile values in every parameter — always
 * get a well-formed JSON or XML answer with a known code, never a 5xx, and the server stays up.
 */
class GatewayFuzzTest {
    private static final long SEED = 20261126L;
    private static final TestServer SERVER = TestServer.shared();
    private static final RawClient RAW = new RawClient(SERVER);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final XmlMapper XML = new XmlMapper();
    private static final Set<String> KNOWN_CODES = knownCodes();
    private static final Pattern TEMPLATED = Pattern.compile("(Missing|Invalid)[A-Za-z0-9.]+");
    private static final List<String> ACTIONS = ActionTable.unwired().all().stream()
            .map(ActionDefinition::name).toList();
    private static final List<String> NAMES = List.of("ProductKey", "ProductName", "NodeType", "ModuleName",
            "AliasName", "Desc", "Description", "CurrentPage", "PageSize", "IotInstanceId", "DataFormat",
            "AliyunCommodityCode", "AuthType", "NetType", "ValidateType", "Id2", "Format", "X", "DeviceName", "IotId",
            "Nickname");
    private static final List<String> HOSTILE = List.of("", " ", "' OR '1'='1", "'; DROP TABLE product; --",
            "<script>alert(1)</script>", "]]><!ENTITY x SYSTEM \"file:///etc/passwd\">", "\"},{\"Success\":true",
            "\\u0000", "-1", "0", "2147483648", "-2147483649", "1e309", "NaN", "😀😀😀", "中文名称", "default",
            "DEFAULT", "a".repeat(65), "a".repeat(101), "%", "&", "=", "+", "iot-cn-acme01", "true", "yes");

    private static Set<String> knownCodes() {
        Set<String> codes = new HashSet<>();
        for (ErrorCode code : ErrorCode.values()) {
            codes.add(code.code());
        }
        return codes;
    }

    record Call(String method, String action, Map<String, String> params, int signing, boolean inBody, String format) {
    }

    /** A random call: any Action or a random name, hostile or random values, good, wrong or no signature. */
    private static Call randomCall(Random random) {
        String action = random.nextInt(4) == 0 ? randomString(random, 20) : ACTIONS.get(random.nextInt(ACTIONS.size()));
        Map<String, String> params = new LinkedHashMap<>();
        int count = random.nextInt(9);
        for (int i = 0; i < count; i++) {
            String value = random.nextBoolean() ? HOSTILE.get(random.nextInt(HOSTILE.size())) : randomString(random, 80);
            params.put(NAMES.get(random.nextInt(NAMES.size())), value);
        }
        String[] formats = {"JSON", "XML", "json", "", "YAML"};
        return new Call(random.nextBoolean() ? "GET" : "POST", action, params, random.nextInt(3), random.nextBoolean(),
                formats[random.nextInt(formats.length)]);
    }

    /** Any UTF-16 text, including unpaired surrogates and control characters. */
    private static String randomString(Random random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(random.nextInt(3) == 0 ? (char) random.nextInt(0x10000) : (char) (32 + random.nextInt(95)));
        }
        return text.toString();
    }

    /** Seeded, so a failure reproduces; {@code -Dupdraft.fuzz.calls=20000} makes a soak run. */
    @Test
    void everyAnswerIsWellFormedWithAKnownCodeAndNeverA5xx() throws Exception {
        Random random = new Random(SEED);
        int calls = Integer.getInteger("updraft.fuzz.calls", 250);
        for (int i = 0; i < calls; i++) {
            check(randomCall(random));
        }
        assertThat(RAW.plain("GET", "/health").send().status()).as("the server is still healthy").isEqualTo(200);
    }

    private static void check(Call call) throws Exception {
        RawClient.V1 request = RAW.v1(TestServer.ACME, call.action()).method(call.method()).params(call.params());
        if (!call.format().isEmpty()) {
            request.param("Format", call.format());
        }
        if (call.inBody()) {
            request.inBody();
        }
        if (call.signing() == 1) {
            request.secret("wrong-secret-000");
        } else if (call.signing() == 2) {
            request.unsigned();
        }
        RawClient.Response response = request.send();

        assertThat(response.status()).as(call.toString()).isLessThan(500);
        JsonNode body = response.contentType().startsWith("application/json")
                ? JSON.readTree(response.body()) : XML.readTree(response.body());
        assertThat(body.path("RequestId").asText()).as(call.toString()).matches("[0-9A-F-]{36}");
        if (response.status() != 200 || !body.path("Success").asBoolean()) {
            String code = body.path("Code").asText();
            assertThat(KNOWN_CODES.contains(code) || TEMPLATED.matcher(code).matches())
                    .as("unknown code %s for %s", code, call).isTrue();
        }
    }
}
