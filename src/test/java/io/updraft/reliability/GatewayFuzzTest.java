package io.updraft.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import io.updraft.api.ActionDefinition;
import io.updraft.api.ActionTable;
import io.updraft.error.ErrorCode;
import io.updraft.testing.RawClient;
import io.updraft.testing.TestServer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.HashSet;
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

    @Provide
    Arbitrary<Call> calls() {
        Arbitrary<String> action = Arbitraries.oneOf(Arbitraries.of(ACTIONS), Arbitraries.strings().ofMaxLength(20));
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of(HOSTILE), Arbitraries.strings().ofMaxLength(80));
        Arbitrary<Map<String, String>> params = Arbitraries.maps(Arbitraries.of(NAMES), value).ofMaxSize(8);
        return Combinators.combine(Arbitraries.of("GET", "POST"), action, params, Arbitraries.integers().between(0, 2),
                        Arbitraries.of(true, false), Arbitraries.of("JSON", "XML", "json", "", "YAML"))
                .as(Call::new);
    }

    @Property(seed = "20261126")
    void everyAnswerIsWellFormedWithAKnownCodeAndNeverA5xx(@ForAll("calls") Call call) throws Exception {
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

    @Property(tries = 1)
    void theServerIsStillHealthyAfterTheFuzzing() {
        assertThat(RAW.plain("GET", "/health").send().status()).isEqualTo(200);
    }
}
