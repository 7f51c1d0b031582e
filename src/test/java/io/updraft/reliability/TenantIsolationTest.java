package io.updraft.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.updraft.api.ActionDefinition;
import io.updraft.api.ActionTable;
import io.updraft.testing.PostObjectForm;
import io.updraft.testing.RawClient;
import io.updraft.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * For every Action: another account, naming acme's ProductKey, IotId, DeviceName or instance ID, neither reads nor
 * changes acme's resources; a RAM user without permission is refused. A new Action must add its row to
 * {@link #ATTACKS}, so isolation is thought about for each one.
 */
class TenantIsolationTest {
    private static final TestServer SERVER = TestServer.shared();
    private static final RawClient RAW = new RawClient(SERVER);
    private static Victim victim;

    /** What acme owns, and its secrets, which must never appear in another account's answers. */
    record Victim(String productKey, String productSecret, String iotId, String deviceName, String deviceSecret,
                  String firmwareId, String fileUrl, String jobId, String taskId) {
    }

    /** Account-wide Actions that name none of acme's resources: they succeed, on the caller's own (empty) data. */
    private static final Set<String> OWN_DATA_ONLY = Set.of("QueryProductList", "GenerateOTAUploadURL",
            "GenerateDeviceNameListURL");

    /** Parameters that aim an Action at acme's resources. */
    private static final Map<String, Function<Victim, Map<String, String>>> ATTACKS = attacks();

    private static Map<String, Function<Victim, Map<String, String>>> attacks() {
        Map<String, Function<Victim, Map<String, String>>> a = new LinkedHashMap<>();
        a.put("CreateProduct", v -> Map.of("ProductName", "stolen_" + shortId(), "NodeType", "0",
                "IotInstanceId", TestServer.ACME_INSTANCE));
        a.put("QueryProduct", v -> Map.of("ProductKey", v.productKey()));
        a.put("QueryProductList", v -> Map.of("CurrentPage", "1", "PageSize", "200"));
        a.put("UpdateProduct", v -> Map.of("ProductKey", v.productKey(), "ProductName", "hijacked_" + shortId()));
        a.put("DeleteProduct", v -> Map.of("ProductKey", v.productKey()));
        a.put("CreateOTAModule", v -> Map.of("ProductKey", v.productKey(), "ModuleName", "evil"));
        a.put("UpdateOTAModule", v -> Map.of("ProductKey", v.productKey(), "ModuleName", "mcu", "Desc", "hijacked"));
        a.put("DeleteOTAModule", v -> Map.of("ProductKey", v.productKey(), "ModuleName", "mcu"));
        a.put("ListOTAModuleByProduct", v -> Map.of("ProductKey", v.productKey()));
        a.put("RegisterDevice", v -> Map.of("ProductKey", v.productKey(), "DeviceName", "intruder01"));
        a.put("QueryDeviceDetail", v -> Map.of("IotId", v.iotId()));
        a.put("QueryDevice", v -> Map.of("ProductKey", v.productKey()));
        a.put("DeleteDevice", v -> Map.of("ProductKey", v.productKey(), "DeviceName", v.deviceName()));
        a.put("ListOTAModuleVersionsByDevice", v -> Map.of("IotId", v.iotId(), "CurrentPage", "1", "PageSize", "10"));
        a.put("GenerateOTAUploadURL", v -> Map.of("FileSuffix", "bin"));
        a.put("CreateOTAFirmware", v -> Map.of("ProductKey", v.productKey(), "FirmwareName", "stolen_" + shortId(),
                "DestVersion", "6.6.6", "FirmwareUrl", v.fileUrl()));
        a.put("QueryOTAFirmware", v -> Map.of("FirmwareId", v.firmwareId()));
        a.put("ListOTAFirmware", v -> Map.of("ProductKey", v.productKey(), "CurrentPage", "1", "PageSize", "10"));
        a.put("DeleteOTAFirmware", v -> Map.of("FirmwareId", v.firmwareId()));
        a.put("ModifyOTAFirmware", v -> Map.of("FirmwareId", v.firmwareId(), "ProductKey", v.productKey(),
                "FirmwareName", "hijacked_" + shortId()));
        a.put("GenerateDeviceNameListURL", v -> Map.of());
        a.put("CreateOTAVerifyJob", v -> Map.of("FirmwareId", v.firmwareId(), "ProductKey", v.productKey(),
                "TargetDeviceName.1", v.deviceName()));
        a.put("CreateOTAStaticUpgradeJob", v -> Map.of("FirmwareId", v.firmwareId(), "ProductKey", v.productKey(),
                "TargetSelection", "ALL"));
        a.put("CreateOTADynamicUpgradeJob", v -> Map.of("FirmwareId", v.firmwareId(), "ProductKey", v.productKey(),
                "SrcVersion.1", "0.9"));
        a.put("QueryOTAJob", v -> Map.of("JobId", v.jobId()));
        a.put("ListOTAJobByFirmware", v -> Map.of("FirmwareId", v.firmwareId(), "CurrentPage", "1", "PageSize", "10"));
        a.put("ListOTAJobByDevice", v -> Map.of("FirmwareId", v.firmwareId(), "ProductKey", v.productKey(),
                "DeviceName", v.deviceName(), "CurrentPage", "1", "PageSize", "10"));
        a.put("CancelOTAStrategyByJob", v -> Map.of("JobId", v.jobId()));
        a.put("UpdateOTAJob", v -> Map.of("JobId", v.jobId(), "UpgradeType", "STATIC", "TargetSelection", "SPECIFIC",
                "MaximumPerMinute", "10"));
        a.put("ListOTATaskByJob", v -> Map.of("JobId", v.jobId()));
        a.put("ListOTAUnfinishedTaskByDevice", v -> Map.of("IotId", v.iotId()));
        a.put("CancelOTATaskByJob", v -> Map.of("JobId", v.jobId(), "CancelUnconfirmedTask", "true",
                "CancelQueuedTask", "true"));
        a.put("CancelOTATaskByDevice", v -> Map.of("FirmwareId", v.firmwareId(), "ProductKey", v.productKey(),
                "DeviceName.1", v.deviceName()));
        a.put("ConfirmOTATask", v -> Map.of("TaskId.1", v.taskId()));
        a.put("ReupgradeOTATask", v -> Map.of("JobId", v.jobId(), "TaskId.1", v.taskId()));
        return a;
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static JsonNode call(TestServer.Key key, String action, Map<String, String> params) {
        return RAW.v1(key, action).param("Format", "JSON").params(params).send().json();
    }

    @BeforeAll
    static void acmeOwnsAProductAModuleAndADevice() {
        JsonNode product = call(TestServer.ACME, "CreateProduct", Map.of("ProductName", "victim_" + shortId(), "NodeType", "0"));
        String productKey = product.get("ProductKey").asText();
        call(TestServer.ACME, "CreateOTAModule", Map.of("ProductKey", productKey, "ModuleName", "mcu", "Desc", "original"));
        JsonNode device = call(TestServer.ACME, "RegisterDevice", Map.of("ProductKey", productKey, "DeviceName", "victim01"))
                .get("Data");
        JsonNode form = call(TestServer.ACME, "GenerateOTAUploadURL", Map.of()).get("Data");
        int posted = PostObjectForm.of(form.get("Key").asText(), form.get("Policy").asText(),
                form.get("OSSAccessKeyId").asText(), form.get("Signature").asText())
                .post(form.get("Host").asText(), "victim firmware".getBytes()).statusCode();
        assertThat(posted).isEqualTo(204);
        String fileUrl = form.get("FirmwareUrl").asText();
        String firmwareId = call(TestServer.ACME, "CreateOTAFirmware", Map.of("ProductKey", productKey,
                "FirmwareName", "victim_" + shortId(), "DestVersion", "1.0", "FirmwareUrl", fileUrl))
                .at("/Data/FirmwareId").asText();
        // A verification batch waiting for confirmation: its task stays CONFIRM unless someone acts on it.
        JsonNode job = call(TestServer.ACME, "CreateOTAVerifyJob", Map.of("FirmwareId", firmwareId,
                "ProductKey", productKey, "TargetDeviceName.1", "victim01", "NeedConfirm", "true"));
        String jobId = job.at("/Data/JobId").asText();
        assertThat(jobId).as(job.toString()).isNotEmpty();
        String taskId = call(TestServer.ACME, "ListOTATaskByJob", Map.of("JobId", jobId))
                .at("/Data/SimpleOTATaskInfo/0/TaskId").asText();
        assertThat(taskId).isNotEmpty();
        victim = new Victim(productKey, product.at("/Data/ProductSecret").asText(), device.get("IotId").asText(),
                device.get("DeviceName").asText(), device.get("DeviceSecret").asText(), firmwareId, fileUrl, jobId,
                taskId);
    }

    private static String acmeState() {
        return call(TestServer.ACME, "QueryProduct", Map.of("ProductKey", victim.productKey())).get("Data").toString()
                + call(TestServer.ACME, "ListOTAModuleByProduct", Map.of("ProductKey", victim.productKey())).get("Data")
                + call(TestServer.ACME, "QueryDeviceDetail", Map.of("IotId", victim.iotId())).get("Data")
                + call(TestServer.ACME, "QueryDevice", Map.of("ProductKey", victim.productKey())).get("Total")
                + firmwareState() + jobState();
    }

    /** The batch and its task, as acme reads them. */
    private static String jobState() {
        return call(TestServer.ACME, "QueryOTAJob", Map.of("JobId", victim.jobId())).get("Data").toString()
                + call(TestServer.ACME, "ListOTATaskByJob", Map.of("JobId", victim.jobId())).get("Data")
                + call(TestServer.ACME, "ListOTAJobByFirmware", Map.of("FirmwareId", victim.firmwareId(),
                "CurrentPage", "1", "PageSize", "10")).get("Total");
    }

    /** The package's stored fields; its download links are minted afresh for every answer, so they are left out. */
    private static String firmwareState() {
        JsonNode info = call(TestServer.ACME, "QueryOTAFirmware", Map.of("FirmwareId", victim.firmwareId()))
                .get("FirmwareInfo");
        return info.get("FirmwareName").asText() + info.path("FirmwareDesc").asText() + info.get("UtcModified").asText()
                + call(TestServer.ACME, "ListOTAFirmware", Map.of("ProductKey", victim.productKey(),
                "CurrentPage", "1", "PageSize", "10")).get("Total");
    }

    @Test
    void everyActionHasAnIsolationAttack() {
        for (ActionDefinition action : ActionTable.unwired().all()) {
            if (!ATTACKS.containsKey(action.name())) {
                fail("add an isolation attack for " + action.name() + " to TenantIsolationTest.ATTACKS");
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> anotherAccountNeitherReadsNorChangesAcmesResources() {
        return ActionTable.unwired().all().stream().filter(a -> ATTACKS.containsKey(a.name())).map(action ->
                DynamicTest.dynamicTest(action.name(), () -> {
                    String before = acmeState();
                    JsonNode answer = call(TestServer.GLOBEX, action.name(), ATTACKS.get(action.name()).apply(victim));
                    String text = answer.toString();
                    assertThat(text).doesNotContain(victim.productKey()).doesNotContain(victim.productSecret())
                            .doesNotContain(victim.iotId()).doesNotContain(victim.deviceSecret())
                            .doesNotContain(victim.firmwareId()).doesNotContain(victim.jobId());
                    if (!OWN_DATA_ONLY.contains(action.name())) {
                        assertThat(answer.path("Success").asBoolean(false)).as(text).isFalse();
                        assertThat(answer.path("Code").asText())
                                .isIn("iot.prod.NotExistedProduct", "iot.device.NotExistedDevice",
                                        "iot.system.InstanceNotFound", "iot.device.InvalidIoTId",
                                        "iot.ota.FirmwareNotFound", "iot.ota.InvalidJobId",
                                        "iot.ota.InvalidTaskId");
                    }
                    assertThat(acmeState()).isEqualTo(before);
                }));
    }

    @TestFactory
    Stream<DynamicTest> guessingAcmesInstanceIdFindsNoInstance() {
        return ActionTable.unwired().all().stream().filter(a -> ATTACKS.containsKey(a.name())).map(action ->
                DynamicTest.dynamicTest(action.name(), () -> {
                    Map<String, String> params = new LinkedHashMap<>(ATTACKS.get(action.name()).apply(victim));
                    params.put("IotInstanceId", TestServer.ACME_INSTANCE);
                    JsonNode answer = call(TestServer.GLOBEX, action.name(), params);
                    assertThat(answer.path("Code").asText()).as(answer.toString()).isEqualTo("iot.system.InstanceNotFound");
                }));
    }

    @TestFactory
    Stream<DynamicTest> aRamUserWithoutPermissionIsRefusedEveryAction() {
        return ActionTable.unwired().all().stream().filter(a -> ATTACKS.containsKey(a.name())).map(action ->
                DynamicTest.dynamicTest(action.name(), () -> {
                    String before = acmeState();
                    RawClient.Response response = RAW.v1(TestServer.ACME_NOBODY, action.name()).param("Format", "JSON")
                            .params(ATTACKS.get(action.name()).apply(victim)).send();
                    assertThat(response.status()).isEqualTo(403);
                    assertThat(response.json().get("Code").asText()).isEqualTo("Forbidden.RAM");
                    assertThat(acmeState()).isEqualTo(before);
                }));
    }

    @Test
    void identifiersAreNotGuessableSequences() {
        List<String> keys = new java.util.ArrayList<>();
        List<String> iotIds = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String key = call(TestServer.GLOBEX, "CreateProduct", Map.of("ProductName", "seq_" + shortId(), "NodeType", "0"))
                    .get("ProductKey").asText();
            keys.add(key);
            iotIds.add(call(TestServer.GLOBEX, "RegisterDevice", Map.of("ProductKey", key)).at("/Data/IotId").asText());
        }
        assertRandomLooking(keys, 2, 0);            // "a1" + 9 random characters
        assertRandomLooking(iotIds, 0, 6);          // 20 random characters + Alibaba's "000100"-style suffix
    }

    /** Every position between the fixed prefix and suffix takes many values: no counter, no timestamp. */
    private static void assertRandomLooking(List<String> ids, int fixedPrefix, int fixedSuffix) {
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
        int length = ids.get(0).length();
        for (int position = fixedPrefix; position < length - fixedSuffix; position++) {
            Set<Character> seen = new HashSet<>();
            for (String id : ids) {
                seen.add(id.charAt(position));
            }
            assertThat(seen.size()).as("distinct characters at position %d of %s", position, ids).isGreaterThanOrEqualTo(5);
        }
    }
}
