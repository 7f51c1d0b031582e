package io.updraft.api;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.CreateProductRequest;
import com.aliyuncs.iot.model.v20180120.DeleteDeviceRequest;
import com.aliyuncs.iot.model.v20180120.DeleteDeviceResponse;
import com.aliyuncs.iot.model.v20180120.DeleteProductRequest;
import com.aliyuncs.iot.model.v20180120.ListOTAModuleVersionsByDeviceRequest;
import com.aliyuncs.iot.model.v20180120.ListOTAModuleVersionsByDeviceResponse;
import com.aliyuncs.iot.model.v20180120.QueryDeviceDetailRequest;
import com.aliyuncs.iot.model.v20180120.QueryDeviceDetailResponse;
import com.aliyuncs.iot.model.v20180120.QueryDeviceRequest;
import com.aliyuncs.iot.model.v20180120.QueryDeviceResponse;
import com.aliyuncs.iot.model.v20180120.RegisterDeviceRequest;
import com.aliyuncs.iot.model.v20180120.RegisterDeviceResponse;
import com.aliyun.iot20180120.models.QueryDeviceDetailResponseBody;
import com.aliyun.iot20180120.models.QueryDeviceResponseBody;
import com.aliyun.iot20180120.models.RegisterDeviceResponseBody;
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

/** The device API (RegisterDevice, QueryDeviceDetail, QueryDevice, DeleteDevice) through each official client. */
class DeviceApiSdkTest {
    private final TestServer server = TestServer.shared();
    private final IAcsClient core = Sdk.core(server, TestServer.ACME);

    private String newProduct(IAcsClient client) throws Exception {
        CreateProductRequest create = new CreateProductRequest();
        create.setProductName("dev_" + UUID.randomUUID().toString().substring(0, 8));
        create.setNodeType(0);
        return client.getAcsResponse(create).getProductKey();
    }

    private RegisterDeviceResponse register(String productKey, String deviceName) throws Exception {
        RegisterDeviceRequest request = new RegisterDeviceRequest();
        request.setProductKey(productKey);
        if (deviceName != null) {
            request.setDeviceName(deviceName);
        }
        return core.getAcsResponse(request);
    }

    private QueryDeviceDetailResponse detail(String productKey, String deviceName) throws Exception {
        QueryDeviceDetailRequest request = new QueryDeviceDetailRequest();
        request.setProductKey(productKey);
        request.setDeviceName(deviceName);
        return core.getAcsResponse(request);
    }

    @Test
    void coreSdkRegistersQueriesListsAndDeletesADevice() throws Exception {
        String productKey = newProduct(core);
        RegisterDeviceRequest register = new RegisterDeviceRequest();
        register.setProductKey(productKey);
        register.setDeviceName("light-01");
        register.setNickname("客厅灯_1");
        RegisterDeviceResponse registered = core.getAcsResponse(register);
        assertThat(registered.getSuccess()).isTrue();
        assertThat(registered.getData().getProductKey()).isEqualTo(productKey);
        assertThat(registered.getData().getDeviceName()).isEqualTo("light-01");
        assertThat(registered.getData().getDeviceSecret()).matches("[A-Za-z0-9]{32}");
        assertThat(registered.getData().getIotId()).hasSize(26);
        assertThat(registered.getData().getNickname()).isEqualTo("客厅灯_1");

        QueryDeviceDetailRequest byIotId = new QueryDeviceDetailRequest();
        byIotId.setIotId(registered.getData().getIotId());
        QueryDeviceDetailResponse.Data data = core.getAcsResponse(byIotId).getData();
        assertThat(data.getDeviceName()).isEqualTo("light-01");
        assertThat(data.getDeviceSecret()).isEqualTo(registered.getData().getDeviceSecret());
        assertThat(data.getStatus()).isEqualTo("UNACTIVE");
        assertThat(data.getGmtActive()).isNull();
        assertThat(data.getFirmwareVersion()).isNull();
        assertThat(data.getNodeType()).isZero();
        assertThat(data.getGmtCreate()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(data.getUtcCreate()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        QueryDeviceRequest list = new QueryDeviceRequest();
        list.setProductKey(productKey);
        QueryDeviceResponse listed = core.getAcsResponse(list);
        assertThat(listed.getTotal()).isEqualTo(1);
        assertThat(listed.getPage()).isEqualTo(1);
        assertThat(listed.getPageSize()).isEqualTo(10);
        assertThat(listed.getData()).singleElement().satisfies(d -> {
            assertThat(d.getIotId()).isEqualTo(registered.getData().getIotId());
            assertThat(d.getDeviceStatus()).isEqualTo("UNACTIVE");
            assertThat(d.getGmtCreate()).endsWith(" GMT");
        });

        DeleteDeviceRequest delete = new DeleteDeviceRequest();
        delete.setProductKey(productKey);
        delete.setDeviceName("light-01");
        DeleteDeviceResponse deleted = core.getAcsResponse(delete);
        assertThat(deleted.getSuccess()).isTrue();
        QueryDeviceDetailResponse gone = core.getAcsResponse(byIotId);
        assertThat(gone.getSuccess()).isFalse();
        assertThat(gone.getCode()).isEqualTo("iot.device.NotExistedDevice");
    }

    @ParameterizedTest(name = "Tea SDK, V1 signature = {0}")
    @ValueSource(booleans = {false, true})
    void teaSdkRegistersQueriesListsAndDeletesADevice(boolean v1) throws Exception {
        com.aliyun.iot20180120.Client tea = Sdk.tea(server, TestServer.ACME, v1);
        String productKey = newProduct(core);
        RegisterDeviceResponseBody registered = tea.registerDevice(new com.aliyun.iot20180120.models.RegisterDeviceRequest()
                .setProductKey(productKey).setDeviceName("tea_dev.1")).getBody();
        assertThat(registered.getSuccess()).isTrue();
        String iotId = registered.getData().getIotId();

        QueryDeviceDetailResponseBody detail = tea.queryDeviceDetail(
                new com.aliyun.iot20180120.models.QueryDeviceDetailRequest().setIotId(iotId)).getBody();
        assertThat(detail.getData().getDeviceName()).isEqualTo("tea_dev.1");
        assertThat(detail.getData().getProductKey()).isEqualTo(productKey);
        assertThat(detail.getData().getStatus()).isEqualTo("UNACTIVE");

        QueryDeviceResponseBody listed = tea.queryDevice(new com.aliyun.iot20180120.models.QueryDeviceRequest()
                .setProductKey(productKey).setPageSize(50).setCurrentPage(1)).getBody();
        assertThat(listed.getTotal()).isEqualTo(1);
        assertThat(listed.getData().getDeviceInfo()).singleElement()
                .satisfies(d -> assertThat(d.getDeviceName()).isEqualTo("tea_dev.1"));

        assertThat(tea.deleteDevice(new com.aliyun.iot20180120.models.DeleteDeviceRequest().setIotId(iotId))
                .getBody().getSuccess()).isTrue();
        assertThat(tea.queryDeviceDetail(new com.aliyun.iot20180120.models.QueryDeviceDetailRequest().setIotId(iotId))
                .getBody().getCode()).isEqualTo("iot.device.NotExistedDevice");
    }

    @ParameterizedTest(name = "pop-core {0}")
    @ValueSource(strings = {"GET", "POST"})
    void popCoreRegistersQueriesListsAndDeletesADevice(String method) throws Exception {
        String productKey = newProduct(core);
        PopCoreClient client = Sdk.popCore(server, TestServer.ACME);
        List<PopCoreResult> results = client.callAll(List.of(
                new PopCoreClient.Call("RegisterDevice", Map.of("ProductKey", productKey, "DeviceName", "pop:dev@1"), method),
                new PopCoreClient.Call("QueryDeviceDetail", Map.of("ProductKey", productKey, "DeviceName", "pop:dev@1"), method),
                new PopCoreClient.Call("QueryDevice", Map.of("ProductKey", productKey), method),
                new PopCoreClient.Call("ListOTAModuleVersionsByDevice", Map.of("ProductKey", productKey,
                        "DeviceName", "pop:dev@1", "PageSize", "10", "CurrentPage", "1"), method),
                new PopCoreClient.Call("DeleteDevice", Map.of("ProductKey", productKey, "DeviceName", "pop:dev@1"), method),
                new PopCoreClient.Call("QueryDeviceDetail", Map.of("ProductKey", productKey, "DeviceName", "pop:dev@1"), method)));
        JsonNode registered = results.get(0).requireOk();
        assertThat(registered.at("/Data/DeviceSecret").asText()).hasSize(32);
        assertThat(results.get(1).requireOk().at("/Data/IotId").asText()).isEqualTo(registered.at("/Data/IotId").asText());
        assertThat(results.get(2).requireOk().at("/Data/DeviceInfo/0/DeviceName").asText()).isEqualTo("pop:dev@1");
        JsonNode versions = results.get(3).requireOk();
        assertThat(versions.get("Total").asInt()).isZero();
        assertThat(versions.at("/Data/SimpleOTAModuleInfo").isArray()).isTrue();
        assertThat(results.get(4).requireOk().get("Success").asBoolean()).isTrue();
        assertThat(results.get(5).code()).isEqualTo("iot.device.NotExistedDevice");
    }

    @Test
    void registerWithoutDeviceNameGeneratesOne() throws Exception {
        RegisterDeviceResponse registered = register(newProduct(core), null);
        assertThat(registered.getData().getDeviceName()).matches("[A-Za-z0-9]{20}");
    }

    @Test
    void registerRefusesADeviceNameTakenInTheProduct() throws Exception {
        String productKey = newProduct(core);
        register(productKey, "twin");
        RegisterDeviceResponse again = register(productKey, "twin");
        assertThat(again.getSuccess()).isFalse();
        assertThat(again.getCode()).isEqualTo("iot.device.AlreadyExistedDeviceName");
        assertThat(register(newProduct(core), "twin").getSuccess()).as("another product may reuse it").isTrue();
    }

    @Test
    void registerRefusesAMalformedDeviceName() throws Exception {
        String productKey = newProduct(core);
        for (String bad : List.of("abc", "a".repeat(33), "has space", "slash/name", "名字名字")) {
            RegisterDeviceResponse response = register(productKey, bad);
            assertThat(response.getCode()).as(bad).isEqualTo("iot.device.InvalidFormattedDeviceName");
        }
    }

    @Test
    void registerRefusesAnUnknownProduct() throws Exception {
        assertThat(register("a1NoSuchProd", "dev1").getCode()).isEqualTo("iot.prod.NotExistedProduct");
    }

    @Test
    void anotherAccountCannotSeeTheDevice() throws Exception {
        String productKey = newProduct(core);
        String iotId = register(productKey, "private1").getData().getIotId();
        IAcsClient globex = Sdk.core(server, TestServer.GLOBEX);
        QueryDeviceDetailRequest request = new QueryDeviceDetailRequest();
        request.setIotId(iotId);
        assertThat(globex.getAcsResponse(request).getCode()).isEqualTo("iot.device.NotExistedDevice");
        DeleteDeviceRequest delete = new DeleteDeviceRequest();
        delete.setIotId(iotId);
        assertThat(globex.getAcsResponse(delete).getCode()).isEqualTo("iot.device.NotExistedDevice");
    }

    @Test
    void iotIdWinsOverProductKeyAndDeviceName() throws Exception {
        String productKey = newProduct(core);
        String iotId = register(productKey, "winner").getData().getIotId();
        register(productKey, "loser");
        QueryDeviceDetailRequest request = new QueryDeviceDetailRequest();
        request.setIotId(iotId);
        request.setProductKey(productKey);
        request.setDeviceName("loser");
        assertThat(core.getAcsResponse(request).getData().getDeviceName()).isEqualTo("winner");
    }

    @Test
    void queryDeviceDetailNeedsADeviceName() throws Exception {
        String productKey = newProduct(core);
        QueryDeviceDetailRequest onlyKey = new QueryDeviceDetailRequest();
        onlyKey.setProductKey(productKey);
        assertThat(core.getAcsResponse(onlyKey).getCode()).isEqualTo("iot.device.NullDeviceName");
        assertThat(core.getAcsResponse(new QueryDeviceDetailRequest()).getCode()).isEqualTo("iot.check.NullParameter");
        QueryDeviceDetailRequest badId = new QueryDeviceDetailRequest();
        badId.setIotId("not/an id");
        assertThat(core.getAcsResponse(badId).getCode()).isEqualTo("iot.device.InvalidIoTId");
    }

    @Test
    void queryDevicePagesAndRefusesPagesOverFifty() throws Exception {
        String productKey = newProduct(core);
        for (int i = 0; i < 3; i++) {
            register(productKey, "page-" + i);
        }
        QueryDeviceRequest request = new QueryDeviceRequest();
        request.setProductKey(productKey);
        request.setPageSize(2);
        request.setCurrentPage(2);
        QueryDeviceResponse page = core.getAcsResponse(request);
        assertThat(page.getTotal()).isEqualTo(3);
        assertThat(page.getPageCount()).isEqualTo(2);
        assertThat(page.getData()).extracting(QueryDeviceResponse.DeviceInfo::getDeviceName).containsExactly("page-2");
        request.setPageSize(51);
        assertThat(core.getAcsResponse(request).getCode()).isEqualTo("iot.common.InvalidPageParams");
    }

    @Test
    void deletingTheProductDeletesItsDevices() throws Exception {
        String productKey = newProduct(core);
        String iotId = register(productKey, "cascade").getData().getIotId();
        DeleteProductRequest delete = new DeleteProductRequest();
        delete.setProductKey(productKey);
        assertThat(core.getAcsResponse(delete).getSuccess()).isTrue();
        QueryDeviceDetailRequest request = new QueryDeviceDetailRequest();
        request.setIotId(iotId);
        assertThat(core.getAcsResponse(request).getCode()).isEqualTo("iot.device.NotExistedDevice");
    }

    @Test
    void listOtaModuleVersionsByDeviceRefusesPagesOverTwoHundred() throws Exception {
        String productKey = newProduct(core);
        register(productKey, "pages1");
        ListOTAModuleVersionsByDeviceRequest request = new ListOTAModuleVersionsByDeviceRequest();
        request.setProductKey(productKey);
        request.setDeviceName("pages1");
        request.setCurrentPage(1);
        request.setPageSize(200);
        ListOTAModuleVersionsByDeviceResponse ok = core.getAcsResponse(request);
        assertThat(ok.getSuccess()).isTrue();
        assertThat(ok.getTotal()).isZero();
        assertThat(ok.getData()).isEmpty();
        request.setPageSize(201);
        assertThat(core.getAcsResponse(request).getCode()).isEqualTo("iot.common.InvalidPageParams");
    }
}
