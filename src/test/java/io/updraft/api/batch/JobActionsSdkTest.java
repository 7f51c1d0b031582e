package io.updraft.api.batch;

import com.aliyuncs.CommonRequest;
import com.aliyuncs.CommonResponse;
import com.aliyuncs.http.FormatType;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.iot.model.v20180120.CancelOTAStrategyByJobRequest;
import com.aliyuncs.iot.model.v20180120.CreateOTADynamicUpgradeJobRequest;
import com.aliyuncs.iot.model.v20180120.CreateOTADynamicUpgradeJobResponse;
import com.aliyuncs.iot.model.v20180120.CreateOTAStaticUpgradeJobRequest;
import com.aliyuncs.iot.model.v20180120.CreateOTAVerifyJobRequest;
import com.aliyuncs.iot.model.v20180120.CreateOTAVerifyJobResponse;
import com.aliyuncs.iot.model.v20180120.ListOTAJobByDeviceRequest;
import com.aliyuncs.iot.model.v20180120.ListOTAJobByDeviceResponse;
import com.aliyuncs.iot.model.v20180120.ListOTAJobByFirmwareRequest;
import com.aliyuncs.iot.model.v20180120.ListOTAJobByFirmwareResponse;
import com.aliyuncs.iot.model.v20180120.QueryOTAJobRequest;
import com.aliyuncs.iot.model.v20180120.QueryOTAJobResponse;
import com.aliyun.iot20180120.models.CreateOTADynamicUpgradeJobRequest.CreateOTADynamicUpgradeJobRequestTag;
import com.aliyun.iot20180120.models.CreateOTAStaticUpgradeJobRequest.CreateOTAStaticUpgradeJobRequestTag;
import com.aliyun.iot20180120.models.CreateOTAStaticUpgradeJobResponseBody;
import com.aliyun.iot20180120.models.CreateOTAVerifyJobRequest.CreateOTAVerifyJobRequestTag;
import com.aliyun.iot20180120.models.CreateOTAVerifyJobResponseBody;
import com.aliyun.iot20180120.models.ListOTAJobByDeviceResponseBody;
import com.aliyun.iot20180120.models.ListOTAJobByFirmwareResponseBody;
import com.aliyun.iot20180120.models.QueryOTAJobResponseBody;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.updraft.testing.PopCoreClient;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch Actions through each official client, with every response field read as that client reads it:
 * the old SDK's show-item lists (Data.SrcVersions[i], Data.Tags[i], Data[i]) and the Tea models' wrappers
 * (Data.SrcVersions.SrcVersion, Data.Tags.OtaTagDTO, Data.SimpleOTAJobInfo).
 */
class JobActionsSdkTest {
    static final String UTC = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";
    private static final DateTimeFormatter UTC_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private final TestServer server = TestServer.shared();

    private static <T> T tag(T tag, String key, String value) {
        if (tag instanceof CreateOTAVerifyJobRequest.Tag t) {
            t.setKey(key);
            t.setValue(value);
        } else if (tag instanceof CreateOTAStaticUpgradeJobRequest.Tag t) {
            t.setKey(key);
            t.setValue(value);
        } else if (tag instanceof CreateOTADynamicUpgradeJobRequest.Tag t) {
            t.setKey(key);
            t.setValue(value);
        }
        return tag;
    }

    @Test
    void coreSdkCreatesAVerificationBatchAndReadsItBack() throws Exception {
        Fleet fleet = Fleet.of(server, 2);
        String firmwareId = fleet.firmware("2.0.0", true);
        CreateOTAVerifyJobRequest create = new CreateOTAVerifyJobRequest();
        create.setFirmwareId(firmwareId);
        create.setProductKey(fleet.productKey);
        create.setTargetDeviceNames(fleet.names());
        create.setTimeoutInMinutes(30);
        create.setNeedPush(true);
        create.setNeedConfirm(false);
        create.setDownloadProtocol("HTTPS");
        create.setTags(List.of(tag(new CreateOTAVerifyJobRequest.Tag(), "env", "lab")));
        CreateOTAVerifyJobResponse created = fleet.core.getAcsResponse(create);
        assertThat(created.getSuccess()).as(created.getErrorMessage()).isTrue();
        String jobId = created.getData().getJobId();
        assertThat(jobId).matches("[A-Za-z0-9]{24}");
        assertThat(created.getData().getUtcCreate()).matches(UTC);

        QueryOTAJobResponse.Data job = fleet.job(jobId);
        assertThat(job.getJobId()).isEqualTo(jobId);
        assertThat(job.getFirmwareId()).isEqualTo(firmwareId);
        assertThat(job.getProductKey()).isEqualTo(fleet.productKey);
        assertThat(job.getDestVersion()).isEqualTo("2.0.0");
        assertThat(job.getName()).startsWith("batch_");
        assertThat(job.getJobType()).isEqualTo("VERFIY_FIRMWARE");
        assertThat(job.getSelectionType()).isEqualTo("STATIC");
        assertThat(job.getJobStatus()).isEqualTo("IN_PROGRESS");
        assertThat(job.getTimeoutInMinutes()).isEqualTo(30);
        assertThat(job.getNeedPush()).isTrue();
        assertThat(job.getNeedConfirm()).isFalse();
        assertThat(job.getDownloadProtocol()).isEqualTo("HTTPS");
        assertThat(job.getTags()).singleElement().satisfies(t -> {
            assertThat(t.getKey()).isEqualTo("env");
            assertThat(t.getValue()).isEqualTo("lab");
        });
        assertThat(job.getUtcCreate()).isEqualTo(created.getData().getUtcCreate());
        assertThat(job.getUtcStartTime()).matches(UTC);
        assertThat(job.getUtcEndTime()).isNull();
        assertThat(fleet.firmwareInfo(firmwareId).getStatus()).as("verifying").isEqualTo(2);
    }

    @Test
    void coreSdkCreatesAScheduledStaticBatchWithEverySetting() throws Exception {
        Fleet fleet = Fleet.of(server, 3);
        String firmwareId = fleet.firmware("3.0.0", false);
        Instant start = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        Instant finish = start.plus(2, ChronoUnit.HOURS);
        CreateOTAStaticUpgradeJobRequest create = fleet.staticJob(firmwareId, "SPECIFIC");
        create.setTargetDeviceNames(fleet.names().subList(0, 2));
        create.setScheduleTime(start.toEpochMilli());
        create.setScheduleFinishTime(finish.toEpochMilli());
        create.setTimeoutInMinutes(60);
        create.setRetryInterval(10);
        create.setRetryCount(2);
        create.setMaximumPerMinute(100);
        create.setNeedPush(false);
        create.setNeedConfirm(true);
        create.setOverwriteMode(2);
        create.setMultiModuleMode(false);
        create.setDownloadProtocol("HTTPS");
        create.setTags(List.of(tag(new CreateOTAStaticUpgradeJobRequest.Tag(), "ring", "canary"),
                tag(new CreateOTAStaticUpgradeJobRequest.Tag(), "build.no", "4711")));
        String jobId = fleet.create(create);

        QueryOTAJobResponse.Data job = fleet.job(jobId);
        assertThat(job.getJobType()).isEqualTo("UPGRADE_FIRMWARE");
        assertThat(job.getSelectionType()).isEqualTo("STATIC");
        assertThat(job.getTargetSelection()).isEqualTo("SPECIFIC");
        assertThat(job.getJobStatus()).isEqualTo("PLANNED");
        assertThat(job.getUtcScheduleTime()).isEqualTo(UTC_FORMAT.format(start));
        assertThat(job.getUtcScheduleFinishTime()).isEqualTo(UTC_FORMAT.format(finish));
        assertThat(job.getTimeoutInMinutes()).isEqualTo(60);
        assertThat(job.getRetryInterval()).isEqualTo(10);
        assertThat(job.getRetryCount()).isEqualTo(2);
        assertThat(job.getMaximumPerMinute()).isEqualTo(100);
        assertThat(job.getNeedPush()).isFalse();
        assertThat(job.getNeedConfirm()).isTrue();
        assertThat(job.getOverwriteMode()).isEqualTo(2);
        assertThat(job.getMultiModuleMode()).isFalse();
        assertThat(job.getSrcVersions()).isEmpty();
        assertThat(job.getTags()).extracting(QueryOTAJobResponse.Data.OtaTagDTO::getKey).containsExactly("ring", "build.no");
        assertThat(job.getTags()).extracting(QueryOTAJobResponse.Data.OtaTagDTO::getValue).containsExactly("canary", "4711");

        ListOTAJobByFirmwareRequest list = new ListOTAJobByFirmwareRequest();
        list.setFirmwareId(firmwareId);
        list.setCurrentPage(1);
        list.setPageSize(10);
        ListOTAJobByFirmwareResponse listed = fleet.core.getAcsResponse(list);
        assertThat(listed.getSuccess()).as(listed.getErrorMessage()).isTrue();
        assertThat(listed.getTotal()).isEqualTo(1);
        assertThat(listed.getPageCount()).isEqualTo(1);
        assertThat(listed.getCurrentPage()).isEqualTo(1);
        assertThat(listed.getPageSize()).isEqualTo(10);
        assertThat(listed.getData()).singleElement().satisfies(item -> {
            assertThat(item.getJobId()).isEqualTo(jobId);
            assertThat(item.getFirmwareId()).isEqualTo(firmwareId);
            assertThat(item.getProductKey()).isEqualTo(fleet.productKey);
            assertThat(item.getJobStatus()).isEqualTo("PLANNED");
            assertThat(item.getJobType()).isEqualTo("UPGRADE_FIRMWARE");
            assertThat(item.getSelectionType()).isEqualTo("STATIC");
            assertThat(item.getTargetSelection()).isEqualTo("SPECIFIC");
            assertThat(item.getUtcCreate()).matches(UTC);
            assertThat(item.getUtcModified()).matches(UTC);
            assertThat(item.getTags()).extracting(ListOTAJobByFirmwareResponse.SimpleOTAJobInfo.OtaTagDTO::getKey)
                    .containsExactly("ring", "build.no");
        });

        ListOTAJobByDeviceRequest byDevice = new ListOTAJobByDeviceRequest();
        byDevice.setFirmwareId(firmwareId);
        byDevice.setProductKey(fleet.productKey);
        byDevice.setDeviceName(fleet.names().get(0));
        byDevice.setCurrentPage(1);
        byDevice.setPageSize(100);
        ListOTAJobByDeviceResponse ofDevice = fleet.core.getAcsResponse(byDevice);
        assertThat(ofDevice.getTotal()).isEqualTo(1);
        assertThat(ofDevice.getData()).singleElement().satisfies(item -> assertThat(item.getJobId()).isEqualTo(jobId));
        byDevice.setDeviceName(fleet.names().get(2));
        ListOTAJobByDeviceResponse notInIt = fleet.core.getAcsResponse(byDevice);
        assertThat(notInIt.getTotal()).isZero();
        assertThat(notInIt.getData()).isEmpty();
    }

    @Test
    void coreSdkCreatesADynamicBatchAndCancelsItsPolicy() throws Exception {
        Fleet fleet = Fleet.of(server, 1);
        String firmwareId = fleet.firmware("4.0.0", false);
        CreateOTADynamicUpgradeJobRequest create = new CreateOTADynamicUpgradeJobRequest();
        create.setFirmwareId(firmwareId);
        create.setProductKey(fleet.productKey);
        create.setSrcVersions(List.of("3.0.0", "3.1.0"));
        create.setDynamicMode(2);
        create.setMaximumPerMinute(1000);
        create.setTags(List.of(tag(new CreateOTADynamicUpgradeJobRequest.Tag(), "k", "v")));
        CreateOTADynamicUpgradeJobResponse created = fleet.core.getAcsResponse(create);
        assertThat(created.getSuccess()).as(created.getErrorMessage()).isTrue();
        String jobId = created.getData().getJobId();

        QueryOTAJobResponse.Data job = fleet.job(jobId);
        assertThat(job.getSelectionType()).isEqualTo("DYNAMIC");
        assertThat(job.getTargetSelection()).isEqualTo("ALL");
        assertThat(job.getDynamicMode()).isEqualTo(2);
        assertThat(job.getJobStatus()).isEqualTo("IN_PROGRESS");
        assertThat(job.getSrcVersions()).containsExactly("3.0.0", "3.1.0");
        assertThat(job.getMaximumPerMinute()).isEqualTo(1000);

        CancelOTAStrategyByJobRequest cancel = new CancelOTAStrategyByJobRequest();
        cancel.setJobId(jobId);
        assertThat(fleet.core.getAcsResponse(cancel).getSuccess()).isTrue();
        assertThat(fleet.job(jobId).getJobStatus()).isEqualTo("CANCELED");
    }

    @Test
    void coreSdkReadsQueryOtaJobAsXml() throws Exception {
        Fleet fleet = Fleet.of(server, 1);
        String firmwareId = fleet.firmware("5.0.0", false);
        CreateOTADynamicUpgradeJobRequest create = new CreateOTADynamicUpgradeJobRequest();
        create.setFirmwareId(firmwareId);
        create.setProductKey(fleet.productKey);
        create.setSrcVersions(List.of("4.0", "4.1"));
        create.setTags(List.of(tag(new CreateOTADynamicUpgradeJobRequest.Tag(), "a", "1"),
                tag(new CreateOTADynamicUpgradeJobRequest.Tag(), "b", "2")));
        String jobId = fleet.core.getAcsResponse(create).getData().getJobId();

        QueryOTAJobRequest query = new QueryOTAJobRequest();
        query.setJobId(jobId);
        query.setSysAcceptFormat(FormatType.XML);
        QueryOTAJobResponse.Data job = fleet.core.getAcsResponse(query).getData();
        assertThat(job.getSrcVersions()).containsExactly("4.0", "4.1");
        assertThat(job.getTags()).extracting(QueryOTAJobResponse.Data.OtaTagDTO::getValue).containsExactly("1", "2");
        assertThat(job.getDynamicMode()).isEqualTo(1);

        ListOTAJobByFirmwareRequest list = new ListOTAJobByFirmwareRequest();
        list.setFirmwareId(firmwareId);
        list.setCurrentPage(1);
        list.setPageSize(200);
        list.setSysAcceptFormat(FormatType.XML);
        ListOTAJobByFirmwareResponse listed = fleet.core.getAcsResponse(list);
        assertThat(listed.getTotal()).isEqualTo(1);
        assertThat(listed.getData()).singleElement().satisfies(item -> assertThat(item.getTags()).hasSize(2));
    }

    @ParameterizedTest(name = "Tea SDK, V1 signature = {0}")
    @ValueSource(booleans = {false, true})
    void teaSdkCreatesQueriesListsAndCancelsBatches(boolean v1) throws Exception {
        com.aliyun.iot20180120.Client tea = Sdk.tea(server, TestServer.ACME, v1);
        Fleet fleet = Fleet.of(server, 2);
        String verifyFirmware = fleet.firmware("6.0.0", true);
        CreateOTAVerifyJobResponseBody verify = tea.createOTAVerifyJob(new com.aliyun.iot20180120.models.CreateOTAVerifyJobRequest()
                .setFirmwareId(verifyFirmware).setProductKey(fleet.productKey).setTargetDeviceName(fleet.names().subList(0, 1))
                .setTag(List.of(new CreateOTAVerifyJobRequestTag().setKey("t").setValue("v")))).getBody();
        assertThat(verify.getSuccess()).as(verify.getErrorMessage()).isTrue();
        assertThat(verify.getData().getJobId()).matches("[A-Za-z0-9]{24}");

        String staticFirmware = fleet.firmware("6.1.0", false);
        CreateOTAStaticUpgradeJobResponseBody created = tea.createOTAStaticUpgradeJob(
                new com.aliyun.iot20180120.models.CreateOTAStaticUpgradeJobRequest()
                        .setFirmwareId(staticFirmware).setProductKey(fleet.productKey).setTargetSelection("ALL")
                        .setSrcVersion(List.of("6.0.0", "5.9.9")).setMaximumPerMinute(50).setNeedConfirm(true)
                        .setTag(List.of(new CreateOTAStaticUpgradeJobRequestTag().setKey("x.y").setValue("z")))).getBody();
        assertThat(created.getSuccess()).as(created.getErrorMessage()).isTrue();
        String jobId = created.getData().getJobId();

        QueryOTAJobResponseBody.QueryOTAJobResponseBodyData job = tea.queryOTAJob(
                new com.aliyun.iot20180120.models.QueryOTAJobRequest().setJobId(jobId)).getBody().getData();
        assertThat(job.getJobId()).isEqualTo(jobId);
        assertThat(job.getTargetSelection()).isEqualTo("ALL");
        assertThat(job.getSrcVersions().getSrcVersion()).containsExactly("6.0.0", "5.9.9");
        assertThat(job.getTags().getOtaTagDTO()).singleElement().satisfies(t -> {
            assertThat(t.getKey()).isEqualTo("x.y");
            assertThat(t.getValue()).isEqualTo("z");
        });
        assertThat(job.getMaximumPerMinute()).isEqualTo(50);
        assertThat(job.getNeedConfirm()).isTrue();
        assertThat(job.getUtcCreate()).matches(UTC);

        ListOTAJobByFirmwareResponseBody listed = tea.listOTAJobByFirmware(new com.aliyun.iot20180120.models.ListOTAJobByFirmwareRequest()
                .setFirmwareId(staticFirmware).setCurrentPage(1).setPageSize(200)).getBody();
        assertThat(listed.getTotal()).isEqualTo(1);
        assertThat(listed.getPageCount()).isEqualTo(1);
        assertThat(listed.getData().getSimpleOTAJobInfo()).singleElement().satisfies(item -> {
            assertThat(item.getJobId()).isEqualTo(jobId);
            assertThat(item.getTags().getOtaTagDTO()).singleElement()
                    .satisfies(t -> assertThat(t.getKey()).isEqualTo("x.y"));
        });
        ListOTAJobByDeviceResponseBody ofDevice = tea.listOTAJobByDevice(new com.aliyun.iot20180120.models.ListOTAJobByDeviceRequest()
                .setFirmwareId(verifyFirmware).setProductKey(fleet.productKey).setDeviceName(fleet.names().get(0))
                .setCurrentPage(1).setPageSize(100)).getBody();
        assertThat(ofDevice.getData().getSimpleOTAJobInfo()).singleElement()
                .satisfies(item -> assertThat(item.getJobType()).isEqualTo("VERFIY_FIRMWARE"));

        String dynamicFirmware = fleet.firmware("6.2.0", false);
        String dynamicJob = tea.createOTADynamicUpgradeJob(new com.aliyun.iot20180120.models.CreateOTADynamicUpgradeJobRequest()
                .setFirmwareId(dynamicFirmware).setProductKey(fleet.productKey).setSrcVersion(List.of("6.1.0"))
                .setTag(List.of(new CreateOTADynamicUpgradeJobRequestTag().setKey("d").setValue("1")))).getBody().getData().getJobId();
        assertThat(tea.cancelOTAStrategyByJob(new com.aliyun.iot20180120.models.CancelOTAStrategyByJobRequest()
                .setJobId(dynamicJob)).getBody().getSuccess()).isTrue();
        assertThat(tea.queryOTAJob(new com.aliyun.iot20180120.models.QueryOTAJobRequest().setJobId(dynamicJob))
                .getBody().getData().getJobStatus()).isEqualTo("CANCELED");
    }

    /** UpdateOTAJob is newer than both Java SDKs: the old SDK's CommonRequest and pop-core call it. */
    @Test
    void updateOtaJobChangesRateTimeoutTagsAndSourceVersionsThroughCommonRequest() throws Exception {
        Fleet fleet = Fleet.of(server, 1);
        String firmwareId = fleet.firmware("7.0.0", false);
        CreateOTADynamicUpgradeJobRequest create = new CreateOTADynamicUpgradeJobRequest();
        create.setFirmwareId(firmwareId);
        create.setProductKey(fleet.productKey);
        create.setSrcVersions(List.of("6.0"));
        create.setTags(List.of(tag(new CreateOTADynamicUpgradeJobRequest.Tag(), "old", "tag")));
        String jobId = fleet.core.getAcsResponse(create).getData().getJobId();

        CommonRequest update = new CommonRequest();
        update.setSysMethod(MethodType.POST);
        update.setSysDomain(server.endpoint());
        update.setSysVersion("2018-01-20");
        update.setSysAction("UpdateOTAJob");
        update.setSysProtocol(com.aliyuncs.http.ProtocolType.HTTP);
        update.putQueryParameter("JobId", jobId);
        update.putQueryParameter("UpgradeType", "DYNAMIC");
        update.putQueryParameter("TargetSelection", "ALL");
        update.putQueryParameter("MaximumPerMinute", "500");
        update.putQueryParameter("TimeoutInMinutes", "120");
        update.putQueryParameter("SrcVersionList.1", "6.0");
        update.putQueryParameter("SrcVersionList.2", "6.5");
        update.putQueryParameter("Tags.1.Key", "new");
        update.putQueryParameter("Tags.1.Value", "tag");
        CommonResponse response = fleet.core.getCommonResponse(update);
        JsonNode body = new ObjectMapper().readTree(response.getData());
        assertThat(body.get("Success").asBoolean()).as(response.getData()).isTrue();

        QueryOTAJobResponse.Data job = fleet.job(jobId);
        assertThat(job.getMaximumPerMinute()).isEqualTo(500);
        assertThat(job.getTimeoutInMinutes()).isEqualTo(120);
        assertThat(job.getSrcVersions()).containsExactly("6.0", "6.5");
        assertThat(job.getTags()).singleElement().satisfies(t -> assertThat(t.getKey()).isEqualTo("new"));
    }

    @Test
    void updateOtaJobThroughPopCoreClearsTagsThatAreNotSentAgain() {
        Fleet fleet = Fleet.of(server, 1);
        String firmwareId = fleet.firmware("8.0.0", false);
        PopCoreClient pop = Sdk.popCore(server, TestServer.ACME);
        JsonNode created = pop.post("CreateOTAStaticUpgradeJob", Map.of("FirmwareId", firmwareId,
                "ProductKey", fleet.productKey, "TargetSelection", "ALL", "Tag.1.Key", "gone", "Tag.1.Value", "soon",
                "NeedConfirm", "true")).requireOk();
        String jobId = created.at("/Data/JobId").asText();
        JsonNode updated = pop.post("UpdateOTAJob", Map.of("JobId", jobId, "UpgradeType", "STATIC",
                "TargetSelection", "ALL", "MaximumPerMinute", "20")).requireOk();
        assertThat(updated.get("Success").asBoolean()).isTrue();
        JsonNode job = pop.get("QueryOTAJob", Map.of("JobId", jobId)).requireOk().get("Data");
        assertThat(job.get("MaximumPerMinute").asInt()).isEqualTo(20);
        assertThat(job.at("/Tags/OtaTagDTO").size()).isZero();

        var wrongType = pop.post("UpdateOTAJob", Map.of("JobId", jobId, "UpgradeType", "DYNAMIC",
                "TargetSelection", "ALL", "MaximumPerMinute", "20"));
        assertThat(wrongType.ok()).isFalse();
        assertThat(wrongType.code()).isEqualTo("iot.ota.InvalidUpgradeType");
        var otherSelection = pop.post("UpdateOTAJob", Map.of("JobId", jobId, "UpgradeType", "STATIC",
                "TargetSelection", "GRAY", "MaximumPerMinute", "20"));
        assertThat(otherSelection.code()).isEqualTo("iot.ota.OperationForbidden");
        assertThat(pop.get("QueryOTAJob", Map.of("JobId", jobId)).requireOk().at("/Data/MaximumPerMinute").asInt())
                .isEqualTo(20);
    }
}
