package io.updraft.api.batch;

import com.aliyuncs.iot.model.v20180120.CreateOTAStaticUpgradeJobResponse;
import com.aliyuncs.iot.model.v20180120.GenerateDeviceNameListURLRequest;
import com.aliyuncs.iot.model.v20180120.GenerateDeviceNameListURLResponse;
import com.aliyuncs.iot.model.v20180120.ListOTAJobByFirmwareRequest;
import com.aliyun.iot20180120.models.GenerateDeviceNameListURLResponseBody;
import io.updraft.testing.PostObjectForm;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import io.updraft.testing.Uploads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.updraft.api.batch.JobActionsSdkTest.UTC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GenerateDeviceNameListURL → POST the CSV → CreateOTAStaticUpgradeJob(SPECIFIC, DnListFileUrl): a batch over the
 * listed devices; files that are not such a list of the caller's are refused with iot.ota.InvalidDnListFile.
 */
class DeviceListFileTest {
    private final TestServer server = TestServer.shared();

    private static String upload(GenerateDeviceNameListURLResponse.Data form, byte[] content) {
        HttpResponse<String> posted = PostObjectForm.of(form.getKey(), form.getPolicy(), form.getAccessKeyId(),
                form.getSignature()).post(form.getHost(), content);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(204);
        return form.getFileUrl();
    }

    private static GenerateDeviceNameListURLResponse.Data form(Fleet fleet) {
        GenerateDeviceNameListURLResponse response = fleet.call(new GenerateDeviceNameListURLRequest());
        assertThat(response.getSuccess()).as(response.getErrorMessage()).isTrue();
        return response.getData();
    }

    private static CreateOTAStaticUpgradeJobResponse createWithList(Fleet fleet, String firmwareId, String fileUrl) {
        var create = fleet.staticJob(firmwareId, "SPECIFIC");
        create.setDnListFileUrl(fileUrl);
        return fleet.call(create);
    }

    private static int batchesOf(Fleet fleet, String firmwareId) {
        ListOTAJobByFirmwareRequest list = new ListOTAJobByFirmwareRequest();
        list.setFirmwareId(firmwareId);
        list.setCurrentPage(1);
        list.setPageSize(10);
        return fleet.call(list).getTotal();
    }

    @Test
    void coreSdkUploadsADeviceListAndBatchesTheListedDevices() {
        Fleet fleet = Fleet.of(server, 3);
        GenerateDeviceNameListURLResponse.Data form = form(fleet);
        assertThat(form.getHost()).isEqualTo("http://127.0.0.1:" + server.port() + "/ota-upload");
        assertThat(form.getKey()).endsWith(".csv");
        assertThat(form.getFileUrl()).endsWith("/" + form.getKey());
        assertThat(form.getAccessKeyId()).isNotEmpty();
        assertThat(form.getPolicy()).isNotEmpty();
        assertThat(form.getSignature()).isNotEmpty();
        assertThat(form.getObjectStorage()).isEqualTo("OSS");
        assertThat(form.getUtcCreate()).matches(UTC);

        String list = "\uFEFF" + fleet.names().get(0) + "\r\n\n  \"" + fleet.names().get(2) + "\"  \r\n"
                + fleet.names().get(0) + "\n";
        String fileUrl = upload(form, list.getBytes(StandardCharsets.UTF_8));
        CreateOTAStaticUpgradeJobResponse created = createWithList(fleet, fleet.firmware("2.0", false), fileUrl);
        assertThat(created.getSuccess()).as(created.getErrorMessage()).isTrue();
        assertThat(fleet.states(created.getData().getJobId())).containsOnlyKeys(fleet.names().get(0), fleet.names().get(2));
    }

    @ParameterizedTest(name = "Tea SDK, V1 signature = {0}")
    @ValueSource(booleans = {false, true})
    void teaSdkReadsTheUploadForm(boolean v1) throws Exception {
        com.aliyun.iot20180120.Client tea = Sdk.tea(server, TestServer.ACME, v1);
        Fleet fleet = Fleet.of(server, 2);
        GenerateDeviceNameListURLResponseBody.GenerateDeviceNameListURLResponseBodyData form = tea.generateDeviceNameListURL(
                new com.aliyun.iot20180120.models.GenerateDeviceNameListURLRequest()).getBody().getData();
        assertThat(form.getObjectStorage()).isEqualTo("OSS");
        assertThat(form.getUtcCreate()).matches(UTC);
        assertThat(PostObjectForm.of(form.getKey(), form.getPolicy(), form.getAccessKeyId(), form.getSignature())
                .post(form.getHost(), (fleet.names().get(1) + "\n").getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(204);
        var created = tea.createOTAStaticUpgradeJob(new com.aliyun.iot20180120.models.CreateOTAStaticUpgradeJobRequest()
                .setFirmwareId(fleet.firmware("2.0", false)).setProductKey(fleet.productKey).setTargetSelection("SPECIFIC")
                .setDnListFileUrl(form.getFileUrl())).getBody();
        assertThat(created.getSuccess()).as(created.getErrorMessage()).isTrue();
        assertThat(fleet.states(created.getData().getJobId())).containsOnlyKeys(fleet.names().get(1));
    }

    @Test
    void aListOverFiveMegabytesIsRefusedByTheUploadForm() {
        Fleet fleet = Fleet.of(server, 0);
        GenerateDeviceNameListURLResponse.Data form = form(fleet);
        HttpResponse<String> posted = PostObjectForm.of(form.getKey(), form.getPolicy(), form.getAccessKeyId(),
                form.getSignature()).post(form.getHost(), new byte[5 * 1024 * 1024 + 1]);
        assertThat(posted.statusCode()).isEqualTo(400);
        assertThat(posted.body()).contains("EntityTooLarge");
    }

    @Test
    void aListOfMoreThanTenThousandNamesIsRefused() {
        Fleet fleet = Fleet.of(server, 1);
        String names = IntStream.rangeClosed(1, 10_001).mapToObj(i -> "device" + i).collect(Collectors.joining("\n"));
        String firmwareId = fleet.firmware("2.0", false);
        CreateOTAStaticUpgradeJobResponse refused = createWithList(fleet, firmwareId,
                upload(form(fleet), names.getBytes(StandardCharsets.UTF_8)));
        assertThat(refused.getCode()).isEqualTo("iot.ota.InvalidDnListFile");
        assertThat(batchesOf(fleet, firmwareId)).isZero();
    }

    @Test
    void aListThatWasNeverUploadedIsRefused() {
        Fleet fleet = Fleet.of(server, 1);
        String firmwareId = fleet.firmware("2.0", false);
        CreateOTAStaticUpgradeJobResponse refused = createWithList(fleet, firmwareId, form(fleet).getFileUrl());
        assertThat(refused.getCode()).isEqualTo("iot.ota.InvalidDnListFile");
        assertThat(refused.getErrorMessage()).contains("not been uploaded");
        assertThat(batchesOf(fleet, firmwareId)).isZero();
    }

    @Test
    void anEmptyListOrOneThatIsNotUtf8IsRefused() {
        Fleet fleet = Fleet.of(server, 1);
        String firmwareId = fleet.firmware("2.0", false);
        assertThat(createWithList(fleet, firmwareId, upload(form(fleet), "\n \n".getBytes(StandardCharsets.UTF_8)))
                .getCode()).isEqualTo("iot.ota.InvalidDnListFile");
        assertThat(createWithList(fleet, firmwareId, upload(form(fleet), new byte[]{'d', (byte) 0xC3, '\n'}))
                .getCode()).isEqualTo("iot.ota.InvalidDnListFile");
        assertThat(batchesOf(fleet, firmwareId)).isZero();
    }

    @Test
    void aPackageFileIsNotADeviceList() {
        Fleet fleet = Fleet.of(server, 1);
        String firmwareId = fleet.firmware("2.0", false);
        String packageFile = Uploads.upload(fleet.core, (fleet.names().get(0) + "\n").getBytes(StandardCharsets.UTF_8));
        CreateOTAStaticUpgradeJobResponse refused = createWithList(fleet, firmwareId, packageFile);
        assertThat(refused.getCode()).isEqualTo("iot.ota.InvalidDnListFile");
        assertThat(createWithList(fleet, firmwareId, "https://example.com/list.csv").getCode())
                .isEqualTo("iot.ota.InvalidDnListFile");
        assertThat(batchesOf(fleet, firmwareId)).isZero();
    }

    @Test
    void anotherAccountsListIsNotFound() throws Exception {
        Fleet victim = Fleet.of(server, 1);
        String victimList = upload(form(victim), (victim.names().get(0) + "\n").getBytes(StandardCharsets.UTF_8));
        var globex = Sdk.core(server, TestServer.GLOBEX);
        String product = Uploads.newProduct(globex);
        var create = new com.aliyuncs.iot.model.v20180120.CreateOTAFirmwareRequest();
        create.setProductKey(product);
        create.setFirmwareName("globex_" + Fleet.shortId());
        create.setDestVersion("2.0");
        create.setNeedToVerify(false);
        create.setFirmwareUrl(Uploads.upload(globex, "globex firmware".getBytes(StandardCharsets.UTF_8)));
        String globexFirmware = globex.getAcsResponse(create).getData().getFirmwareId();
        var stolen = new com.aliyuncs.iot.model.v20180120.CreateOTAStaticUpgradeJobRequest();
        stolen.setFirmwareId(globexFirmware);
        stolen.setProductKey(product);
        stolen.setTargetSelection("SPECIFIC");
        stolen.setDnListFileUrl(victimList);
        CreateOTAStaticUpgradeJobResponse refused = globex.getAcsResponse(stolen);
        assertThat(refused.getCode()).isEqualTo("iot.ota.InvalidDnListFile");
    }
}
