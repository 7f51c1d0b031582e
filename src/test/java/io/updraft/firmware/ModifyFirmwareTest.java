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

import java.util.HashMap;
import java.util.Map;

import static io.updraft.firmware.FirmwareLifecycleSdkTest.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** ModifyOTAFirmware, newer than both Java SDKs: called through pop-core, checked through the core SDK. */
class ModifyFirmwareTest {
    private static final TestServer SERVER = TestServer.shared();
    private static IAcsClient core;
    private static PopCoreClient pop;
    private static String productKey;
    private static String fileUrl;

    @BeforeAll
    static void setUp() {
        core = Sdk.core(SERVER, TestServer.ACME);
        pop = Sdk.popCore(SERVER, TestServer.ACME);
        productKey = Uploads.newProduct(core);
        fileUrl = Uploads.upload(core, "modify".getBytes());
    }

    private static String createPackage(String name) throws Exception {
        CreateOTAFirmwareRequest create = new CreateOTAFirmwareRequest();
        create.setProductKey(productKey);
        create.setFirmwareName(name);
        create.setDestVersion("1.0");
        create.setFirmwareDesc("before");
        create.setUdi("udi-before");
        create.setFirmwareUrl(fileUrl);
        return core.getAcsResponse(create).getData().getFirmwareId();
    }

    private static PopCoreResult modify(String firmwareId, String... extra) {
        Map<String, String> params = new HashMap<>(Map.of("FirmwareId", firmwareId, "ProductKey", productKey));
        for (int i = 0; i < extra.length; i += 2) {
            params.put(extra[i], extra[i + 1]);
        }
        return pop.call("ModifyOTAFirmware", params, "POST");
    }

    private static QueryOTAFirmwareResponse.FirmwareInfo query(String firmwareId) throws Exception {
        QueryOTAFirmwareRequest query = new QueryOTAFirmwareRequest();
        query.setFirmwareId(firmwareId);
        return core.getAcsResponse(query).getFirmwareInfo();
    }

    @Test
    void renamesAndRedescribesAPackage() throws Exception {
        String id = createPackage(unique("old"));
        String name = unique("new");
        modify(id, "FirmwareName", name, "FirmwareDesc", "after", "FirmwareUdi", "udi-after").requireOk();
        QueryOTAFirmwareResponse.FirmwareInfo info = query(id);
        assertThat(info.getFirmwareName()).isEqualTo(name);
        assertThat(info.getFirmwareDesc()).isEqualTo("after");
        assertThat(info.getUdi()).isEqualTo("udi-after");
    }

    @Test
    void leavesFieldsThatAreNotGiven() throws Exception {
        String name = unique("keep");
        String id = createPackage(name);
        modify(id, "FirmwareDesc", "only the description").requireOk();
        assertThat(query(id).getFirmwareName()).isEqualTo(name);
        assertThat(query(id).getUdi()).isEqualTo("udi-before");
    }

    @Test
    void refusesANameAnotherPackageHas() throws Exception {
        String taken = unique("taken");
        createPackage(taken);
        String id = createPackage(unique("mine"));
        assertThat(modify(id, "FirmwareName", taken).code()).isEqualTo("iot.firmware.AlreadyExistedFirmwareName");
    }

    @Test
    void refusesAMalformedName() throws Exception {
        String id = createPackage(unique("fmt"));
        assertThat(modify(id, "FirmwareName", "bad name!").code()).isEqualTo("iot.firmware.IncorrectFormattedFirmwareName");
    }

    @Test
    void refusesLongDescriptionAndUdi() throws Exception {
        String id = createPackage(unique("long"));
        assertThat(modify(id, "FirmwareDesc", "d".repeat(101)).code()).isEqualTo("iot.firmware.FirmwareDescExceedLimit");
        assertThat(modify(id, "FirmwareUdi", "u".repeat(4097)).code()).isEqualTo("iot.firmware.FirmwareUdiExceedLimit");
    }

    @Test
    void refusesAProductKeyThePackageDoesNotBelongTo() throws Exception {
        String id = createPackage(unique("pk"));
        String other = Uploads.newProduct(core);
        assertThat(pop.call("ModifyOTAFirmware", Map.of("FirmwareId", id, "ProductKey", other,
                "FirmwareDesc", "x"), "POST").code()).isEqualTo("iot.ota.FirmwareAndProductKeyMismatch");
    }

    @Test
    void refusesAnUnknownPackage() {
        assertThat(modify("NoSuchFirmware000000000000", "FirmwareDesc", "x").code()).isEqualTo("iot.ota.FirmwareNotFound");
    }
}
