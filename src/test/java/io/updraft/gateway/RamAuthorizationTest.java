package io.updraft.gateway;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.exceptions.ClientException;
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
import com.fasterxml.jackson.databind.JsonNode;
import io.updraft.testing.RawClient;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** RAM users act for their account with their policy's permissions (protocol.md §13); accounts see only their own. */
class RamAuthorizationTest {
    private static final String FORBIDDEN_MESSAGE =
            "User not authorized to operate on the specified resource, or this API doesn't support RAM.";
    private final TestServer server = TestServer.shared();
    private final RawClient raw = new RawClient(server);

    private static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String createProduct(IAcsClient client, String name) throws ClientException {
        CreateProductRequest create = new CreateProductRequest();
        create.setProductName(name);
        create.setNodeType(0);
        create.setDescription("original");
        CreateProductResponse created = client.getAcsResponse(create);
        assertThat(created.getSuccess()).isTrue();
        return created.getProductKey();
    }

    private static QueryProductResponse queryProduct(IAcsClient client, String productKey) throws ClientException {
        QueryProductRequest query = new QueryProductRequest();
        query.setProductKey(productKey);
        return client.getAcsResponse(query);
    }

    private static List<String> listedKeys(IAcsClient client) throws ClientException {
        QueryProductListRequest list = new QueryProductListRequest();
        list.setCurrentPage(1);
        list.setPageSize(200);
        QueryProductListResponse listed = client.getAcsResponse(list);
        assertThat(listed.getSuccess()).isTrue();
        return listed.getData().getList().stream().map(QueryProductListResponse.Data.ProductInfo::getProductKey).toList();
    }

    private static ClientException denied(IAcsClient client, com.aliyuncs.AcsRequest<?> request) {
        ClientException e = catchThrowableOfType(ClientException.class, () -> client.getAcsResponse(request));
        assertThat(e).as("expected a denial").isNotNull();
        assertThat(e.getErrCode()).isEqualTo("Forbidden.RAM");
        assertThat(e.getErrMsg()).isEqualTo(FORBIDDEN_MESSAGE);
        return e;
    }

    @Test
    void readerIsRefusedCreateProductWithImplicitDeny() throws Exception {
        IAcsClient reader = Sdk.core(server, TestServer.ACME_READER);
        String name = uniqueName("ramreader");
        CreateProductRequest create = new CreateProductRequest();
        create.setProductName(name);
        create.setNodeType(0);
        ClientException e = denied(reader, create);
        Map<String, Object> detail = e.getAccessDeniedDetail();
        assertThat(detail).containsEntry("AuthAction", "iot:CreateProduct")
                .containsEntry("NoPermissionType", "ImplicitDeny")
                .containsEntry("AuthPrincipalType", "SubUser")
                .containsEntry("AuthPrincipalDisplayName", "reader")
                .containsEntry("PolicyType", "AccountLevelIdentityBasedPolicy");
        assertThat(detail.get("EncodedDiagnosticMessage")).asString().isNotBlank();

        // nothing was created
        QueryProductListRequest list = new QueryProductListRequest();
        list.setPageSize(200);
        list.setCurrentPage(1);
        assertThat(reader.getAcsResponse(list).getData().getList())
                .extracting(QueryProductListResponse.Data.ProductInfo::getProductName).doesNotContain(name);
    }

    @Test
    void denialOnTheWireIs403WithAccessDeniedDetail() {
        RawClient.Response r = raw.v1(TestServer.ACME_READER, "CreateProduct")
                .param("ProductName", uniqueName("ramraw")).param("NodeType", "0").send();
        JsonNode body = GatewayErrorsTest.assertGatewayError(r, 403, "Forbidden.RAM", FORBIDDEN_MESSAGE);
        assertThat(body.at("/AccessDeniedDetail/AuthAction").asText()).isEqualTo("iot:CreateProduct");
        assertThat(body.at("/AccessDeniedDetail/NoPermissionType").asText()).isEqualTo("ImplicitDeny");
        assertThat(body.at("/AccessDeniedDetail/AuthPrincipalOwnerId").asText()).isNotBlank();
    }

    @Test
    void readerListsAndQueriesTheAccountsProducts() throws Exception {
        String productKey = createProduct(Sdk.core(server, TestServer.ACME), uniqueName("ramacme"));
        IAcsClient reader = Sdk.core(server, TestServer.ACME_READER);
        assertThat(listedKeys(reader)).contains(productKey);
        QueryProductResponse queried = queryProduct(reader, productKey);
        assertThat(queried.getSuccess()).isTrue();
        assertThat(queried.getData().getProductKey()).isEqualTo(productKey);
    }

    @Test
    void readerIsRefusedUpdateAndDelete() throws Exception {
        String productKey = createProduct(Sdk.core(server, TestServer.ACME), uniqueName("ramro"));
        IAcsClient reader = Sdk.core(server, TestServer.ACME_READER);
        UpdateProductRequest update = new UpdateProductRequest();
        update.setProductKey(productKey);
        update.setProductName(uniqueName("hijack"));
        assertThat(denied(reader, update).getAccessDeniedDetail()).containsEntry("AuthAction", "iot:UpdateProduct");
        DeleteProductRequest delete = new DeleteProductRequest();
        delete.setProductKey(productKey);
        assertThat(denied(reader, delete).getAccessDeniedDetail()).containsEntry("AuthAction", "iot:DeleteProduct");
        assertThat(queryProduct(reader, productKey).getSuccess()).isTrue();
    }

    @Test
    void nodeleteCanCreateButDeleteIsAnExplicitDeny() throws Exception {
        IAcsClient nodelete = Sdk.core(server, TestServer.ACME_NODELETE);
        String productKey = createProduct(nodelete, uniqueName("ramnodel"));
        DeleteProductRequest delete = new DeleteProductRequest();
        delete.setProductKey(productKey);
        ClientException e = denied(nodelete, delete);
        assertThat(e.getAccessDeniedDetail()).containsEntry("AuthAction", "iot:DeleteProduct")
                .containsEntry("NoPermissionType", "ExplicitDeny")
                .containsEntry("AuthPrincipalDisplayName", "nodelete");
        assertThat(queryProduct(nodelete, productKey).getSuccess()).as("still there").isTrue();
        // the product belongs to the account: its root can delete it
        DeleteProductResponse deleted = Sdk.core(server, TestServer.ACME).getAcsResponse(delete);
        assertThat(deleted.getSuccess()).isTrue();
    }

    @ParameterizedTest(name = "nobody calls {0}")
    @ValueSource(strings = {"QueryProductList", "QueryProduct", "CreateProduct", "UpdateProduct", "DeleteProduct",
            "CreateOTAModule", "ListOTAModuleByProduct"})
    void nobodyIsDeniedEverything(String action) {
        RawClient.Response r = raw.v1(TestServer.ACME_NOBODY, action).param("ProductKey", "a1Whatever00")
                .param("ProductName", uniqueName("nobody")).param("NodeType", "0").send();
        JsonNode body = GatewayErrorsTest.assertGatewayError(r, 403, "Forbidden.RAM", FORBIDDEN_MESSAGE);
        assertThat(body.at("/AccessDeniedDetail/AuthAction").asText()).isEqualTo("iot:" + action);
        assertThat(body.at("/AccessDeniedDetail/NoPermissionType").asText()).isEqualTo("ImplicitDeny");
    }

    @Test
    void nobodyIsDeniedThroughTheCoreSdk() {
        QueryProductListRequest list = new QueryProductListRequest();
        assertThat(denied(Sdk.core(server, TestServer.ACME_NOBODY), list).getAccessDeniedDetail())
                .containsEntry("AuthAction", "iot:QueryProductList");
    }

    @Test
    void anotherAccountSeesNoneOfAcmesProducts() throws Exception {
        IAcsClient acme = Sdk.core(server, TestServer.ACME);
        String name = uniqueName("ramacme");
        String productKey = createProduct(acme, name);
        IAcsClient globex = Sdk.core(server, TestServer.GLOBEX);

        assertThat(listedKeys(globex)).doesNotContain(productKey);

        QueryProductResponse queried = queryProduct(globex, productKey);
        assertThat(queried.getSuccess()).isFalse();
        assertThat(queried.getCode()).isEqualTo("iot.prod.NotExistedProduct");

        UpdateProductRequest update = new UpdateProductRequest();
        update.setProductKey(productKey);
        update.setProductName(name + "_globex");
        update.setDescription("changed by globex");
        UpdateProductResponse updated = globex.getAcsResponse(update);
        assertThat(updated.getSuccess()).isFalse();
        assertThat(updated.getCode()).isEqualTo("iot.prod.NotExistedProduct");

        DeleteProductRequest delete = new DeleteProductRequest();
        delete.setProductKey(productKey);
        DeleteProductResponse deleted = globex.getAcsResponse(delete);
        assertThat(deleted.getSuccess()).isFalse();
        assertThat(deleted.getCode()).isEqualTo("iot.prod.NotExistedProduct");

        QueryProductResponse unchanged = queryProduct(acme, productKey);
        assertThat(unchanged.getSuccess()).isTrue();
        assertThat(unchanged.getData().getProductName()).isEqualTo(name);
        assertThat(unchanged.getData().getDescription()).isEqualTo("original");
    }

    @Test
    void anotherAccountMayReuseAProductName() throws Exception {
        String name = uniqueName("ramshared");
        String acmeKey = createProduct(Sdk.core(server, TestServer.ACME), name);
        String globexKey = createProduct(Sdk.core(server, TestServer.GLOBEX), name);
        assertThat(globexKey).isNotEqualTo(acmeKey);
    }
}
