package io.updraft.gateway;

import io.updraft.api.ActionResult;
import io.updraft.error.ApiException;
import io.updraft.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.updraft.api.ActionResult.object;
import static org.assertj.core.api.Assertions.assertThat;

class ResponseWriterTest {
    private final ResponseWriter writer = new ResponseWriter("iot.test.host");

    private static String text(ResponseWriter.Rendered rendered) {
        return new String(rendered.body(), StandardCharsets.UTF_8);
    }

    @Test
    void jsonSuccessIsFlatWithRequestIdFirstAndRawUtf8() {
        ResponseWriter.Rendered out = writer.success(ResponseFormat.JSON, "QueryProduct", "REQ-1",
                ActionResult.empty().put("Data", object("ProductName", "温度计")));
        assertThat(out.status()).isEqualTo(200);
        assertThat(out.contentType()).isEqualTo("application/json;charset=utf-8");
        assertThat(text(out)).isEqualTo("{\"RequestId\":\"REQ-1\",\"Success\":true,\"Data\":{\"ProductName\":\"温度计\"}}");
    }

    @Test
    void itemListIsABareArrayInJsonAndWrappedItemsInXml() {
        ActionResult result = ActionResult.empty().put("Data", new ActionResult.ItemList("OtaModuleDTO",
                List.of(object("ModuleName", "a"), object("ModuleName", "b"))));
        assertThat(text(writer.success(ResponseFormat.JSON, "ListOTAModuleByProduct", "R", result)))
                .contains("\"Data\":[{\"ModuleName\":\"a\"},{\"ModuleName\":\"b\"}]");
        assertThat(text(writer.success(ResponseFormat.XML, "ListOTAModuleByProduct", "R", result)))
                .contains("<ListOTAModuleByProductResponse>")
                .contains("<Data><OtaModuleDTO><ModuleName>a</ModuleName></OtaModuleDTO>"
                        + "<OtaModuleDTO><ModuleName>b</ModuleName></OtaModuleDTO></Data>");
    }

    @Test
    void listUnderAKeyIsRepeatedElementsInXml() {
        ActionResult result = ActionResult.empty().put("Data", object("List",
                object("ProductInfo", List.of(object("ProductKey", "k1"), object("ProductKey", "k2")))));
        assertThat(text(writer.success(ResponseFormat.XML, "QueryProductList", "R", result)))
                .contains("<List><ProductInfo><ProductKey>k1</ProductKey></ProductInfo>"
                        + "<ProductInfo><ProductKey>k2</ProductKey></ProductInfo></List>");
    }

    @Test
    void nullFieldsAreLeftOut() {
        Map<String, Object> data = object("DataFormat", null, "ProductKey", "k");
        assertThat(text(writer.success(ResponseFormat.JSON, "QueryProduct", "R", ActionResult.empty().put("Data", data))))
                .contains("\"Data\":{\"ProductKey\":\"k\"}");
    }

    @Test
    void businessFailureIsHttp200WithSuccessFalseCodeAndErrorMessage() {
        ResponseWriter.Rendered out = writer.failure(ResponseFormat.JSON, "QueryProduct", "R",
                new ApiException(ErrorCode.PRODUCT_NOT_FOUND));
        assertThat(out.status()).isEqualTo(200);
        assertThat(text(out)).isEqualTo("{\"RequestId\":\"R\",\"Success\":false,\"Code\":\"iot.prod.NotExistedProduct\","
                + "\"ErrorMessage\":\"The specified product does not exist.\"}");
    }

    @Test
    void gatewayErrorHasHostIdMessageAndRecommend() {
        ResponseWriter.Rendered out = writer.failure(ResponseFormat.JSON, "X", "R", ApiException.missing("ProductKey"));
        assertThat(out.status()).isEqualTo(400);
        assertThat(text(out)).isEqualTo("{\"RequestId\":\"R\",\"HostId\":\"iot.test.host\",\"Code\":\"MissingProductKey\","
                + "\"Message\":\"ProductKey is mandatory for this action.\","
                + "\"Recommend\":\"https://api.aliyun.com/troubleshoot?q=MissingProductKey&product=Iot\"}");
    }

    @Test
    void xmlGatewayErrorHasErrorRootAndTheExactContentTypeTeaNeeds() {
        ResponseWriter.Rendered out = writer.failure(ResponseFormat.XML, "X", "R", new ApiException(ErrorCode.INVALID_VERSION));
        assertThat(out.contentType()).isEqualTo("text/xml;charset=utf-8");
        assertThat(text(out)).startsWith("<?xml").contains("<Error><RequestId>R</RequestId><HostId>iot.test.host</HostId>"
                + "<Code>InvalidVersion</Code>");
    }

    @Test
    void xmlEscapesMarkupInValues() {
        ActionResult result = ActionResult.empty().put("Desc", "<b>&\"x\"</b>");
        assertThat(text(writer.success(ResponseFormat.XML, "A", "R", result))).contains("<Desc>&lt;b>&amp;\"x\"&lt;/b></Desc>");
    }
}
