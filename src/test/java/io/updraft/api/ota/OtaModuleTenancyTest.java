package io.updraft.api.ota;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.CreateOTAModuleRequest;
import com.aliyuncs.iot.model.v20180120.DeleteOTAModuleRequest;
import com.aliyuncs.iot.model.v20180120.ListOTAModuleByProductRequest;
import com.aliyuncs.iot.model.v20180120.ListOTAModuleByProductResponse.OtaModuleDTO;
import com.aliyuncs.iot.model.v20180120.UpdateOTAModuleRequest;
import com.aliyun.iot20180120.models.ListOTAModuleByProductResponseBody;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.updraft.api.ota.Modules.createOk;
import static io.updraft.api.ota.Modules.createProduct;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A product is addressed within one account and one instance: another account, or the right account in the wrong
 * instance, sees no product (iot.prod.NotExistedProduct); an IotInstanceId the account does not have is
 * iot.system.InstanceNotFound.
 */
class OtaModuleTenancyTest {
    private final TestServer server = TestServer.shared();
    private final IAcsClient acme = Sdk.core(server, TestServer.ACME);
    private final IAcsClient globex = Sdk.core(server, TestServer.GLOBEX);

    /** Create, Update, Delete and List on the product's module "m", each with the given IotInstanceId (or none). */
    private static List<AcsRequest<?>> everyModuleCall(String productKey, String instanceId) {
        CreateOTAModuleRequest create = Modules.createRequest(productKey, "intruder", "x", null);
        UpdateOTAModuleRequest update = Modules.updateRequest(productKey, "m", "hijacked", "hijacked");
        DeleteOTAModuleRequest delete = Modules.deleteRequest(productKey, "m");
        ListOTAModuleByProductRequest list = Modules.listRequest(productKey);
        if (instanceId != null) {
            create.setIotInstanceId(instanceId);
            update.setIotInstanceId(instanceId);
            delete.setIotInstanceId(instanceId);
            list.setIotInstanceId(instanceId);
        }
        return List.of(create, update, delete, list);
    }

    /** Action name → Code of each call. */
    private static Map<String, String> codes(IAcsClient client, List<AcsRequest<?>> requests) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (AcsRequest<?> request : requests) {
            Object response = Modules.call(client, request);
            String code = Modules.outcome(response);
            codes.put(request.getSysActionName(), code);
        }
        return codes;
    }

    private static Map<String, String> all(String code) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String action : List.of("CreateOTAModule", "UpdateOTAModule", "DeleteOTAModule", "ListOTAModuleByProduct")) {
            expected.put(action, code);
        }
        return expected;
    }

    private static void assertUntouched(IAcsClient owner, String productKey, String instanceId) {
        ListOTAModuleByProductRequest list = Modules.listRequest(productKey);
        list.setIotInstanceId(instanceId);
        var response = Modules.call(owner, list);
        assertThat(response.getSuccess()).isTrue();
        assertThat(response.getData()).extracting(OtaModuleDTO::getModuleName).containsExactly("m");
        assertThat(response.getData().get(0).getAliasName()).isEqualTo("mine");
    }

    @Test
    void anotherAccountGetsNotExistedProductForEveryModuleCall() {
        String productKey = createProduct(acme);
        createOk(acme, productKey, "m", "mine", null);

        assertThat(codes(globex, everyModuleCall(productKey, null))).isEqualTo(all("iot.prod.NotExistedProduct"));
        assertUntouched(acme, productKey, null);
    }

    @Test
    void productInAnInstanceIsNotFoundWithoutIotInstanceId() {
        String productKey = createProduct(acme, TestServer.ACME_INSTANCE);
        CreateOTAModuleRequest create = Modules.createRequest(productKey, "m", "mine", null);
        create.setIotInstanceId(TestServer.ACME_INSTANCE);
        assertThat(Modules.call(acme, create).getSuccess()).isTrue();

        assertThat(codes(acme, everyModuleCall(productKey, null))).isEqualTo(all("iot.prod.NotExistedProduct"));
        assertUntouched(acme, productKey, TestServer.ACME_INSTANCE);
    }

    @Test
    void productInTheDefaultInstanceIsNotFoundUnderAnIotInstanceId() {
        String productKey = createProduct(acme);
        createOk(acme, productKey, "m", "mine", null);

        assertThat(codes(acme, everyModuleCall(productKey, TestServer.ACME_INSTANCE)))
                .isEqualTo(all("iot.prod.NotExistedProduct"));
        assertUntouched(acme, productKey, null);
    }

    @Test
    void unknownIotInstanceIdFailsWithInstanceNotFound() {
        String productKey = createProduct(acme, TestServer.ACME_INSTANCE);
        CreateOTAModuleRequest create = Modules.createRequest(productKey, "m", "mine", null);
        create.setIotInstanceId(TestServer.ACME_INSTANCE);
        assertThat(Modules.call(acme, create).getSuccess()).isTrue();

        assertThat(codes(acme, everyModuleCall(productKey, "iot-cn-nosuch01")))
                .isEqualTo(all("iot.system.InstanceNotFound"));
        assertUntouched(acme, productKey, TestServer.ACME_INSTANCE);
    }

    @Test
    void anotherAccountNamingOurInstanceGetsInstanceNotFound() {
        String productKey = createProduct(acme, TestServer.ACME_INSTANCE);
        CreateOTAModuleRequest create = Modules.createRequest(productKey, "m", "mine", null);
        create.setIotInstanceId(TestServer.ACME_INSTANCE);
        assertThat(Modules.call(acme, create).getSuccess()).isTrue();

        assertThat(codes(globex, everyModuleCall(productKey, TestServer.ACME_INSTANCE)))
                .isEqualTo(all("iot.system.InstanceNotFound"));
        assertUntouched(acme, productKey, TestServer.ACME_INSTANCE);
    }

    @Test
    void moduleLifecycleWorksWithTheRightIotInstanceId() throws Exception {
        String productKey = createProduct(acme, TestServer.ACME_INSTANCE);
        com.aliyun.iot20180120.Client tea = Sdk.tea(server, TestServer.ACME, false);
        String instance = TestServer.ACME_INSTANCE;

        assertThat(tea.createOTAModule(new com.aliyun.iot20180120.models.CreateOTAModuleRequest()
                .setIotInstanceId(instance).setProductKey(productKey).setModuleName("m").setAliasName("a"))
                .getBody().getSuccess()).isTrue();
        assertThat(tea.updateOTAModule(new com.aliyun.iot20180120.models.UpdateOTAModuleRequest()
                .setIotInstanceId(instance).setProductKey(productKey).setModuleName("m").setDesc("d"))
                .getBody().getSuccess()).isTrue();
        ListOTAModuleByProductResponseBody listed = tea.listOTAModuleByProduct(
                new com.aliyun.iot20180120.models.ListOTAModuleByProductRequest()
                        .setIotInstanceId(instance).setProductKey(productKey)).getBody();
        assertThat(listed.getData()).hasSize(1);
        assertThat(listed.getData().get(0).getDesc()).isEqualTo("d");
        assertThat(listed.getData().get(0).getAliasName()).isEqualTo("a");
        assertThat(tea.deleteOTAModule(new com.aliyun.iot20180120.models.DeleteOTAModuleRequest()
                .setIotInstanceId(instance).setProductKey(productKey).setModuleName("m"))
                .getBody().getSuccess()).isTrue();
        assertThat(tea.listOTAModuleByProduct(new com.aliyun.iot20180120.models.ListOTAModuleByProductRequest()
                .setIotInstanceId(instance).setProductKey(productKey)).getBody().getData()).isEmpty();
    }

    @Test
    void sameModuleNameInTwoAccountsIsIndependent() {
        String acmeProduct = createProduct(acme);
        String globexProduct = createProduct(globex);
        createOk(acme, acmeProduct, "m", "mine", null);
        createOk(globex, globexProduct, "M", "theirs", null);
        assertThat(Modules.delete(globex, globexProduct, "m").getSuccess()).isTrue();
        assertUntouched(acme, acmeProduct, null);
    }
}
