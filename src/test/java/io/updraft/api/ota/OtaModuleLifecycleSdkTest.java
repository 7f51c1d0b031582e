package io.updraft.api.ota;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.http.FormatType;
import com.aliyuncs.http.HttpResponse;
import com.aliyuncs.iot.model.v20180120.CreateOTAModuleRequest;
import com.aliyuncs.iot.model.v20180120.CreateOTAModuleResponse;
import com.aliyuncs.iot.model.v20180120.DeleteOTAModuleResponse;
import com.aliyuncs.iot.model.v20180120.DeleteProductRequest;
import com.aliyuncs.iot.model.v20180120.ListOTAModuleByProductRequest;
import com.aliyuncs.iot.model.v20180120.ListOTAModuleByProductResponse;
import com.aliyuncs.iot.model.v20180120.ListOTAModuleByProductResponse.OtaModuleDTO;
import com.aliyuncs.iot.model.v20180120.UpdateOTAModuleResponse;
import com.aliyun.iot20180120.models.ListOTAModuleByProductResponseBody;
import com.aliyun.iot20180120.models.ListOTAModuleByProductResponseBody.ListOTAModuleByProductResponseBodyData;
import com.fasterxml.jackson.databind.JsonNode;
import io.updraft.store.Database;
import io.updraft.testing.PopCoreClient;
import io.updraft.testing.PopCoreResult;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import io.updraft.testing.TestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.updraft.api.ota.Modules.createOk;
import static io.updraft.api.ota.Modules.createProduct;
import static org.assertj.core.api.Assertions.assertThat;

/** Each official client runs the module life cycle; the wire shapes (JSON and XML) are the ones the SDKs read. */
class OtaModuleLifecycleSdkTest {
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);
    private final TestServer server = TestServer.shared();
    private final IAcsClient core = Sdk.core(server, TestServer.ACME);

    @Test
    void coreSdkV1RunsTheModuleLifecycle() {
        String productKey = createProduct(core);

        CreateOTAModuleResponse created = Modules.create(core, productKey, "barcodeScanner", "scanner", "reads barcodes");
        assertThat(created.getSuccess()).isTrue();
        assertThat(created.getRequestId()).matches("[0-9A-F-]{36}");

        List<OtaModuleDTO> listed = Modules.list(core, productKey);
        assertThat(listed).hasSize(1);
        OtaModuleDTO module = listed.get(0);
        assertThat(module.getProductKey()).isEqualTo(productKey);
        assertThat(module.getModuleName()).isEqualTo("barcodeScanner");
        assertThat(module.getAliasName()).isEqualTo("scanner");
        assertThat(module.getDesc()).isEqualTo("reads barcodes");
        assertThat(module.getGmtCreate()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\dZ");
        assertThat(module.getGmtModified()).isEqualTo(module.getGmtCreate());

        UpdateOTAModuleResponse updated = Modules.update(core, productKey, "barcodeScanner", "scanner-v2", "new text");
        assertThat(updated.getSuccess()).isTrue();
        OtaModuleDTO after = Modules.list(core, productKey).get(0);
        assertThat(after.getModuleName()).isEqualTo("barcodeScanner");
        assertThat(after.getAliasName()).isEqualTo("scanner-v2");
        assertThat(after.getDesc()).isEqualTo("new text");
        assertThat(after.getGmtCreate()).isEqualTo(module.getGmtCreate());

        DeleteOTAModuleResponse deleted = Modules.delete(core, productKey, "barcodeScanner");
        assertThat(deleted.getSuccess()).isTrue();
        assertThat(Modules.list(core, productKey)).isEmpty();
        DeleteOTAModuleResponse again = Modules.delete(core, productKey, "barcodeScanner");
        assertThat(again.getSuccess()).isFalse();
        assertThat(again.getCode()).isEqualTo("iot.ota.OtaModuleNotExist");
    }

    @ParameterizedTest(name = "Tea SDK, V1 signature = {0}")
    @ValueSource(booleans = {false, true})
    void teaSdkRunsTheModuleLifecycle(boolean v1) throws Exception {
        com.aliyun.iot20180120.Client tea = Sdk.tea(server, TestServer.ACME, v1);
        String productKey = createProduct(core);

        assertThat(tea.createOTAModule(new com.aliyun.iot20180120.models.CreateOTAModuleRequest()
                .setProductKey(productKey).setModuleName("wifi.fw-1_0").setAliasName("无线模块")
                .setDesc("Wi-Fi 固件 + relay * ~")).getBody().getSuccess()).isTrue();

        ListOTAModuleByProductResponseBody listed = tea.listOTAModuleByProduct(
                new com.aliyun.iot20180120.models.ListOTAModuleByProductRequest().setProductKey(productKey)).getBody();
        assertThat(listed.getSuccess()).isTrue();
        assertThat(listed.getData()).hasSize(1);
        ListOTAModuleByProductResponseBodyData module = listed.getData().get(0);
        assertThat(module.getModuleName()).isEqualTo("wifi.fw-1_0");
        assertThat(module.getProductKey()).isEqualTo(productKey);
        assertThat(module.getAliasName()).isEqualTo("无线模块");
        assertThat(module.getDesc()).isEqualTo("Wi-Fi 固件 + relay * ~");

        assertThat(tea.updateOTAModule(new com.aliyun.iot20180120.models.UpdateOTAModuleRequest()
                .setProductKey(productKey).setModuleName("wifi.fw-1_0").setDesc("only the description"))
                .getBody().getSuccess()).isTrue();
        ListOTAModuleByProductResponseBodyData after = tea.listOTAModuleByProduct(
                        new com.aliyun.iot20180120.models.ListOTAModuleByProductRequest().setProductKey(productKey))
                .getBody().getData().get(0);
        assertThat(after.getAliasName()).isEqualTo("无线模块");
        assertThat(after.getDesc()).isEqualTo("only the description");

        assertThat(tea.deleteOTAModule(new com.aliyun.iot20180120.models.DeleteOTAModuleRequest()
                .setProductKey(productKey).setModuleName("wifi.fw-1_0")).getBody().getSuccess()).isTrue();
        assertThat(tea.listOTAModuleByProduct(new com.aliyun.iot20180120.models.ListOTAModuleByProductRequest()
                .setProductKey(productKey)).getBody().getData()).isEmpty();
    }

    @ParameterizedTest(name = "pop-core {0}")
    @ValueSource(strings = {"GET", "POST"})
    void popCoreRunsTheModuleLifecycle(String method) {
        PopCoreClient pop = Sdk.popCore(server, TestServer.ACME);
        String productKey = createProduct(core);
        Map<String, String> module = Map.of("ProductKey", productKey, "ModuleName", "mcu");

        List<PopCoreResult> results = pop.callAll(List.of(
                new PopCoreClient.Call("CreateOTAModule", Map.of("ProductKey", productKey, "ModuleName", "mcu",
                        "AliasName", "主控", "Desc", "描述 with spaces & symbols=+"), method),
                new PopCoreClient.Call("ListOTAModuleByProduct", Map.of("ProductKey", productKey), method),
                new PopCoreClient.Call("UpdateOTAModule", Map.of("ProductKey", productKey, "ModuleName", "mcu",
                        "AliasName", "mcu_2"), method),
                new PopCoreClient.Call("ListOTAModuleByProduct", Map.of("ProductKey", productKey), method),
                new PopCoreClient.Call("DeleteOTAModule", module, method),
                new PopCoreClient.Call("ListOTAModuleByProduct", Map.of("ProductKey", productKey), method),
                new PopCoreClient.Call("DeleteOTAModule", module, method)));

        assertThat(results.get(0).requireOk().get("Success").asBoolean()).isTrue();
        assertThat(results.get(1).requireOk().at("/Data/0/AliasName").asText()).isEqualTo("主控");
        assertThat(results.get(1).requireOk().at("/Data/0/Desc").asText()).isEqualTo("描述 with spaces & symbols=+");
        assertThat(results.get(2).requireOk().get("Success").asBoolean()).isTrue();
        assertThat(results.get(3).requireOk().at("/Data/0/AliasName").asText()).isEqualTo("mcu_2");
        assertThat(results.get(3).requireOk().at("/Data/0/Desc").asText()).isEqualTo("描述 with spaces & symbols=+");
        assertThat(results.get(4).requireOk().get("Success").asBoolean()).isTrue();
        assertThat(results.get(5).requireOk().get("Data")).isEmpty();
        assertThat(results.get(6).ok()).isFalse();
        assertThat(results.get(6).code()).isEqualTo("iot.ota.OtaModuleNotExist");
        assertThat(results.get(6).httpStatus()).isEqualTo(200);
    }

    @Test
    void coreSdkRoundTripsChineseAliasAndDescriptionUnchanged() {
        String productKey = createProduct(core);
        String alias = "条码扫描器_v1.2-主板";
        String desc = "负责扫描条码的模块，支持“中文标点”、emoji 😀 和 \\u4e2d 这样的字面量。";
        createOk(core, productKey, "scanner", alias, desc);

        OtaModuleDTO listed = Modules.list(core, productKey).get(0);
        assertThat(listed.getAliasName()).isEqualTo(alias);
        assertThat(listed.getDesc()).isEqualTo(desc);

        String alias2 = "温湿度传感器𠀀𪚥"; // the last two are CJK Extension B: outside the BMP
        String desc2 = "更新后的描述：全角字符（１２３）与 tab\tand \"quotes\"";
        assertThat(Modules.update(core, productKey, "scanner", alias2, desc2).getSuccess()).isTrue();
        OtaModuleDTO updated = Modules.list(core, productKey).get(0);
        assertThat(updated.getAliasName()).isEqualTo(alias2);
        assertThat(updated.getDesc()).isEqualTo(desc2);
    }

    @Test
    void coreSdkReadsEveryListFieldNonNull() {
        String productKey = createProduct(core);
        createOk(core, productKey, "bare", null, null);
        createOk(core, productKey, "full", "Full", "described");

        List<OtaModuleDTO> listed = Modules.list(core, productKey);
        assertThat(listed).extracting(OtaModuleDTO::getModuleName).containsExactly("bare", "full");
        for (OtaModuleDTO m : listed) {
            assertThat(m).hasNoNullFieldsOrProperties();
            assertThat(m.getProductKey()).isEqualTo(productKey);
        }
        assertThat(listed.get(0).getAliasName()).isEmpty();
        assertThat(listed.get(0).getDesc()).isEmpty();
    }

    @Test
    void teaSdkReadsEveryListFieldNonNull() throws Exception {
        com.aliyun.iot20180120.Client tea = Sdk.tea(server, TestServer.ACME, false);
        String productKey = createProduct(core);
        createOk(core, productKey, "bare", null, null);
        createOk(core, productKey, "full", "Full", "described");

        ListOTAModuleByProductResponseBody body = tea.listOTAModuleByProduct(
                new com.aliyun.iot20180120.models.ListOTAModuleByProductRequest().setProductKey(productKey)).getBody();
        assertThat(body.getData()).extracting(ListOTAModuleByProductResponseBodyData::getModuleName)
                .containsExactly("bare", "full");
        for (ListOTAModuleByProductResponseBodyData m : body.getData()) {
            assertThat(m).hasNoNullFieldsOrProperties();
            assertThat(m.getGmtCreate()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\dZ");
        }
    }

    @Test
    void listOmitsTheBuiltInDefaultModule() {
        String productKey = createProduct(core);
        assertThat(Modules.list(core, productKey)).isEmpty();
        createOk(core, productKey, "camera", null, null);
        assertThat(Modules.names(core, productKey)).containsExactly("camera");
    }

    @Test
    void listReturnsModulesInCreationOrder() {
        String productKey = createProduct(core);
        for (String name : List.of("zeta", "alpha", "Mid.1", "beta_2")) {
            createOk(core, productKey, name, null, null);
        }
        assertThat(Modules.names(core, productKey)).containsExactly("zeta", "alpha", "Mid.1", "beta_2");
    }

    @Test
    void updateChangesOnlyAliasAndDescAndSetsGmtModified() throws Exception {
        String productKey = createProduct(core);
        createOk(core, productKey, "gps", "定位", "old");
        backdate(productKey, "gps", Instant.parse("2020-10-13T09:46:00Z"));
        OtaModuleDTO before = Modules.list(core, productKey).get(0);
        assertThat(before.getGmtCreate()).isEqualTo("2020-10-13T09:46Z");
        assertThat(before.getGmtModified()).isEqualTo("2020-10-13T09:46Z");

        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        assertThat(Modules.update(core, productKey, "gps", null, "new").getSuccess()).isTrue();
        Instant end = Instant.now();
        OtaModuleDTO after = Modules.list(core, productKey).get(0);

        assertThat(after.getModuleName()).isEqualTo("gps");
        assertThat(after.getAliasName()).isEqualTo("定位");
        assertThat(after.getDesc()).isEqualTo("new");
        assertThat(after.getGmtCreate()).isEqualTo("2020-10-13T09:46Z");
        Instant modified = Instant.from(MINUTE.parse(after.getGmtModified()));
        assertThat(modified).isBetween(start, end);
    }

    @Test
    void deletingTheProductDeletesItsModules() throws Exception {
        String productKey = createProduct(core);
        createOk(core, productKey, "m1", null, null);
        createOk(core, productKey, "m2", null, null);
        DeleteProductRequest deleteProduct = new DeleteProductRequest();
        deleteProduct.setProductKey(productKey);
        assertThat(Modules.call(core, deleteProduct).getSuccess()).isTrue();

        assertThat(Modules.listResponse(core, productKey).getCode()).isEqualTo("iot.prod.NotExistedProduct");
        assertThat(Modules.update(core, productKey, "m1", "x", null).getCode()).isEqualTo("iot.prod.NotExistedProduct");
        assertThat(Modules.delete(core, productKey, "m2").getCode()).isEqualTo("iot.prod.NotExistedProduct");
        try (Connection db = openServerDatabase();
             PreparedStatement count = db.prepareStatement("""
                     SELECT COUNT(*) FROM ota_module m WHERE NOT EXISTS
                     (SELECT 1 FROM product p WHERE p.id = m.product_id)""")) {
            var rs = count.executeQuery();
            rs.next();
            assertThat(rs.getInt(1)).as("modules left without a product").isZero();
        }
    }

    @Test
    void listJsonWireShapeHasDataAsBareArray() {
        String productKey = createProduct(core);
        createOk(core, productKey, "one", "One", "first");
        PopCoreClient pop = Sdk.popCore(server, TestServer.ACME);
        List<PopCoreResult> results = pop.callAll(List.of(
                PopCoreClient.Call.get("ListOTAModuleByProduct", Map.of("ProductKey", productKey)),
                PopCoreClient.Call.post("CreateOTAModule", Map.of("ProductKey", productKey, "ModuleName", "two"))));

        JsonNode body = results.get(0).requireOk();
        assertThat(body.get("Data").isArray()).as("Data is a bare array: %s", body).isTrue();
        assertThat(body.get("Data")).hasSize(1);
        JsonNode item = body.get("Data").get(0);
        List<String> keys = new ArrayList<>();
        item.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrder("ProductKey", "ModuleName", "AliasName", "Desc", "GmtCreate",
                "GmtModified");
        assertThat(body.get("Success").asBoolean()).isTrue();
        assertThat(body.get("RequestId").asText()).matches("[0-9A-F-]{36}");

        JsonNode created = results.get(1).requireOk();
        List<String> createKeys = new ArrayList<>();
        created.fieldNames().forEachRemaining(createKeys::add);
        assertThat(createKeys).containsExactlyInAnyOrder("RequestId", "Success");
    }

    @Test
    void listXmlWireShapeNestsOtaModuleDtoInData() throws Exception {
        String productKey = createProduct(core);
        createOk(core, productKey, "one", "一", null);
        createOk(core, productKey, "two", null, "second");
        ListOTAModuleByProductRequest request = Modules.listRequest(productKey);
        request.setSysAcceptFormat(FormatType.XML);
        HttpResponse raw = core.doAction(request);

        assertThat(raw.getStatus()).isEqualTo(200);
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(raw.getHttpContent()));
        Element root = xml.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("ListOTAModuleByProductResponse");
        List<Element> data = children(root, "Data");
        assertThat(data).hasSize(1);
        List<Element> items = children(data.get(0), "OtaModuleDTO");
        assertThat(items).hasSize(2);
        assertThat(children(data.get(0), null)).hasSize(2);
        assertThat(children(items.get(0), "ModuleName").get(0).getTextContent()).isEqualTo("one");
        assertThat(children(items.get(0), "AliasName").get(0).getTextContent()).isEqualTo("一");
        assertThat(children(items.get(1), "Desc").get(0).getTextContent()).isEqualTo("second");
    }

    @ParameterizedTest(name = "{0} module(s)")
    @ValueSource(ints = {0, 1, 3})
    void coreSdkParsesXmlListResponse(int count) {
        String productKey = createProduct(core);
        for (int i = 0; i < count; i++) {
            createOk(core, productKey, "xml" + i, "别名" + i, "desc " + i);
        }
        ListOTAModuleByProductRequest request = Modules.listRequest(productKey);
        request.setSysAcceptFormat(FormatType.XML);
        ListOTAModuleByProductResponse response = Modules.call(core, request);

        assertThat(response.getSuccess()).isTrue();
        assertThat(response.getRequestId()).matches("[0-9A-F-]{36}");
        assertThat(response.getData()).hasSize(count);
        for (int i = 0; i < count; i++) {
            OtaModuleDTO m = response.getData().get(i);
            assertThat(m).hasNoNullFieldsOrProperties();
            assertThat(m.getModuleName()).isEqualTo("xml" + i);
            assertThat(m.getAliasName()).isEqualTo("别名" + i);
            assertThat(m.getDesc()).isEqualTo("desc " + i);
            assertThat(m.getProductKey()).isEqualTo(productKey);
        }
    }

    @Test
    void coreSdkParsesXmlCreateResponse() {
        String productKey = createProduct(core);
        CreateOTAModuleRequest request = Modules.createRequest(productKey, "xmlmod", "XML", null);
        request.setSysAcceptFormat(FormatType.XML);
        CreateOTAModuleResponse response = Modules.call(core, request);
        assertThat(response.getSuccess()).isTrue();
        assertThat(response.getRequestId()).matches("[0-9A-F-]{36}");

        CreateOTAModuleRequest duplicate = Modules.createRequest(productKey, "XMLMOD", null, null);
        duplicate.setSysAcceptFormat(FormatType.XML);
        CreateOTAModuleResponse failed = Modules.call(core, duplicate);
        assertThat(failed.getSuccess()).isFalse();
        assertThat(failed.getCode()).isEqualTo("iot.ota.OtaModuleAlreadyExisted");
        assertThat(failed.getErrorMessage()).isNotBlank();
        assertThat(Modules.names(core, productKey)).containsExactly("xmlmod");
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> list = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (name == null || e.getTagName().equals(name))) {
                list.add(e);
            }
        }
        return list;
    }

    /** The in-process server's own H2 database (same JVM, so H2 shares the open file). */
    private Connection openServerDatabase() throws Exception {
        return TestStore.connect(server.dataDir());
    }

    /** Moves a module's GmtCreate/GmtModified into the past, so that an update's new GmtModified is visible. */
    private void backdate(String productKey, String moduleName, Instant when) throws Exception {
        try (Connection db = openServerDatabase();
             PreparedStatement update = db.prepareStatement("""
                     UPDATE ota_module SET gmt_create = ?, gmt_modified = ? WHERE name = ?
                     AND product_id = (SELECT id FROM product WHERE product_key = ?)""")) {
            update.setLong(1, when.toEpochMilli());
            update.setLong(2, when.toEpochMilli());
            update.setString(3, moduleName);
            update.setString(4, productKey);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
