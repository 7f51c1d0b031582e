package io.updraft.gateway;

import com.aliyun.tea.TeaException;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.iot.model.v20180120.QueryProductListRequest;
import com.fasterxml.jackson.databind.JsonNode;
import io.updraft.testing.RawClient;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every gateway error through a raw HTTP client (protocol.md §7, §8.3, §10, §11), and the ones whose exact wire form
 * an official SDK depends on through that SDK.
 */
class GatewayErrorsTest {
    static final String JSON_TYPE = "application/json;charset=utf-8";
    static final String XML_TYPE = "text/xml;charset=utf-8";
    static final String REQUEST_ID = "[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}";
    static final String HOST_ID = "iot.cn-shanghai.aliyuncs.com";
    static final String SIGNATURE_MISMATCH =
            "Specified signature is not matched with our calculation. server string to sign is:";
    static final TestServer.Key UNKNOWN = new TestServer.Key("AKdoesNotExist01", "whatever-secret-000001");

    private static final TestServer server = TestServer.shared();
    private static final RawClient raw = new RawClient(server);
    private static String productKey;

    @BeforeAll
    static void createProduct() {
        RawClient.Response created = raw.v1(TestServer.ACME, "CreateProduct")
                .param("ProductName", "gw_" + UUID.randomUUID().toString().substring(0, 8))
                .param("NodeType", "0").param("Description", "温度传感器 sensor").send();
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        productKey = created.json().get("ProductKey").asText();
    }

    /** Asserts the full shape of a JSON gateway error and returns its body. */
    static JsonNode assertGatewayError(RawClient.Response r, int status, String code, String message) {
        JsonNode body = assertGatewayErrorShape(r, status, code);
        assertThat(body.path("Message").asText()).isEqualTo(message);
        return body;
    }

    /** Like {@link #assertGatewayError} for a message known only by its start. */
    static JsonNode assertGatewayErrorStartingWith(RawClient.Response r, int status, String code, String prefix) {
        JsonNode body = assertGatewayErrorShape(r, status, code);
        assertThat(body.path("Message").asText()).startsWith(prefix);
        return body;
    }

    private static JsonNode assertGatewayErrorShape(RawClient.Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).isEqualTo(JSON_TYPE);
        JsonNode body = r.json();
        assertThat(body.path("Code").asText()).isEqualTo(code);
        assertThat(body.path("RequestId").asText()).matches(REQUEST_ID).isEqualTo(r.header("x-acs-request-id"));
        assertThat(body.path("HostId").asText()).isEqualTo(HOST_ID);
        assertThat(body.path("Recommend").asText())
                .isEqualTo("https://api.aliyun.com/troubleshoot?q=" + code + "&product=Iot");
        assertThat(body.has("Success")).as("a gateway error has no Success field").isFalse();
        return body;
    }

    static void assertOk(RawClient.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo(JSON_TYPE);
        JsonNode body = r.json();
        assertThat(body.path("Success").asBoolean()).as(r.toString()).isTrue();
        assertThat(body.path("RequestId").asText()).matches(REQUEST_ID).isEqualTo(r.header("x-acs-request-id"));
    }

    static Element xmlRoot(RawClient.Response r) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(r.body()));
        return doc.getDocumentElement();
    }

    static String child(Element root, String name) {
        var nodes = root.getElementsByTagName(name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    private RawClient.V1 queryList(TestServer.Key key) {
        return raw.v1(key, "QueryProductList").param("CurrentPage", "1").param("PageSize", "10");
    }

    // ---------------------------------------------------------------- missing common parameters

    @ParameterizedTest(name = "without {0}")
    @ValueSource(strings = {"Action", "AccessKeyId", "Timestamp", "SignatureNonce"})
    void missingCommonParameterIs400(String name) {
        assertGatewayError(queryList(TestServer.ACME).without(name).send(),
                400, "Missing" + name, name + " is mandatory for this action.");
    }

    @Test
    void missingParameterInAFormBodyIsAnsweredInTheBodysFormat() {
        // pop-core POST: everything, Format=JSON included, in the form body; no Accept header
        assertGatewayError(queryList(TestServer.ACME).inBody().without("Action").send(),
                400, "MissingAction", "Action is mandatory for this action.");
    }

    @Test
    void missingSignatureIs400() {
        assertGatewayError(queryList(TestServer.ACME).unsigned().send(),
                400, "MissingSignature", "Signature is mandatory for this action.");
    }

    // ---------------------------------------------------------------- AccessKey

    @Test
    void unknownAccessKeyIs404() {
        assertGatewayError(queryList(UNKNOWN).send(),
                404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
    }

    @Test
    void inactiveAccessKeyIs400() {
        assertGatewayError(queryList(TestServer.ACME_INACTIVE).send(),
                400, "InvalidAccessKeyId.Inactive", "Specified access key is disabled.");
    }

    // ---------------------------------------------------------------- time

    @ParameterizedTest(name = "Timestamp={0}")
    @ValueSource(strings = {"2026-01-02 03:04:05", "2026-01-02T03:04:05.123Z", "2026-01-02T03:04:05+08:00",
            "2026-02-30T03:04:05Z", "yesterday"})
    void malformedTimestampIs400(String timestamp) {
        assertGatewayError(queryList(TestServer.ACME).timestamp(timestamp).send(),
                400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.");
    }

    @ParameterizedTest(name = "{0} minutes off")
    @ValueSource(ints = {-16, 16})
    void timestampMoreThan15MinutesOffIsExpired(int minutes) {
        String at = RawClient.timestamp(Instant.now().plus(Duration.ofMinutes(minutes)));
        assertGatewayError(queryList(TestServer.ACME).timestamp(at).send(),
                400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
    }

    @ParameterizedTest(name = "{0} minutes off")
    @ValueSource(ints = {-14, 14})
    void timestampWithin15MinutesIsAccepted(int minutes) {
        String at = RawClient.timestamp(Instant.now().plus(Duration.ofMinutes(minutes)));
        assertOk(queryList(TestServer.ACME).timestamp(at).send());
    }

    @Test
    void v3DateMoreThan15MinutesOldIsExpired() {
        String at = RawClient.timestamp(Instant.now().minus(Duration.ofMinutes(16)));
        assertGatewayError(raw.v3(TestServer.ACME, "QueryProduct").query("ProductKey", productKey).date(at).send(),
                400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
    }

    // ---------------------------------------------------------------- nonce

    @Test
    void reusedNonceIsRefused() {
        String nonce = RawClient.newNonce();
        assertOk(queryList(TestServer.ACME).nonce(nonce).send());
        assertGatewayError(queryList(TestServer.ACME).nonce(nonce).send(),
                400, "SignatureNonceUsed", "Specified signature nonce was used already.");
    }

    @Test
    void reusedNonceIsRefusedForV3() {
        String nonce = RawClient.newNonce();
        assertOk(raw.v3(TestServer.ACME, "QueryProduct").query("ProductKey", productKey).nonce(nonce).send());
        assertGatewayError(raw.v3(TestServer.ACME, "QueryProduct").query("ProductKey", productKey).nonce(nonce).send(),
                400, "SignatureNonceUsed", "Specified signature nonce was used already.");
    }

    @Test
    void replayOfTheSameSignedRequestIsRefused() {
        RawClient.Signed signed = queryList(TestServer.ACME).sign();
        assertOk(signed.send());
        assertGatewayError(signed.send(), 400, "SignatureNonceUsed", "Specified signature nonce was used already.");
    }

    @Test
    void forgedRequestDoesNotBurnTheNonce() {
        String nonce = RawClient.newNonce();
        RawClient.Signed forged = queryList(TestServer.ACME).nonce(nonce).secret("forged-secret").sign();
        assertGatewayError(forged.send(), 400, "SignatureDoesNotMatch", SIGNATURE_MISMATCH + forged.stringToSign());
        assertOk(queryList(TestServer.ACME).nonce(nonce).send());
    }

    // ---------------------------------------------------------------- signature

    @Test
    void wrongSecretEchoesTheV1StringToSign() {
        RawClient.Signed signed = queryList(TestServer.ACME).secret("not-the-secret").sign();
        assertGatewayError(signed.send(), 400, "SignatureDoesNotMatch", SIGNATURE_MISMATCH + signed.stringToSign());
        assertThat(signed.stringToSign()).startsWith("POST&%2F&AccessKeyId%3D" + TestServer.ACME.id());
    }

    @Test
    void wrongSecretWithFormBodyEchoesTheStringToSign() {
        RawClient.Signed signed = queryList(TestServer.ACME).inBody().secret("not-the-secret").sign();
        assertGatewayError(signed.send(), 400, "SignatureDoesNotMatch", SIGNATURE_MISMATCH + signed.stringToSign());
    }

    @Test
    void wrongSecretOnV3EchoesTheV3StringToSign() {
        RawClient.Signed signed = raw.v3(TestServer.ACME, "QueryProduct").query("ProductKey", productKey)
                .secret("not-the-secret").sign();
        assertGatewayError(signed.send(), 400, "SignatureDoesNotMatch", SIGNATURE_MISMATCH + signed.stringToSign());
        assertThat(signed.stringToSign()).matches("ACS3-HMAC-SHA256\n[0-9a-f]{64}");
    }

    @Test
    void tamperedV3QueryIsRejected() {
        RawClient.Signed signed = raw.v3(TestServer.ACME, "QueryProduct").query("ProductKey", productKey).sign();
        signed.query().put("ProductKey", "a1NotTheOne");
        JsonNode body = assertGatewayErrorStartingWith(signed.send(), 400, "SignatureDoesNotMatch", SIGNATURE_MISMATCH);
        assertThat(body.path("Message").asText()).isNotEqualTo(SIGNATURE_MISMATCH + signed.stringToSign());
    }

    @Test
    void tamperedV3FormBodyIsRejectedAndChangesNothing() {
        String name = "gwbody_" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("ProductKey", productKey);
        form.put("ProductName", name);
        RawClient.Signed signed = raw.v3(TestServer.ACME, "UpdateProduct").formBody(form).sign();
        form.put("ProductName", name + "_evil");
        signed.body(RawClient.encode(form));
        assertGatewayErrorStartingWith(signed.send(), 400, "SignatureDoesNotMatch", SIGNATURE_MISMATCH);

        RawClient.Response after = raw.v1(TestServer.ACME, "QueryProduct").param("ProductKey", productKey).send();
        assertOk(after);
        assertThat(after.json().at("/Data/ProductName").asText()).doesNotStartWith("gwbody_");
    }

    @Test
    void untamperedV3FormBodyIsAccepted() {
        String name = "gwbody_" + UUID.randomUUID().toString().substring(0, 8);
        RawClient.V1 create = raw.v1(TestServer.ACME, "CreateProduct").param("ProductName", name).param("NodeType", "0");
        String pk = create.send().json().get("ProductKey").asText();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("ProductKey", pk);
        form.put("ProductName", name + "_2");
        assertOk(raw.v3(TestServer.ACME, "UpdateProduct").formBody(form).send());
        assertThat(raw.v1(TestServer.ACME, "QueryProduct").param("ProductKey", pk).send().json()
                .at("/Data/ProductName").asText()).isEqualTo(name + "_2");
    }

    // ---------------------------------------------------------------- Action, Version, path, method

    @Test
    void unknownActionIs404() {
        assertGatewayError(raw.v1(TestServer.ACME, "FlyToTheMoon").send(),
                404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
    }

    @Test
    void unknownVersionIs400() {
        assertGatewayError(queryList(TestServer.ACME).param("Version", "2017-04-20").send(),
                400, "InvalidVersion", "Specified parameter Version is not valid.");
    }

    @Test
    void otherPathIs404() {
        assertGatewayError(raw.plain("GET", "/foo").rawQuery("Format=JSON").send(),
                404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
        RawClient.Signed signedToFoo = queryList(TestServer.ACME).sign();
        RawClient.Response r = raw.plain("POST", "/foo").rawQuery(signedToFoo.queryString()).send();
        assertGatewayError(r, 404, "InvalidAction.NotFound",
                "Specified api is not found, please check your url and method.");
    }

    @Test
    void withoutFormatOrAcceptAnErrorIsXmlAsAlibabaDocuments() throws Exception {
        RawClient.Response r = raw.plain("GET", "/foo").send();
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).isEqualTo(XML_TYPE);
        Element root = xmlRoot(r);
        assertThat(root.getTagName()).isEqualTo("Error");
        assertThat(child(root, "Code")).isEqualTo("InvalidAction.NotFound");
        assertThat(child(root, "RequestId")).isEqualTo(r.header("x-acs-request-id"));
    }

    @Test
    void putIsAnUnsupportedMethod() {
        assertGatewayError(queryList(TestServer.ACME).sign().method("PUT").send(),
                400, "UnsupportedHTTPMethod", "This http method not supported.");
    }

    // ---------------------------------------------------------------- formats

    @Test
    void lowerCaseFormatXmlGivesXml() throws Exception {
        RawClient.Response r = queryList(TestServer.ACME).param("Format", "xml").send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo(XML_TYPE);
        Element root = xmlRoot(r);
        assertThat(root.getTagName()).isEqualTo("QueryProductListResponse");
        assertThat(child(root, "Success")).isEqualTo("true");
        assertThat(child(root, "RequestId")).matches(REQUEST_ID).isEqualTo(r.header("x-acs-request-id"));
    }

    @Test
    void unknownFormatIsInvalidParameterFormat() {
        assertGatewayError(queryList(TestServer.ACME).param("Format", "YAML").header("Accept", "application/json").send(),
                400, "InvalidParameter.Format", "Specified parameter format is not valid.");
    }

    @Test
    void gatewayErrorInXmlHasRootErrorAndExactContentType() throws Exception {
        RawClient.Response r = queryList(TestServer.ACME).param("Format", "XML").param("Version", "2099-01-01").send();
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).isEqualTo(XML_TYPE);
        assertThat(r.text()).startsWith("<?xml");
        Element root = xmlRoot(r);
        assertThat(root.getTagName()).isEqualTo("Error");
        assertThat(child(root, "Code")).isEqualTo("InvalidVersion");
        assertThat(child(root, "Message")).isEqualTo("Specified parameter Version is not valid.");
        assertThat(child(root, "RequestId")).matches(REQUEST_ID).isEqualTo(r.header("x-acs-request-id"));
        assertThat(child(root, "HostId")).isEqualTo(HOST_ID);
        assertThat(child(root, "Recommend")).isEqualTo("https://api.aliyun.com/troubleshoot?q=InvalidVersion&product=Iot");
    }

    @Test
    void businessErrorInXmlHasActionResponseRoot() throws Exception {
        RawClient.Response r = raw.v1(TestServer.ACME, "QueryProduct").param("Format", "XML")
                .param("ProductKey", "a1NoSuchProd").send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo(XML_TYPE);
        Element root = xmlRoot(r);
        assertThat(root.getTagName()).isEqualTo("QueryProductResponse");
        assertThat(child(root, "Success")).isEqualTo("false");
        assertThat(child(root, "Code")).isEqualTo("iot.prod.NotExistedProduct");
        assertThat(child(root, "ErrorMessage")).isNotBlank();
        assertThat(child(root, "RequestId")).matches(REQUEST_ID);
    }

    // ---------------------------------------------------------------- wire robustness

    @Test
    void malformedPercentEncodingIs400AndTheServerStaysUp() {
        RawClient.Response r = raw.rawHttp("GET /?Format=JSON&Action=QueryProductList&Desc=%zz HTTP/1.1");
        assertGatewayErrorStartingWith(r, 400, "InvalidParameter", "The request is malformed: ");
        RawClient.Response truncated = raw.rawHttp("GET /?Format=JSON&Action=QueryProductList&Desc=%4 HTTP/1.1");
        assertThat(truncated.status()).isEqualTo(400);
        assertThat(raw.plain("GET", "/health").send().status()).isEqualTo(200);
        assertOk(queryList(TestServer.ACME).send());
    }

    @Test
    void duplicatedParameterIs400() {
        RawClient.Signed signed = queryList(TestServer.ACME).sign();
        signed.rawQuery(signed.queryString() + "&PageSize=20");
        RawClient.Response r = signed.send();
        assertGatewayError(r, 400, "InvalidParameter", "The request is malformed: parameter PageSize is given more than once");
    }

    @Test
    void parameterInBothQueryAndBodyIs400() {
        RawClient.Signed signed = queryList(TestServer.ACME).inBody().sign();
        signed.rawQuery("PageSize=20");
        RawClient.Response r = signed.send();
        assertGatewayError(r, 400, "InvalidParameter", "The request is malformed: parameter PageSize is given more than once");
    }

    @Test
    void chunkedFormBodyIsAccepted() {
        assertOk(queryList(TestServer.ACME).inBody().sign().chunked().send());
    }

    @Test
    void formBodyWithContentLengthIsAccepted() {
        assertOk(queryList(TestServer.ACME).inBody().send());
    }

    @Test
    void getWithEverythingInTheQueryIsAccepted() {
        assertOk(queryList(TestServer.ACME).method("GET").send());
    }

    @Test
    void nonAsciiIsRawUtf8InJson() {
        RawClient.Response r = raw.v1(TestServer.ACME, "QueryProduct").param("ProductKey", productKey).send();
        assertOk(r);
        String text = r.text();
        assertThat(text).contains("温度传感器 sensor").doesNotContain("\\u");
        assertThat(r.body()).containsSubsequence("温度".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void healthIs200() {
        RawClient.Response r = raw.plain("GET", "/health").send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("status").asText()).isEqualTo("UP");
    }

    // ---------------------------------------------------------------- through the official SDKs

    @Test
    void coreSdkRecognisesTheEchoedStringToSignAsAWrongSecret() {
        var client = Sdk.core(server, new TestServer.Key(TestServer.ACME.id(), "not-the-secret"));
        ClientException e = catchThrowableOfType(ClientException.class,
                () -> client.getAcsResponse(new QueryProductListRequest()));
        assertThat(e).isNotNull();
        assertThat(e.getErrCode()).isEqualTo("SDK.InvalidAccessKeySecret");
    }

    @Test
    void teaSdkV3SeesSignatureDoesNotMatch() {
        var client = Sdk.tea(server, new TestServer.Key(TestServer.ACME.id(), "not-the-secret"), false);
        TeaException e = catchThrowableOfType(TeaException.class, () -> client.queryProductList(
                new com.aliyun.iot20180120.models.QueryProductListRequest().setCurrentPage(1).setPageSize(10)));
        assertThat(e).isNotNull();
        assertThat(e.getCode()).isEqualTo("SignatureDoesNotMatch");
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getData().get("HostId")).isEqualTo(HOST_ID);
    }

    @Test
    void coreSdkSeesUnknownAccessKey() {
        var client = Sdk.core(server, UNKNOWN);
        ClientException e = catchThrowableOfType(ClientException.class,
                () -> client.getAcsResponse(new QueryProductListRequest()));
        assertThat(e).isNotNull();
        assertThat(e.getErrCode()).isEqualTo("InvalidAccessKeyId.NotFound");
        assertThat(e.getRequestId()).matches(REQUEST_ID);
    }
}
