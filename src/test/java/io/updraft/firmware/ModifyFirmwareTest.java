package io.updraft.firmware;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.CreateOTAFirmwareRequest;
import com.aliyuncs.iot.model.v20180120.QueryOTAFirmwareRequest;
import com.aliyuncs.iot.model.v20180120.QueryOTAFirmwareResponse;
import io.updraft.testing.PopCoreClient;
import io.updraft.testing.PopCoreResult;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import io.updraft.testing.Uploads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.updraft.firmware.FirmwareLifecycleSdkTest.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ModifyOTAFirmware, newer than both Java SDKs: called through pop-core, checked through the core SDK. Every case's
 * call goes out in one pop-core run (one node process); each test then reads its own outcome.
 */
class ModifyFirmwareTest {
    private static final TestServer SERVER = TestServer.shared();
    private static final Map<String, PopCoreResult> OUTCOMES = new HashMap<>();
    private static final Map<String, String> PACKAGES = new HashMap<>();
    private static IAcsClient core;
    private static String productKey;
    private static String fileUrl;
    private static String renamedTo;
    private static String keptName;
    private static String takenName;

    @BeforeAll
    static void modifyEveryCase() throws Exception {
        core = Sdk.core(SERVER, TestServer.ACME);
        productKey = Uploads.newProduct(core);
        fileUrl = Uploads.upload(core, "modify".getBytes());
        renamedTo = unique("new");
        keptName = unique("keep");
        takenName = unique("taken");
        createPackage("taken", takenName);
        Map<String, Map<String, String>> cases = new LinkedHashMap<>();
        cases.put("rename", params(createPackage("rename", unique("old")),
                "FirmwareName", renamedTo, "FirmwareDesc", "after", "FirmwareUdi", "udi-after"));
        cases.put("descOnly", params(createPackage("descOnly", keptName), "FirmwareDesc", "only the description"));
        cases.put("nameTaken", params(createPackage("nameTaken", unique("mine")), "FirmwareName", takenName));
        cases.put("badName", params(createPackage("badName", unique("fmt")), "FirmwareName", "bad name!"));
        String longOne = createPackage("long", unique("long"));
        cases.put("longDesc", params(longOne, "FirmwareDesc", "d".repeat(101)));
        cases.put("longUdi", params(longOne, "FirmwareUdi", "u".repeat(4097)));
        Map<String, String> otherProduct = params(createPackage("pk", unique("pk")), "FirmwareDesc", "x");
        otherProduct.put("ProductKey", Uploads.newProduct(core));
        cases.put("otherProduct", otherProduct);
        cases.put("unknown", params("NoSuchFirmware000000000000", "FirmwareDesc", "x"));

        List<PopCoreClient.Call> calls = new ArrayList<>();
        cases.values().forEach(p -> calls.add(PopCoreClient.Call.post("ModifyOTAFirmware", p)));
        List<PopCoreResult> results = Sdk.popCore(SERVER, TestServer.ACME).callAll(calls);
        int i = 0;
        for (String name : cases.keySet()) {
            OUTCOMES.put(name, results.get(i++));
        }
    }

    private static String createPackage(String label, String name) throws Exception {
        CreateOTAFirmwareRequest create = new CreateOTAFirmwareRequest();
        create.setProductKey(productKey);
        create.setFirmwareName(name);
        create.setDestVersion("1.0");
        create.setFirmwareDesc("before");
        create.setUdi("udi-before");
        create.setFirmwareUrl(fileUrl);
        String id = core.getAcsResponse(create).getData().getFirmwareId();
        PACKAGES.put(label, id);
        return id;
    }

    private static Map<String, String> params(String firmwareId, String... extra) {
        Map<String, String> params = new HashMap<>(Map.of("FirmwareId", firmwareId, "ProductKey", productKey));
        for (int i = 0; i < extra.length; i += 2) {
            params.put(extra[i], extra[i + 1]);
        }
        return params;
    }

    private static QueryOTAFirmwareResponse.FirmwareInfo query(String label) throws Exception {
        QueryOTAFirmwareRequest query = new QueryOTAFirmwareRequest();
        query.setFirmwareId(PACKAGES.get(label));
        return core.getAcsResponse(query).getFirmwareInfo();
    }

    @Test
    void renamesAndRedescribesAPackage() throws Exception {
        OUTCOMES.get("rename").requireOk();
        QueryOTAFirmwareResponse.FirmwareInfo info = query("rename");
        assertThat(info.getFirmwareName()).isEqualTo(renamedTo);
        assertThat(info.getFirmwareDesc()).isEqualTo("after");
        assertThat(info.getUdi()).isEqualTo("udi-after");
    }

    @Test
    void leavesFieldsThatAreNotGiven() throws Exception {
        OUTCOMES.get("descOnly").requireOk();
        assertThat(query("descOnly").getFirmwareName()).isEqualTo(keptName);
        assertThat(query("descOnly").getUdi()).isEqualTo("udi-before");
        assertThat(query("descOnly").getFirmwareDesc()).isEqualTo("only the description");
    }

    @Test
    void refusesANameAnotherPackageHas() {
        assertThat(OUTCOMES.get("nameTaken").code()).isEqualTo("iot.firmware.AlreadyExistedFirmwareName");
    }

    @Test
    void refusesAMalformedName() {
        assertThat(OUTCOMES.get("badName").code()).isEqualTo("iot.firmware.IncorrectFormattedFirmwareName");
    }

    @Test
    void refusesADescriptionOver100Characters() {
        assertThat(OUTCOMES.get("longDesc").code()).isEqualTo("iot.firmware.FirmwareDescExceedLimit");
    }

    @Test
    void refusesAUdiOver4096Characters() {
        assertThat(OUTCOMES.get("longUdi").code()).isEqualTo("iot.firmware.FirmwareUdiExceedLimit");
    }

    @Test
    void refusesAProductKeyThePackageDoesNotBelongTo() {
        assertThat(OUTCOMES.get("otherProduct").code()).isEqualTo("iot.ota.FirmwareAndProductKeyMismatch");
    }

    @Test
    void refusesAnUnknownPackage() {
        assertThat(OUTCOMES.get("unknown").code()).isEqualTo("iot.ota.FirmwareNotFound");
    }
}
