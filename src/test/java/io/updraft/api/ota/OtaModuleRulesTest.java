package io.updraft.api.ota;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.iot.model.v20180120.CreateOTAModuleRequest;
import com.aliyuncs.iot.model.v20180120.CreateOTAModuleResponse;
import com.aliyuncs.iot.model.v20180120.DeleteOTAModuleResponse;
import com.aliyuncs.iot.model.v20180120.ListOTAModuleByProductResponse.OtaModuleDTO;
import com.aliyuncs.iot.model.v20180120.UpdateOTAModuleResponse;
import com.aliyun.iot20180120.models.CreateOTAModuleResponseBody;
import io.updraft.testing.PopCoreClient;
import io.updraft.testing.PopCoreResult;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.updraft.api.ota.Modules.createOk;
import static io.updraft.api.ota.Modules.createProduct;
import static io.updraft.api.ota.Modules.names;
import static org.assertj.core.api.Assertions.assertThat;

/** The module rules of issue 3 / ota-api.md §B.1, each with its error code (§C.4), through the old Java SDK. */
class OtaModuleRulesTest {
    private static final String ALLOWED_NAME_CHARS = "ABCXYZabcxyz0189._-";
    private final TestServer server = TestServer.shared();
    private final IAcsClient core = Sdk.core(server, TestServer.ACME);

    private static void assertBusinessError(Object response, String code) {
        Boolean success;
        String actual;
        String message;
        if (response instanceof CreateOTAModuleResponse r) {
            success = r.getSuccess(); actual = r.getCode(); message = r.getErrorMessage();
        } else if (response instanceof UpdateOTAModuleResponse r) {
            success = r.getSuccess(); actual = r.getCode(); message = r.getErrorMessage();
        } else if (response instanceof DeleteOTAModuleResponse r) {
            success = r.getSuccess(); actual = r.getCode(); message = r.getErrorMessage();
        } else if (response instanceof com.aliyuncs.iot.model.v20180120.ListOTAModuleByProductResponse r) {
            success = r.getSuccess(); actual = r.getCode(); message = r.getErrorMessage();
        } else {
            throw new IllegalArgumentException(String.valueOf(response));
        }
        assertThat(success).as("Success").isFalse();
        assertThat(actual).as("Code").isEqualTo(code);
        assertThat(message).as("ErrorMessage").isNotBlank();
    }

    private static String repeat(String unit, int times) {
        return unit.repeat(times);
    }

    private static String name64() {
        StringBuilder b = new StringBuilder();
        while (b.length() < 64) {
            b.append(ALLOWED_NAME_CHARS);
        }
        return b.substring(0, 64);
    }

    // ---- required parameters: gateway errors ----

    @Test
    void createWithoutModuleNameIsRejectedByTheGatewayWithMissingModuleName() {
        String productKey = createProduct(core);
        CreateOTAModuleRequest request = new CreateOTAModuleRequest();
        request.setProductKey(productKey);
        ClientException e = Modules.gatewayError(core, request);
        assertThat(e.getErrCode()).isEqualTo("MissingModuleName");
        assertThat(e.getErrMsg()).isEqualTo("ModuleName is mandatory for this action.");
        assertThat(names(core, productKey)).isEmpty();
    }

    @ParameterizedTest(name = "{0} without {1}")
    @CsvSource({
            "CreateOTAModule, ModuleName", "CreateOTAModule, ProductKey",
            "UpdateOTAModule, ModuleName", "UpdateOTAModule, ProductKey",
            "DeleteOTAModule, ModuleName", "DeleteOTAModule, ProductKey",
            "ListOTAModuleByProduct, ProductKey"})
    void missingRequiredParameterIsAnHttp400GatewayError(String action, String missing) {
        Map<String, String> params = new java.util.HashMap<>(Map.of("ProductKey", "a1NoSuchProd", "ModuleName", "m",
                "AliasName", "a"));
        params.remove(missing);
        if (action.equals("ListOTAModuleByProduct")) {
            params.clear();
        }
        PopCoreResult result = Sdk.popCore(server, TestServer.ACME).post(action, params);
        assertThat(result.ok()).isFalse();
        assertThat(result.httpStatus()).isEqualTo(400);
        assertThat(result.code()).isEqualTo("Missing" + missing);
        assertThat(result.data().get("Message").asText()).isEqualTo(missing + " is mandatory for this action.");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CreateOTAModule", "UpdateOTAModule", "DeleteOTAModule", "ListOTAModuleByProduct"})
    void missingProductKeyIsReportedBeforeTheInstanceIsLookedUp(String action) {
        PopCoreResult result = Sdk.popCore(server, TestServer.ACME).post(action,
                Map.of("ModuleName", "m", "AliasName", "a", "IotInstanceId", "iot-cn-nosuch01"));
        assertThat(result.httpStatus()).isEqualTo(400);
        assertThat(result.code()).isEqualTo("MissingProductKey");
    }

    // ---- ModuleName ----

    @Test
    void createRejectsEmptyModuleName() {
        String productKey = createProduct(core);
        assertBusinessError(Modules.create(core, productKey, ""), "iot.ota.NullOtaModuleName");
    }

    @Test
    void updateAndDeleteRejectEmptyModuleName() {
        String productKey = createProduct(core);
        assertBusinessError(Modules.update(core, productKey, "", "a", null), "iot.ota.NullOtaModuleName");
        assertBusinessError(Modules.delete(core, productKey, ""), "iot.ota.NullOtaModuleName");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"bar code", "scanner!", "a/b", "a+b", "模块", "name@1", "tab\tname", "ü", "a,b"})
    void createRejectsModuleNameWithCharactersOutsideTheAllowedSet(String name) {
        String productKey = createProduct(core);
        assertBusinessError(Modules.create(core, productKey, name), "iot.ota.InvalidOtaModuleName");
        assertThat(names(core, productKey)).isEmpty();
    }

    @Test
    void createRejectsModuleNameLongerThan64Characters() {
        String productKey = createProduct(core);
        assertBusinessError(Modules.create(core, productKey, name64() + "x"), "iot.ota.InvalidOtaModuleName");
    }

    @Test
    void createAcceptsModuleNameOf64AllowedCharacters() {
        String productKey = createProduct(core);
        createOk(core, productKey, name64(), null, null);
        createOk(core, productKey, "x", null, null);
        assertThat(names(core, productKey)).containsExactly(name64(), "x");
    }

    @Test
    void createRejectsDuplicateName() {
        String productKey = createProduct(core);
        createOk(core, productKey, "scanner", "first", null);
        assertBusinessError(Modules.create(core, productKey, "scanner", "second", null), "iot.ota.OtaModuleAlreadyExisted");
        List<OtaModuleDTO> modules = Modules.list(core, productKey);
        assertThat(modules).hasSize(1);
        assertThat(modules.get(0).getAliasName()).isEqualTo("first");
    }

    @Test
    void createRejectsNameThatDiffersOnlyInCase() {
        String productKey = createProduct(core);
        createOk(core, productKey, "scanner", null, null);
        assertBusinessError(Modules.create(core, productKey, "Scanner"), "iot.ota.OtaModuleAlreadyExisted");
        assertBusinessError(Modules.create(core, productKey, "SCANNER"), "iot.ota.OtaModuleAlreadyExisted");
        assertThat(names(core, productKey)).containsExactly("scanner");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"default", "DEFAULT", "Default", "dEfAuLt"})
    void createRejectsTheBuiltInDefaultNameInAnyCase(String name) {
        String productKey = createProduct(core);
        assertBusinessError(Modules.create(core, productKey, name), "iot.ota.OtaModuleAlreadyExisted");
        assertThat(names(core, productKey)).isEmpty();
    }

    @Test
    void sameModuleNameMayExistInAnotherProduct() {
        String first = createProduct(core);
        String second = createProduct(core);
        createOk(core, first, "scanner", null, null);
        createOk(core, second, "Scanner", null, null);
        assertThat(names(core, first)).containsExactly("scanner");
        assertThat(names(core, second)).containsExactly("Scanner");
    }

    // ---- module count ----

    @Test
    void createAcceptsTenModulesAndRejectsTheEleventh() {
        String productKey = createProduct(core);
        for (int i = 1; i <= 10; i++) {
            createOk(core, productKey, "module" + i, null, null);
        }
        assertBusinessError(Modules.create(core, productKey, "module11"), "iot.ota.OtaModuleCountExceedMax");
        assertThat(names(core, productKey)).hasSize(10).doesNotContain("module11");
    }

    @Test
    void deletingAModuleFreesASlotUnderTheLimit() {
        String productKey = createProduct(core);
        for (int i = 1; i <= 10; i++) {
            createOk(core, productKey, "module" + i, null, null);
        }
        assertThat(Modules.delete(core, productKey, "module3").getSuccess()).isTrue();
        createOk(core, productKey, "module11", null, null);
        assertBusinessError(Modules.create(core, productKey, "module12"), "iot.ota.OtaModuleCountExceedMax");
        assertThat(names(core, productKey)).hasSize(10).contains("module11").doesNotContain("module3");
    }

    @Test
    void moduleLimitIsConfigurable() throws Exception {
        Path dir = Path.of("target", "test-data", "module-limit-" + UUID.randomUUID());
        TestServer small = TestServer.start(dir, TestServer.bootstrap(dir), c -> c.withModuleLimit(3));
        try {
            // Tea, not core: core's endpoint table is global to the JVM and would redirect the other tests' clients.
            com.aliyun.iot20180120.Client tea = Sdk.tea(small, TestServer.ACME, false);
            String productKey = tea.createProduct(new com.aliyun.iot20180120.models.CreateProductRequest()
                    .setProductName(Modules.uniqueName("limit")).setNodeType(0)).getBody().getProductKey();
            List<String> codes = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                CreateOTAModuleResponseBody body = tea.createOTAModule(new com.aliyun.iot20180120.models.CreateOTAModuleRequest()
                        .setProductKey(productKey).setModuleName("m" + i)).getBody();
                codes.add(body.getSuccess() ? "ok" : body.getCode());
            }
            assertThat(codes).containsExactly("ok", "ok", "ok", "iot.ota.OtaModuleCountExceedMax");
        } finally {
            small.close();
        }
    }

    // ---- AliasName ----

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ascii, Ab0._-", "chinese, 扫码模块", "extension-b, 𠀀", "mixed, 主板_v1.2-中"})
    void createAcceptsAliasOf64AllowedCharacters(String kind, String unit) {
        String alias = repeat(unit, 64 / unit.codePointCount(0, unit.length()) + 1);
        alias = alias.substring(0, alias.offsetByCodePoints(0, 64));
        String productKey = createProduct(core);
        createOk(core, productKey, "m", alias, null);
        assertThat(Modules.list(core, productKey).get(0).getAliasName()).isEqualTo(alias);
    }

    @Test
    void createRejectsAliasLongerThan64Characters() {
        String productKey = createProduct(core);
        assertBusinessError(Modules.create(core, productKey, "m", repeat("模", 65), null),
                "iot.check.InvalidFormattedParameter");
        assertBusinessError(Modules.create(core, productKey, "m", repeat("a", 65), null),
                "iot.check.InvalidFormattedParameter");
        assertThat(names(core, productKey)).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"with space", "at@sign", "emoji😀", "中文，标点", "slash/", "こんにちは", "한국어"})
    void createRejectsAliasWithCharactersOutsideTheAllowedSet(String alias) {
        String productKey = createProduct(core);
        assertBusinessError(Modules.create(core, productKey, "m", alias, null), "iot.check.InvalidFormattedParameter");
        assertThat(names(core, productKey)).isEmpty();
    }

    // ---- Desc ----

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ascii, a", "chinese, 描", "emoji, 😀"})
    void createAcceptsDescriptionOf100Characters(String kind, String unit) {
        String desc = repeat(unit, 100);
        String productKey = createProduct(core);
        createOk(core, productKey, "m", null, desc);
        assertThat(Modules.list(core, productKey).get(0).getDesc()).isEqualTo(desc);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ascii, a", "chinese, 描", "emoji, 😀"})
    void createRejectsDescriptionOf101Characters(String kind, String unit) {
        String productKey = createProduct(core);
        assertBusinessError(Modules.create(core, productKey, "m", null, repeat(unit, 101)),
                "iot.check.InvalidFormattedParameter");
        assertThat(names(core, productKey)).isEmpty();
    }

    // ---- UpdateOTAModule ----

    @Test
    void updateWithNeitherAliasNorDescIsRejected() {
        String productKey = createProduct(core);
        createOk(core, productKey, "m", "alias", "desc");
        assertBusinessError(Modules.update(core, productKey, "m", null, null), "iot.ota.NothingToUpdate");
        OtaModuleDTO module = Modules.list(core, productKey).get(0);
        assertThat(module.getAliasName()).isEqualTo("alias");
        assertThat(module.getDesc()).isEqualTo("desc");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"default", "DEFAULT"})
    void updateOfTheDefaultModuleIsRejected(String name) {
        String productKey = createProduct(core);
        assertBusinessError(Modules.update(core, productKey, name, "whole", null),
                "iot.ota.DefaultOtaModuleCannotBeModified");
    }

    @Test
    void updateOfAMissingModuleIsRejected() {
        String productKey = createProduct(core);
        createOk(core, productKey, "present", null, null);
        assertBusinessError(Modules.update(core, productKey, "absent", "x", null), "iot.ota.OtaModuleNotExist");
    }

    @Test
    void updateValidatesAliasAndDescLikeCreate() {
        String productKey = createProduct(core);
        createOk(core, productKey, "m", "alias", "desc");
        assertBusinessError(Modules.update(core, productKey, "m", "bad alias", null), "iot.check.InvalidFormattedParameter");
        assertBusinessError(Modules.update(core, productKey, "m", repeat("a", 65), null), "iot.check.InvalidFormattedParameter");
        assertBusinessError(Modules.update(core, productKey, "m", null, repeat("描", 101)), "iot.check.InvalidFormattedParameter");
        assertBusinessError(Modules.update(core, productKey, "m", "fine", repeat("描", 101)), "iot.check.InvalidFormattedParameter");
        OtaModuleDTO module = Modules.list(core, productKey).get(0);
        assertThat(module.getAliasName()).isEqualTo("alias");
        assertThat(module.getDesc()).isEqualTo("desc");
    }

    @Test
    void updateFindsTheModuleIgnoringCaseButNeverRenamesIt() {
        String productKey = createProduct(core);
        createOk(core, productKey, "scanner", null, null);
        assertThat(Modules.update(core, productKey, "SCANNER", "Renamed", null).getSuccess()).isTrue();
        OtaModuleDTO module = Modules.list(core, productKey).get(0);
        assertThat(module.getModuleName()).isEqualTo("scanner");
        assertThat(module.getAliasName()).isEqualTo("Renamed");
    }

    @Test
    void updateWithOnlyAliasKeepsDescAndEmptyValueClearsAField() {
        String productKey = createProduct(core);
        createOk(core, productKey, "m", "alias", "desc");
        assertThat(Modules.update(core, productKey, "m", "alias2", null).getSuccess()).isTrue();
        assertThat(Modules.list(core, productKey).get(0).getDesc()).isEqualTo("desc");
        assertThat(Modules.update(core, productKey, "m", "", null).getSuccess()).isTrue();
        OtaModuleDTO module = Modules.list(core, productKey).get(0);
        assertThat(module.getAliasName()).isEmpty();
        assertThat(module.getDesc()).isEqualTo("desc");
    }

    // ---- DeleteOTAModule ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"default", "Default"})
    void deleteOfTheDefaultModuleIsRejected(String name) {
        String productKey = createProduct(core);
        assertBusinessError(Modules.delete(core, productKey, name), "iot.ota.DefaultOtaModuleCannotBeDeleted");
    }

    @Test
    void deleteOfAMissingModuleIsRejected() {
        String productKey = createProduct(core);
        createOk(core, productKey, "present", null, null);
        assertBusinessError(Modules.delete(core, productKey, "absent"), "iot.ota.OtaModuleNotExist");
        assertThat(names(core, productKey)).containsExactly("present");
    }

    @Test
    void deleteRemovesOnlyTheNamedModule() {
        String productKey = createProduct(core);
        createOk(core, productKey, "keep", null, null);
        createOk(core, productKey, "drop", null, null);
        assertThat(Modules.delete(core, productKey, "drop").getSuccess()).isTrue();
        assertThat(names(core, productKey)).containsExactly("keep");
    }

    // ---- ProductKey ----

    @Test
    void everyModuleActionOnAnUnknownProductFailsWithNotExistedProduct() {
        String unknown = "a1NoSuchPrd";
        assertBusinessError(Modules.create(core, unknown, "m"), "iot.prod.NotExistedProduct");
        assertBusinessError(Modules.update(core, unknown, "m", "a", null), "iot.prod.NotExistedProduct");
        assertBusinessError(Modules.delete(core, unknown, "m"), "iot.prod.NotExistedProduct");
        assertBusinessError(Modules.listResponse(core, unknown), "iot.prod.NotExistedProduct");
    }

    @Test
    void everyModuleActionRejectsAnEmptyProductKey() {
        assertBusinessError(Modules.create(core, "", "m"), "iot.prod.NullProductKey");
        assertBusinessError(Modules.update(core, "", "m", "a", null), "iot.prod.NullProductKey");
        assertBusinessError(Modules.delete(core, "", "m"), "iot.prod.NullProductKey");
        assertBusinessError(Modules.listResponse(core, ""), "iot.prod.NullProductKey");
    }
}
