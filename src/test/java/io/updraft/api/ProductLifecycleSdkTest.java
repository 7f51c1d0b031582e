package io.updraft.api;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.CreateProductRequest;
import com.aliyuncs.iot.model.v20180120.CreateProductResponse;
import com.aliyuncs.iot.model.v20180120.DeleteProductRequest;
import com.aliyuncs.iot.model.v20180120.DeleteProductResponse;
import com.aliyuncs.iot.model.v20180120.QueryProductListRequest;
import com.aliyuncs.iot.model.v20180120.QueryProductListResponse;
import com.aliyuncs.iot.model.v20180120.QueryProductRequest;
import com.aliyuncs.iot.model.v20180120.QueryProductResponse;
import com.aliyuncs.iot.model.v20180120.UpdateProductRequest;
import com.aliyuncs.iot.model.v20180120.UpdateProductResponse;
import com.aliyun.iot20180120.models.CreateProductResponseBody;
import com.aliyun.iot20180120.models.QueryProductListResponseBody;
import com.aliyun.iot20180120.models.QueryProductResponseBody;
import com.fasterxml.jackson.databind.JsonNode;
import io.updraft.testing.PopCoreClient;
import io.updraft.testing.PopCoreResult;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Each official client creates, queries, lists, updates and deletes a product. */
class ProductLifecycleSdkTest {
    private final TestServer server = TestServer.shared();

    private static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void coreSdkV1RunsTheProductLifecycle() throws Exception {
        IAcsClient client = Sdk.core(server, TestServer.ACME);
        String name = uniqueName("core");

        CreateProductRequest create = new CreateProductRequest();
        create.setProductName(name);
        create.setNodeType(0);
        create.setDescription("温度传感器 sensor");
        create.setAliyunCommodityCode("iothub_senior");
        create.setDataFormat(1);
        CreateProductResponse created = client.getAcsResponse(create);
        assertThat(created.getSuccess()).isTrue();
        assertThat(created.getRequestId()).matches("[0-9A-F-]{36}");
        String productKey = created.getProductKey();
        assertThat(productKey).hasSize(11);
        assertThat(created.getData().getProductKey()).isEqualTo(productKey);
        assertThat(created.getData().getProductName()).isEqualTo(name);
        assertThat(created.getData().getProductSecret()).isNotEmpty();
        assertThat(created.getData().getDescription()).isEqualTo("温度传感器 sensor");

        QueryProductRequest query = new QueryProductRequest();
        query.setProductKey(productKey);
        QueryProductResponse queried = client.getAcsResponse(query);
        assertThat(queried.getSuccess()).isTrue();
        assertThat(queried.getData().getProductName()).isEqualTo(name);
        assertThat(queried.getData().getNodeType()).isZero();
        assertThat(queried.getData().getDataFormat()).isEqualTo(1);
        assertThat(queried.getData().getGmtCreate()).isPositive();
        assertThat(queried.getData().getNetType()).isEqualTo(3);

        QueryProductListRequest list = new QueryProductListRequest();
        list.setCurrentPage(1);
        list.setPageSize(200);
        QueryProductListResponse listed = client.getAcsResponse(list);
        assertThat(listed.getData().getList()).extracting(QueryProductListResponse.Data.ProductInfo::getProductKey)
                .contains(productKey);
        assertThat(listed.getData().getTotal()).isGreaterThanOrEqualTo(1);

        UpdateProductRequest update = new UpdateProductRequest();
        update.setProductKey(productKey);
        update.setProductName(name + "_v2");
        update.setDescription("updated");
        UpdateProductResponse updated = client.getAcsResponse(update);
        assertThat(updated.getSuccess()).isTrue();
        assertThat(client.getAcsResponse(query).getData().getProductName()).isEqualTo(name + "_v2");
        assertThat(client.getAcsResponse(query).getData().getDescription()).isEqualTo("updated");

        DeleteProductRequest delete = new DeleteProductRequest();
        delete.setProductKey(productKey);
        DeleteProductResponse deleted = client.getAcsResponse(delete);
        assertThat(deleted.getSuccess()).isTrue();
        QueryProductResponse gone = client.getAcsResponse(query);
        assertThat(gone.getSuccess()).isFalse();
        assertThat(gone.getCode()).isEqualTo("iot.prod.NotExistedProduct");
    }

    @Test
    void deviceCountCountsTheProductsDevicesInQueryAndList() throws Exception {
        IAcsClient client = Sdk.core(server, TestServer.GLOBEX);
        CreateProductRequest create = new CreateProductRequest();
        create.setProductName(uniqueName("count"));
        create.setNodeType(0);
        String productKey = client.getAcsResponse(create).getProductKey();
        for (int i = 0; i < 3; i++) {
            com.aliyuncs.iot.model.v20180120.RegisterDeviceRequest register =
                    new com.aliyuncs.iot.model.v20180120.RegisterDeviceRequest();
            register.setProductKey(productKey);
            assertThat(client.getAcsResponse(register).getSuccess()).isTrue();
        }
        QueryProductRequest query = new QueryProductRequest();
        query.setProductKey(productKey);
        assertThat(client.getAcsResponse(query).getData().getDeviceCount()).isEqualTo(3);
        QueryProductListRequest list = new QueryProductListRequest();
        list.setCurrentPage(1);
        list.setPageSize(200);
        assertThat(client.getAcsResponse(list).getData().getList())
                .filteredOn(p -> p.getProductKey().equals(productKey))
                .singleElement().satisfies(p -> assertThat(p.getDeviceCount()).isEqualTo(3));
    }

    @ParameterizedTest(name = "Tea SDK, V1 signature = {0}")
    @ValueSource(booleans = {false, true})
    void teaSdkRunsTheProductLifecycle(boolean v1) throws Exception {
        com.aliyun.iot20180120.Client client = Sdk.tea(server, TestServer.ACME, v1);
        String name = uniqueName(v1 ? "teav1" : "teav3");

        CreateProductResponseBody created = client.createProduct(new com.aliyun.iot20180120.models.CreateProductRequest()
                .setProductName(name).setNodeType(1).setDescription("gateway + relay * ~")).getBody();
        assertThat(created.getSuccess()).isTrue();
        String productKey = created.getProductKey();
        assertThat(created.getData().getProductKey()).isEqualTo(productKey);

        QueryProductResponseBody queried = client.queryProduct(
                new com.aliyun.iot20180120.models.QueryProductRequest().setProductKey(productKey)).getBody();
        assertThat(queried.getData().getProductName()).isEqualTo(name);
        assertThat(queried.getData().getNodeType()).isEqualTo(1);
        assertThat(queried.getData().getDescription()).isEqualTo("gateway + relay * ~");

        QueryProductListResponseBody listed = client.queryProductList(
                new com.aliyun.iot20180120.models.QueryProductListRequest().setCurrentPage(1).setPageSize(200)).getBody();
        assertThat(listed.getData().getList().getProductInfo())
                .extracting(QueryProductListResponseBody.QueryProductListResponseBodyDataListProductInfo::getProductKey)
                .contains(productKey);

        assertThat(client.updateProduct(new com.aliyun.iot20180120.models.UpdateProductRequest()
                .setProductKey(productKey).setProductName(name + "_2")).getBody().getSuccess()).isTrue();
        assertThat(client.queryProduct(new com.aliyun.iot20180120.models.QueryProductRequest().setProductKey(productKey))
                .getBody().getData().getProductName()).isEqualTo(name + "_2");

        assertThat(client.deleteProduct(new com.aliyun.iot20180120.models.DeleteProductRequest()
                .setProductKey(productKey)).getBody().getSuccess()).isTrue();
        QueryProductResponseBody gone = client.queryProduct(
                new com.aliyun.iot20180120.models.QueryProductRequest().setProductKey(productKey)).getBody();
        assertThat(gone.getSuccess()).isFalse();
        assertThat(gone.getCode()).isEqualTo("iot.prod.NotExistedProduct");
    }

    @ParameterizedTest(name = "pop-core {0}")
    @ValueSource(strings = {"GET", "POST"})
    void popCoreRunsTheProductLifecycle(String method) {
        PopCoreClient client = Sdk.popCore(server, TestServer.ACME);
        String name = uniqueName("pop" + method);
        JsonNode created = client.call("CreateProduct", Map.of("ProductName", name, "NodeType", "0",
                "Description", "描述 with spaces & symbols=+"), method).requireOk();
        String productKey = created.get("ProductKey").asText();

        List<PopCoreResult> results = client.callAll(List.of(
                new PopCoreClient.Call("QueryProduct", Map.of("ProductKey", productKey), method),
                new PopCoreClient.Call("QueryProductList", Map.of("CurrentPage", "1", "PageSize", "200"), method),
                new PopCoreClient.Call("UpdateProduct", Map.of("ProductKey", productKey, "ProductName", name + "_2",
                        "Description", ""), method),
                new PopCoreClient.Call("QueryProduct", Map.of("ProductKey", productKey), method),
                new PopCoreClient.Call("DeleteProduct", Map.of("ProductKey", productKey), method),
                new PopCoreClient.Call("QueryProduct", Map.of("ProductKey", productKey), method)));

        assertThat(results.get(0).requireOk().at("/Data/Description").asText()).isEqualTo("描述 with spaces & symbols=+");
        assertThat(results.get(1).requireOk().at("/Data/List/ProductInfo").findValuesAsText("ProductKey")).contains(productKey);
        assertThat(results.get(2).requireOk().get("Success").asBoolean()).isTrue();
        assertThat(results.get(3).requireOk().at("/Data/ProductName").asText()).isEqualTo(name + "_2");
        assertThat(results.get(4).requireOk().get("Success").asBoolean()).isTrue();
        assertThat(results.get(5).ok()).isFalse();
        assertThat(results.get(5).code()).isEqualTo("iot.prod.NotExistedProduct");
    }
}
