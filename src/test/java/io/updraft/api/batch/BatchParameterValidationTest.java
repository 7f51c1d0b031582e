package io.updraft.api.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.updraft.testing.RawClient;
import io.updraft.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each documented rule of the batch and task Actions, broken once: the answer carries the documented code (gateway
 * {@code Missing*}/{@code Invalid*} with HTTP 400, business codes with HTTP 200 and Success=false) and nothing changes:
 * no batch appears, the existing batch and its tasks read as before.
 */
class BatchParameterValidationTest {
    private static final TestServer SERVER = TestServer.shared();
    private static final RawClient RAW = new RawClient(SERVER);
    private static Fixture fx;

    /** A product with three offline devices, a package that needs no verification, one batch waiting for confirmation. */
    record Fixture(String productKey, List<String> devices, String iotId, String firmwareId, String unverifiedFirmwareId,
                   String jobId, String taskId) {
    }

    record Row(String name, String action, Function<Fixture, Map<String, String>> params, int status, String code) {
    }

    static JsonNode call(String action, Map<String, String> params) {
        return RAW.v1(TestServer.ACME, action).param("Format", "JSON").params(params).send().json();
    }

    @BeforeAll
    static void fixture() {
        Fleet fleet = Fleet.of(SERVER, 3);
        String firmwareId = fleet.firmware("9.9.9", false);
        String unverified = fleet.firmware("9.9.8", true);
        JsonNode created = call("CreateOTAStaticUpgradeJob", Map.of("FirmwareId", firmwareId,
                "ProductKey", fleet.productKey, "TargetSelection", "ALL", "NeedConfirm", "true"));
        String jobId = created.at("/Data/JobId").asText();
        assertThat(jobId).as(created.toString()).isNotEmpty();
        String taskId = call("ListOTATaskByJob", Map.of("JobId", jobId)).at("/Data/SimpleOTATaskInfo/0/TaskId").asText();
        fx = new Fixture(fleet.productKey, fleet.names(), fleet.devices.get(0).iotId(), firmwareId, unverified, jobId, taskId);
    }

    private static String state() {
        return call("ListOTAJobByFirmware", Map.of("FirmwareId", fx.firmwareId(), "CurrentPage", "1", "PageSize", "200"))
                .get("Data").toString()
                + call("ListOTAJobByFirmware", Map.of("FirmwareId", fx.unverifiedFirmwareId(), "CurrentPage", "1",
                "PageSize", "200")).get("Total")
                + call("QueryOTAJob", Map.of("JobId", fx.jobId())).get("Data")
                + call("ListOTATaskByJob", Map.of("JobId", fx.jobId(), "PageSize", "100")).get("Data")
                + call("QueryOTAFirmware", Map.of("FirmwareId", fx.unverifiedFirmwareId())).at("/FirmwareInfo/Status");
    }

    private static Map<String, String> with(Map<String, String> base, String... more) {
        Map<String, String> params = new LinkedHashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            params.put(more[i], more[i + 1]);
        }
        return params;
    }

    private static Map<String, String> numbered(String prefix, int count, Function<Integer, String> value) {
        Map<String, String> params = new LinkedHashMap<>();
        IntStream.rangeClosed(1, count).forEach(i -> params.put(prefix + "." + i, value.apply(i)));
        return params;
    }

    private static Map<String, String> staticAll(Fixture f, String... more) {
        return with(Map.of("FirmwareId", f.firmwareId(), "ProductKey", f.productKey(), "TargetSelection", "ALL"), more);
    }

    private static Map<String, String> staticJob(Fixture f, Map<String, String> more) {
        Map<String, String> params = staticAll(f);
        params.putAll(more);
        return params;
    }

    private static String inMinutes(long minutes) {
        return String.valueOf(TestServer.SHARED_BATCH_CLOCK.millis() + minutes * 60_000);
    }

    private static Row gateway(String name, String action, Function<Fixture, Map<String, String>> params, String code) {
        return new Row(name, action, params, 400, code);
    }

    private static Row business(String name, String action, Function<Fixture, Map<String, String>> params, String code) {
        return new Row(name, action, params, 200, code);
    }

    static List<Row> rows() {
        return List.of(
                // parameter presence and types (gateway errors)
                gateway("verify without FirmwareId", "CreateOTAVerifyJob",
                        f -> Map.of("ProductKey", f.productKey(), "TargetDeviceName.1", f.devices().get(0)), "MissingFirmwareId"),
                gateway("verify without ProductKey", "CreateOTAVerifyJob",
                        f -> Map.of("FirmwareId", f.unverifiedFirmwareId(), "TargetDeviceName.1", f.devices().get(0)), "MissingProductKey"),
                gateway("verify without TargetDeviceName.N", "CreateOTAVerifyJob",
                        f -> Map.of("FirmwareId", f.unverifiedFirmwareId(), "ProductKey", f.productKey()), "MissingTargetDeviceName"),
                gateway("static without TargetSelection", "CreateOTAStaticUpgradeJob",
                        f -> Map.of("FirmwareId", f.firmwareId(), "ProductKey", f.productKey()), "MissingTargetSelection"),
                gateway("static TimeoutInMinutes not a number", "CreateOTAStaticUpgradeJob",
                        f -> staticAll(f, "TimeoutInMinutes", "soon"), "InvalidTimeoutInMinutes"),
                gateway("static ScheduleTime not a number", "CreateOTAStaticUpgradeJob",
                        f -> staticAll(f, "ScheduleTime", "tomorrow"), "InvalidScheduleTime"),
                gateway("static NeedPush not a boolean", "CreateOTAStaticUpgradeJob",
                        f -> staticAll(f, "NeedPush", "yes"), "InvalidNeedPush"),
                gateway("dynamic without ProductKey", "CreateOTADynamicUpgradeJob",
                        f -> Map.of("FirmwareId", f.firmwareId(), "SrcVersion.1", "1.0"), "MissingProductKey"),
                gateway("QueryOTAJob without JobId", "QueryOTAJob", f -> Map.of(), "MissingJobId"),
                gateway("ListOTAJobByFirmware without PageSize", "ListOTAJobByFirmware",
                        f -> Map.of("FirmwareId", f.firmwareId(), "CurrentPage", "1"), "MissingPageSize"),
                gateway("ListOTAJobByDevice without DeviceName", "ListOTAJobByDevice",
                        f -> Map.of("FirmwareId", f.firmwareId(), "ProductKey", f.productKey(), "CurrentPage", "1",
                                "PageSize", "10"), "MissingDeviceName"),
                gateway("CancelOTATaskByJob flag not a boolean", "CancelOTATaskByJob",
                        f -> Map.of("JobId", f.jobId(), "CancelQueuedTask", "maybe"), "InvalidCancelQueuedTask"),
                gateway("CancelOTATaskByDevice without DeviceName.N", "CancelOTATaskByDevice",
                        f -> Map.of("FirmwareId", f.firmwareId(), "ProductKey", f.productKey()), "MissingDeviceName"),
                gateway("ConfirmOTATask without TaskId.N", "ConfirmOTATask", f -> Map.of(), "MissingTaskId"),
                gateway("ReupgradeOTATask without JobId", "ReupgradeOTATask", f -> Map.of("TaskId.1", f.taskId()), "MissingJobId"),
                gateway("UpdateOTAJob without UpgradeType", "UpdateOTAJob",
                        f -> Map.of("JobId", f.jobId(), "TargetSelection", "ALL", "MaximumPerMinute", "10"), "MissingUpgradeType"),
                gateway("UpdateOTAJob without MaximumPerMinute", "UpdateOTAJob",
                        f -> Map.of("JobId", f.jobId(), "UpgradeType", "STATIC", "TargetSelection", "ALL"), "MissingMaximumPerMinute"),
                gateway("UpdateOTAJob MaximumPerMinute not a number", "UpdateOTAJob",
                        f -> Map.of("JobId", f.jobId(), "UpgradeType", "STATIC", "TargetSelection", "ALL",
                                "MaximumPerMinute", "fast"), "InvalidMaximumPerMinute"),

                // paging limits
                business("ListOTAJobByFirmware PageSize 201", "ListOTAJobByFirmware",
                        f -> Map.of("FirmwareId", f.firmwareId(), "CurrentPage", "1", "PageSize", "201"), "iot.common.InvalidPageParams"),
                business("ListOTAJobByFirmware CurrentPage 0", "ListOTAJobByFirmware",
                        f -> Map.of("FirmwareId", f.firmwareId(), "CurrentPage", "0", "PageSize", "10"), "iot.common.InvalidPageParams"),
                business("ListOTAJobByDevice PageSize 101", "ListOTAJobByDevice",
                        f -> Map.of("FirmwareId", f.firmwareId(), "ProductKey", f.productKey(),
                                "DeviceName", f.devices().get(0), "CurrentPage", "1", "PageSize", "101"), "iot.common.InvalidPageParams"),
                business("ListOTATaskByJob PageSize 101", "ListOTATaskByJob",
                        f -> Map.of("JobId", f.jobId(), "CurrentPage", "1", "PageSize", "101"), "iot.common.InvalidPageParams"),
                business("ListOTATaskByJob deeper than 100000", "ListOTATaskByJob",
                        f -> Map.of("JobId", f.jobId(), "CurrentPage", "1001", "PageSize", "100"), "iot.common.InvalidPageParams"),

                // task parameters
                business("ListOTATaskByJob unknown TaskStatus", "ListOTATaskByJob",
                        f -> Map.of("JobId", f.jobId(), "TaskStatus", "queued"), "iot.firmware.InvalidTaskStatus"),
                business("ListOTATaskByJob 51 DeviceNames.N", "ListOTATaskByJob",
                        f -> with(numbered("DeviceNames", 51, i -> "device" + i), "JobId", f.jobId()),
                        "iot.check.InvalidFormattedParameter"),
                business("ListOTAUnfinishedTaskByDevice names no device", "ListOTAUnfinishedTaskByDevice",
                        f -> Map.of(), "iot.ota.EmptyDeviceInfoParams"),
                business("ListOTAUnfinishedTaskByDevice ProductKey without DeviceName", "ListOTAUnfinishedTaskByDevice",
                        f -> Map.of("ProductKey", f.productKey()), "iot.ota.EmptyDeviceInfoParams"),
                business("ListOTAUnfinishedTaskByDevice empty ModuleName", "ListOTAUnfinishedTaskByDevice",
                        f -> Map.of("IotId", f.iotId(), "ModuleName", ""), "iot.ota.NullOtaModuleName"),
                business("ListOTAUnfinishedTaskByDevice malformed ModuleName", "ListOTAUnfinishedTaskByDevice",
                        f -> Map.of("IotId", f.iotId(), "ModuleName", "no spaces"), "iot.ota.InvalidOtaModuleName"),
                business("ListOTAUnfinishedTaskByDevice a finished TaskStatus", "ListOTAUnfinishedTaskByDevice",
                        f -> Map.of("IotId", f.iotId(), "TaskStatus", "SUCCEEDED"), "iot.firmware.InvalidTaskStatus"),
                business("ListOTAUnfinishedTaskByDevice a finished TaskStatusList.N", "ListOTAUnfinishedTaskByDevice",
                        f -> Map.of("IotId", f.iotId(), "TaskStatusList.1", "QUEUED", "TaskStatusList.2", "FAILED"),
                        "iot.firmware.InvalidTaskStatus"),
                business("CancelOTATaskByJob without a flag", "CancelOTATaskByJob",
                        f -> Map.of("JobId", f.jobId()), "iot.ota.CancelScopeEmpty"),
                business("CancelOTATaskByJob with every flag false", "CancelOTATaskByJob",
                        f -> Map.of("JobId", f.jobId(), "CancelScheduledTask", "false", "CancelUnconfirmedTask", "false",
                                "CancelQueuedTask", "false", "CancelNotifiedTask", "false", "CancelInProgressTask", "false"),
                        "iot.ota.CancelScopeEmpty"),
                business("CancelOTATaskByDevice 201 DeviceName.N", "CancelOTATaskByDevice",
                        f -> with(numbered("DeviceName", 201, i -> "device" + i), "FirmwareId", f.firmwareId(),
                                "ProductKey", f.productKey()), "iot.check.InvalidFormattedParameter"),
                business("CancelOTATaskByDevice a DeviceName twice", "CancelOTATaskByDevice",
                        f -> Map.of("FirmwareId", f.firmwareId(), "ProductKey", f.productKey(),
                                "DeviceName.1", f.devices().get(0), "DeviceName.2", f.devices().get(0)),
                        "iot.check.InvalidFormattedParameter"),
                business("ConfirmOTATask 11 TaskId.N", "ConfirmOTATask",
                        f -> numbered("TaskId", 11, i -> f.taskId()), "iot.ota.TooManyOtaTask"),
                business("ReupgradeOTATask 11 TaskId.N", "ReupgradeOTATask",
                        f -> with(numbered("TaskId", 11, i -> f.taskId()), "JobId", f.jobId()), "iot.ota.TooManyOtaTask"),
                business("ConfirmOTATask an unknown TaskId", "ConfirmOTATask",
                        f -> Map.of("TaskId.1", "not-a-task"), "iot.ota.InvalidTaskId"),
                business("ReupgradeOTATask a task that did not fail", "ReupgradeOTATask",
                        f -> Map.of("JobId", f.jobId(), "TaskId.1", f.taskId()), "iot.ota.FailedTaskNotFound"),
                business("QueryOTAJob an unknown JobId", "QueryOTAJob",
                        f -> Map.of("JobId", "AAAAAAAAAAAAAAAAAAAAAAAA"), "iot.ota.InvalidJobId"),
                business("CancelOTAStrategyByJob a static batch", "CancelOTAStrategyByJob",
                        f -> Map.of("JobId", f.jobId()), "iot.ota.noDynamicJob"),
                business("UpdateOTAJob another UpgradeType", "UpdateOTAJob",
                        f -> Map.of("JobId", f.jobId(), "UpgradeType", "DYNAMIC", "TargetSelection", "ALL",
                                "MaximumPerMinute", "10"), "iot.ota.InvalidUpgradeType"),
                business("UpdateOTAJob MaximumPerMinute 9", "UpdateOTAJob",
                        f -> Map.of("JobId", f.jobId(), "UpgradeType", "STATIC", "TargetSelection", "ALL",
                                "MaximumPerMinute", "9"), "iot.ota.InvalidMaximumPerMinute"),

                // batch rules (ota-api.md §A.3, §B.4)
                business("TargetSelection unknown", "CreateOTAStaticUpgradeJob",
                        f -> staticAll(f, "TargetSelection", "EVERYONE"), "iot.ota.InvalidTargetSelection"),
                business("TargetSelection GROUP", "CreateOTAStaticUpgradeJob",
                        f -> staticAll(f, "TargetSelection", "GROUP", "GroupId", "g1", "GroupType", "LINK_PLATFORM"),
                        "iot.ota.DeviceGroupNotSupported"),
                business("GRAY without GrayPercent", "CreateOTAStaticUpgradeJob",
                        f -> staticAll(f, "TargetSelection", "GRAY"), "iot.ota.InvalidGrayPercent"),
                business("GrayPercent 0", "CreateOTAStaticUpgradeJob",
                        f -> staticAll(f, "TargetSelection", "GRAY", "GrayPercent", "0"), "iot.ota.InvalidGrayPercent"),
                business("GrayPercent over 100", "CreateOTAStaticUpgradeJob",
                        f -> staticAll(f, "TargetSelection", "GRAY", "GrayPercent", "100.5"), "iot.ota.InvalidGrayPercent"),
                business("GrayPercent with 4 decimals", "CreateOTAStaticUpgradeJob",
                        f -> staticAll(f, "TargetSelection", "GRAY", "GrayPercent", "33.3333"), "iot.ota.InvalidGrayPercent"),
                business("SPECIFIC with 201 TargetDeviceName.N", "CreateOTAStaticUpgradeJob",
                        f -> staticJob(f, with(numbered("TargetDeviceName", 201, i -> "device" + i), "TargetSelection", "SPECIFIC")),
                        "iot.ota.InvalidTargetDeviceName"),
                business("SPECIFIC naming an unknown device", "CreateOTAStaticUpgradeJob",
                        f -> staticAll(f, "TargetSelection", "SPECIFIC", "TargetDeviceName.1", "nosuchdevice"),
                        "iot.ota.DeviceNotExist"),
                business("11 SrcVersion.N", "CreateOTAStaticUpgradeJob",
                        f -> staticJob(f, numbered("SrcVersion", 11, i -> "1." + i)), "iot.ota.InvalidSrcVersionList"),
                business("a SrcVersion twice", "CreateOTAStaticUpgradeJob",
                        f -> staticAll(f, "SrcVersion.1", "1.0", "SrcVersion.2", "1.0"), "iot.ota.InvalidSrcVersionList"),
                business("ScheduleTime in 1 minute", "CreateOTAStaticUpgradeJob",
                        f -> staticAll(f, "ScheduleTime", inMinutes(1)), "iot.ota.InvalidScheduleTime"),
                business("ScheduleTime in 8 days", "CreateOTAStaticUpgradeJob",
                        f -> staticAll(f, "ScheduleTime", inMinutes(8 * 24 * 60)), "iot.ota.InvalidScheduleTime"),
                business("ScheduleFinishTime 30 minutes after ScheduleTime", "CreateOTAStaticUpgradeJob",
                        f -> staticAll(f, "ScheduleTime", inMinutes(60), "ScheduleFinishTime", inMinutes(90)),
                        "iot.ota.InvalidScheduleFinishTime"),
                business("TimeoutInMinutes 0", "CreateOTAStaticUpgradeJob",
                        f -> staticAll(f, "TimeoutInMinutes", "0"), "iot.ota.InvalidTimeout"),
                business("TimeoutInMinutes 1441", "CreateOTAStaticUpgradeJob",
                        f -> staticAll(f, "TimeoutInMinutes", "1441"), "iot.ota.InvalidTimeout"),
                business("RetryInterval 5", "CreateOTAStaticUpgradeJob",
                        f -> staticAll(f, "RetryInterval", "5", "RetryCount", "1"), "iot.ota.InvalidRetryParameter"),
                business("RetryInterval without RetryCount", "CreateOTAStaticUpgradeJob",
                        f -> staticAll(f, "RetryInterval", "10"), "iot.ota.InvalidRetryParameter"),
                business("RetryCount 3", "CreateOTAStaticUpgradeJob",
                        f -> staticAll(f, "RetryInterval", "10", "RetryCount", "3"), "iot.ota.InvalidRetryParameter"),
                business("RetryInterval not below TimeoutInMinutes", "CreateOTAStaticUpgradeJob",
                        f -> staticAll(f, "RetryInterval", "60", "RetryCount", "1", "TimeoutInMinutes", "60"),
                        "iot.ota.InvalidRetryParameter"),
                business("MaximumPerMinute 9", "CreateOTAStaticUpgradeJob",
                        f -> staticAll(f, "MaximumPerMinute", "9"), "iot.ota.InvalidMaximumPerMinute"),
                business("MaximumPerMinute 10001", "CreateOTAStaticUpgradeJob",
                        f -> staticAll(f, "MaximumPerMinute", "10001"), "iot.ota.InvalidMaximumPerMinute"),
                business("OverwriteMode 3", "CreateOTAStaticUpgradeJob",
                        f -> staticAll(f, "OverwriteMode", "3"), "iot.ota.InvalidOverwriteMode"),
                business("OverwriteMode 2 with MultiModuleMode", "CreateOTAStaticUpgradeJob",
                        f -> staticAll(f, "OverwriteMode", "2", "MultiModuleMode", "true"), "iot.ota.InvalidOverwriteMode"),
                business("DownloadProtocol FTP", "CreateOTAStaticUpgradeJob",
                        f -> staticAll(f, "DownloadProtocol", "FTP"), "iot.ota.InvalidDownloadProtocol"),
                business("Tag.N.Key without Tag.N.Value", "CreateOTAStaticUpgradeJob",
                        f -> staticAll(f, "Tag.1.Key", "lonely"), "iot.ota.InvalidJobTag"),
                business("Tag.N.Key with a space", "CreateOTAStaticUpgradeJob",
                        f -> staticAll(f, "Tag.1.Key", "bad key", "Tag.1.Value", "v"), "iot.ota.InvalidJobTag"),
                business("11 tags", "CreateOTAStaticUpgradeJob",
                        f -> {
                            Map<String, String> params = staticAll(f);
                            IntStream.rangeClosed(1, 11).forEach(i -> {
                                params.put("Tag." + i + ".Key", "k" + i);
                                params.put("Tag." + i + ".Value", "v");
                            });
                            return params;
                        }, "iot.ota.JobTagIsTooLong"),
                business("dynamic without SrcVersion.N", "CreateOTADynamicUpgradeJob",
                        f -> Map.of("FirmwareId", f.firmwareId(), "ProductKey", f.productKey()), "iot.ota.EmptySrcVersionList"),
                business("DynamicMode 3", "CreateOTADynamicUpgradeJob",
                        f -> Map.of("FirmwareId", f.firmwareId(), "ProductKey", f.productKey(), "SrcVersion.1", "1.0",
                                "DynamicMode", "3"), "iot.ota.InvalidDynamicMode"),
                business("verification over 11 devices", "CreateOTAVerifyJob",
                        f -> with(numbered("TargetDeviceName", 11, i -> "device" + i), "FirmwareId", f.unverifiedFirmwareId(),
                                "ProductKey", f.productKey()), "iot.ota.InvalidTargetDeviceName"),
                business("verification of a package that needs none", "CreateOTAVerifyJob",
                        f -> Map.of("FirmwareId", f.firmwareId(), "ProductKey", f.productKey(),
                                "TargetDeviceName.1", f.devices().get(0)), "iot.ota.FirmwareVerifyNotAllowed"),
                business("static batch of an unverified package", "CreateOTAStaticUpgradeJob",
                        f -> Map.of("FirmwareId", f.unverifiedFirmwareId(), "ProductKey", f.productKey(),
                                "TargetSelection", "ALL"), "iot.ota.FirmwareNotVerified"),
                business("dynamic batch of an unverified package", "CreateOTADynamicUpgradeJob",
                        f -> Map.of("FirmwareId", f.unverifiedFirmwareId(), "ProductKey", f.productKey(),
                                "SrcVersion.1", "1.0"), "iot.ota.FirmwareNotVerified"),
                business("a package of another product", "CreateOTAStaticUpgradeJob",
                        f -> Map.of("FirmwareId", f.firmwareId(), "ProductKey", "a1NoSuchProd", "TargetSelection", "ALL"),
                        "iot.prod.NotExistedProduct"));
    }

    @TestFactory
    Stream<DynamicTest> eachBrokenRuleGetsItsCodeAndChangesNothing() {
        return rows().stream().map(row -> DynamicTest.dynamicTest(row.name() + " → " + row.code(), () -> {
            String before = state();
            RawClient.Response response = RAW.v1(TestServer.ACME, row.action()).param("Format", "JSON")
                    .params(row.params().apply(fx)).send();
            JsonNode body = response.json();
            assertThat(response.status()).as(body.toString()).isEqualTo(row.status());
            assertThat(body.path("Code").asText()).as(body.toString()).isEqualTo(row.code());
            if (row.status() == 200) {
                assertThat(body.get("Success").asBoolean()).isFalse();
                assertThat(body.get("ErrorMessage").asText()).isNotBlank();
            }
            assertThat(state()).isEqualTo(before);
        }));
    }

    @Test
    void theLargestAllowedPagesAreAccepted() {
        assertThat(call("ListOTAJobByFirmware", Map.of("FirmwareId", fx.firmwareId(), "CurrentPage", "1",
                "PageSize", "200")).get("Success").asBoolean()).isTrue();
        assertThat(call("ListOTAJobByDevice", Map.of("FirmwareId", fx.firmwareId(), "ProductKey", fx.productKey(),
                "DeviceName", fx.devices().get(0), "CurrentPage", "1", "PageSize", "100")).get("Success").asBoolean()).isTrue();
        JsonNode deepest = call("ListOTATaskByJob", Map.of("JobId", fx.jobId(), "CurrentPage", "1000", "PageSize", "100"));
        assertThat(deepest.get("Success").asBoolean()).as(deepest.toString()).isTrue();
        assertThat(deepest.get("Total").asInt()).isEqualTo(3);
        assertThat(deepest.at("/Data/SimpleOTATaskInfo").size()).isZero();
    }
}
