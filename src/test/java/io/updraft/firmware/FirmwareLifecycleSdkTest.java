package io.updraft.firmware;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.CreateOTAFirmwareRequest;
import com.aliyuncs.iot.model.v20180120.CreateOTAFirmwareResponse;
import com.aliyuncs.iot.model.v20180120.CreateOTAModuleRequest;
import com.aliyuncs.iot.model.v20180120.DeleteOTAFirmwareRequest;
import com.aliyuncs.iot.model.v20180120.DeleteOTAModuleRequest;
import com.aliyuncs.iot.model.v20180120.DeleteOTAModuleResponse;
import com.aliyuncs.iot.model.v20180120.GenerateOTAUploadURLRequest;
import com.aliyuncs.iot.model.v20180120.GenerateOTAUploadURLResponse;
import com.aliyuncs.iot.model.v20180120.ListOTAFirmwareRequest;
import com.aliyuncs.iot.model.v20180120.ListOTAFirmwareResponse;
import com.aliyuncs.iot.model.v20180120.QueryOTAFirmwareRequest;
import com.aliyuncs.iot.model.v20180120.QueryOTAFirmwareResponse;
import com.aliyun.iot20180120.models.CreateOTAFirmwareResponseBody;
import com.aliyun.iot20180120.models.GenerateOTAUploadURLResponseBody;
import com.aliyun.iot20180120.models.ListOTAFirmwareResponseBody;
import com.aliyun.iot20180120.models.QueryOTAFirmwareResponseBody;
import com.fasterxml.jackson.databind.JsonNode;
import io.updraft.testing.PopCoreClient;
import io.updraft.testing.PopCoreResult;
import io.updraft.testing.PostObjectForm;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import io.updraft.testing.Uploads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Each official client runs the package flow: upload URL → POST the file → Create → Query → List → Delete. */
class FirmwareLifecycleSdkTest {
    private final TestServer server = TestServer.shared();

    static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String md5(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    }

    static byte[] download(String url) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void coreSdkRunsThePackageLifecycle() throws Exception {
        IAcsClient client = Sdk.core(server, TestServer.ACME);
        String productKey = Uploads.newProduct(client);
        byte[] content = ("core firmware " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);

        GenerateOTAUploadURLRequest generate = new GenerateOTAUploadURLRequest();
        generate.setFileSuffix("zip");
        GenerateOTAUploadURLResponse.Data form = client.getAcsResponse(generate).getData();
        assertThat(form.getHost()).isEqualTo("http://127.0.0.1:" + server.port() + "/ota-upload");
        assertThat(form.getKey()).endsWith(".zip");
        assertThat(form.getObjectStorage()).isEqualTo("OSS");
        assertThat(form.getUtcCreate()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        HttpResponse<String> posted = PostObjectForm.of(form.getKey(), form.getPolicy(), form.getOSSAccessKeyId(),
                form.getSignature()).field("success_action_status", "200").post(form.getHost(), content);
        assertThat(posted.statusCode()).isEqualTo(200);

        CreateOTAFirmwareRequest create = new CreateOTAFirmwareRequest();
        create.setProductKey(productKey);
        create.setFirmwareName(unique("core"));
        create.setDestVersion("1.0.1");
        create.setFirmwareUrl(form.getFirmwareUrl());
        create.setFirmwareSign(md5(content));
        create.setSignMethod("MD5");
        create.setFirmwareSize(content.length);
        create.setFirmwareDesc("第一版 first");
        create.setUdi("{\"k\":\"v\"}");
        CreateOTAFirmwareResponse created = client.getAcsResponse(create);
        assertThat(created.getSuccess()).as(created.getErrorMessage()).isTrue();
        String firmwareId = created.getData().getFirmwareId();
        assertThat(firmwareId).matches("[A-Za-z0-9]{26}");

        QueryOTAFirmwareRequest query = new QueryOTAFirmwareRequest();
        query.setFirmwareId(firmwareId);
        QueryOTAFirmwareResponse.FirmwareInfo info = client.getAcsResponse(query).getFirmwareInfo();
        assertThat(info.getFirmwareName()).isEqualTo(create.getFirmwareName());
        assertThat(info.getProductKey()).isEqualTo(productKey);
        assertThat(info.getModuleName()).isEqualTo("default");
        assertThat(info.getDestVersion()).isEqualTo("1.0.1");
        assertThat(info.getType()).isZero();
        assertThat(info.getStatus()).isZero();
        assertThat(info.getVerifyProgress()).isZero();
        assertThat(info.getSignMethod()).isEqualTo("MD5");
        assertThat(info.getFirmwareSign()).isEqualTo(md5(content));
        assertThat(info.getFirmwareSize()).isEqualTo(content.length);
        assertThat(info.getFirmwareDesc()).isEqualTo("第一版 first");
        assertThat(info.getUdi()).isEqualTo("{\"k\":\"v\"}");
        assertThat(info.getUtcCreate()).isEqualTo(created.getData().getUtcCreate());
        assertThat(download(info.getFirmwareUrl())).isEqualTo(content);

        ListOTAFirmwareRequest list = new ListOTAFirmwareRequest();
        list.setProductKey(productKey);
        list.setCurrentPage(1);
        list.setPageSize(10);
        ListOTAFirmwareResponse listed = client.getAcsResponse(list);
        assertThat(listed.getTotal()).isEqualTo(1);
        assertThat(listed.getPageCount()).isEqualTo(1);
        assertThat(listed.getFirmwareInfo()).singleElement().satisfies(item -> {
            assertThat(item.getFirmwareId()).isEqualTo(firmwareId);
            assertThat(item.getFirmwareSize()).isEqualTo(content.length);
            assertThat(item.getProductName()).isNotEmpty();
            assertThat(item.getFirmwareUrl()).contains("/ota-files/");
        });

        DeleteOTAFirmwareRequest delete = new DeleteOTAFirmwareRequest();
        delete.setFirmwareId(firmwareId);
        assertThat(client.getAcsResponse(delete).getSuccess()).isTrue();
        QueryOTAFirmwareResponse gone = client.getAcsResponse(query);
        assertThat(gone.getSuccess()).isFalse();
        assertThat(gone.getCode()).isEqualTo("iot.ota.FirmwareNotFound");
        assertThat(client.getAcsResponse(list).getTotal()).isZero();
    }

    @ParameterizedTest(name = "Tea SDK, V1 signature = {0}")
    @ValueSource(booleans = {false, true})
    void teaSdkRunsThePackageLifecycle(boolean v1) throws Exception {
        com.aliyun.iot20180120.Client client = Sdk.tea(server, TestServer.ACME, v1);
        String productKey = Uploads.newProduct(Sdk.core(server, TestServer.ACME));
        byte[] content = ("tea firmware " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));

        GenerateOTAUploadURLResponseBody.GenerateOTAUploadURLResponseBodyData form = client.generateOTAUploadURL(
                new com.aliyun.iot20180120.models.GenerateOTAUploadURLRequest()).getBody().getData();
        assertThat(PostObjectForm.of(form.getKey(), form.getPolicy(), form.getOSSAccessKeyId(), form.getSignature())
                .post(form.getHost(), content).statusCode()).isEqualTo(204);

        CreateOTAFirmwareResponseBody created = client.createOTAFirmware(new com.aliyun.iot20180120.models.CreateOTAFirmwareRequest()
                .setProductKey(productKey).setFirmwareName(unique("tea")).setDestVersion("2.0.0")
                .setSrcVersion("1.9.9").setType(1).setSignMethod("SHA256").setFirmwareSign(sha256)
                .setNeedToVerify(false).setFirmwareUrl(form.getFirmwareUrl())).getBody();
        assertThat(created.getSuccess()).as(created.getErrorMessage()).isTrue();
        String firmwareId = created.getData().getFirmwareId();

        QueryOTAFirmwareResponseBody.QueryOTAFirmwareResponseBodyFirmwareInfo info = client.queryOTAFirmware(
                new com.aliyun.iot20180120.models.QueryOTAFirmwareRequest().setFirmwareId(firmwareId)).getBody().getFirmwareInfo();
        assertThat(info.getType()).isEqualTo(1);
        assertThat(info.getSrcVersion()).isEqualTo("1.9.9");
        assertThat(info.getStatus()).isEqualTo(-1);
        assertThat(info.getSignMethod()).isEqualTo("SHA256");
        assertThat(info.getFirmwareSign()).isEqualTo(sha256);
        assertThat(download(info.getFirmwareUrl())).isEqualTo(content);

        ListOTAFirmwareResponseBody listed = client.listOTAFirmware(new com.aliyun.iot20180120.models.ListOTAFirmwareRequest()
                .setProductKey(productKey).setCurrentPage(1).setPageSize(10)).getBody();
        assertThat(listed.getTotal()).isEqualTo(1);
        assertThat(listed.getFirmwareInfo().getSimpleFirmwareInfo()).singleElement()
                .satisfies(item -> assertThat(item.getFirmwareId()).isEqualTo(firmwareId));

        assertThat(client.deleteOTAFirmware(new com.aliyun.iot20180120.models.DeleteOTAFirmwareRequest()
                .setFirmwareId(firmwareId)).getBody().getSuccess()).isTrue();
        QueryOTAFirmwareResponseBody gone = client.queryOTAFirmware(
                new com.aliyun.iot20180120.models.QueryOTAFirmwareRequest().setFirmwareId(firmwareId)).getBody();
        assertThat(gone.getSuccess()).isFalse();
        assertThat(gone.getCode()).isEqualTo("iot.ota.FirmwareNotFound");
    }

    @Test
    void popCoreRunsThePackageLifecycle() throws Exception {
        PopCoreClient client = Sdk.popCore(server, TestServer.ACME);
        String productKey = Uploads.newProduct(Sdk.core(server, TestServer.ACME));
        JsonNode form = client.call("GenerateOTAUploadURL", Map.of("FileSuffix", "bin"), "POST").requireOk().get("Data");
        byte[] content = "pop-core firmware".getBytes(StandardCharsets.UTF_8);
        assertThat(PostObjectForm.of(form.get("Key").asText(), form.get("Policy").asText(),
                form.get("OSSAccessKeyId").asText(), form.get("Signature").asText())
                .post(form.get("Host").asText(), content).statusCode()).isEqualTo(204);
        String name = unique("pop");
        JsonNode created = client.call("CreateOTAFirmware", Map.of("ProductKey", productKey, "FirmwareName", name,
                "DestVersion", "3.0", "FirmwareUrl", form.get("FirmwareUrl").asText()), "POST").requireOk();
        String firmwareId = created.at("/Data/FirmwareId").asText();

        List<PopCoreResult> results = client.callAll(List.of(
                PopCoreClient.Call.get("QueryOTAFirmware", Map.of("FirmwareId", firmwareId)),
                PopCoreClient.Call.get("ListOTAFirmware", Map.of("ProductKey", productKey, "CurrentPage", "1", "PageSize", "5")),
                PopCoreClient.Call.post("DeleteOTAFirmware", Map.of("FirmwareId", firmwareId)),
                PopCoreClient.Call.get("QueryOTAFirmware", Map.of("FirmwareId", firmwareId))));
        JsonNode info = results.get(0).requireOk().get("FirmwareInfo");
        assertThat(info.get("FirmwareName").asText()).isEqualTo(name);
        assertThat(info.get("FirmwareSign").asText()).isEqualTo(md5(content));
        assertThat(info.has("MultiFiles")).isFalse();
        assertThat(results.get(1).requireOk().at("/FirmwareInfo/SimpleFirmwareInfo").findValuesAsText("FirmwareId"))
                .containsExactly(firmwareId);
        assertThat(results.get(2).requireOk().get("Success").asBoolean()).isTrue();
        assertThat(results.get(3).code()).isEqualTo("iot.ota.FirmwareNotFound");
    }

    @Test
    void multiFilePackageListsItsFilesAsABareArray() throws Exception {
        IAcsClient client = Sdk.core(server, TestServer.ACME);
        String productKey = Uploads.newProduct(client);
        byte[] app = "application image".getBytes(StandardCharsets.UTF_8);
        byte[] config = "configuration".getBytes(StandardCharsets.UTF_8);
        CreateOTAFirmwareRequest create = new CreateOTAFirmwareRequest();
        create.setProductKey(productKey);
        create.setFirmwareName(unique("multi"));
        create.setDestVersion("4.0");
        create.setMultiFiless(List.of(file("app.bin", Uploads.upload(client, app), app.length, md5(app)),
                file("config.bin", Uploads.upload(client, config), null, null)));
        CreateOTAFirmwareResponse created = client.getAcsResponse(create);
        assertThat(created.getSuccess()).as(created.getErrorMessage()).isTrue();

        QueryOTAFirmwareRequest query = new QueryOTAFirmwareRequest();
        query.setFirmwareId(created.getData().getFirmwareId());
        QueryOTAFirmwareResponse.FirmwareInfo info = client.getAcsResponse(query).getFirmwareInfo();
        assertThat(info.getFirmwareUrl()).isNull();
        assertThat(info.getMultiFiles()).extracting(QueryOTAFirmwareResponse.FirmwareInfo.OtaPackageFileDTO::getName)
                .containsExactly("app.bin", "config.bin");
        assertThat(info.getMultiFiles().get(1).getSize()).isEqualTo(config.length);
        assertThat(info.getMultiFiles().get(1).getFileMd5()).isEqualTo(md5(config));
        assertThat(download(info.getMultiFiles().get(0).getUrl())).isEqualTo(app);
    }

    @Test
    void coreSdkReadsPackagesInXml() throws Exception {
        IAcsClient client = Sdk.core(server, TestServer.ACME);
        String productKey = Uploads.newProduct(client);
        byte[] content = "xml".getBytes(StandardCharsets.UTF_8);
        CreateOTAFirmwareRequest create = new CreateOTAFirmwareRequest();
        create.setProductKey(productKey);
        create.setFirmwareName(unique("xml"));
        create.setDestVersion("5.0");
        create.setMultiFiless(List.of(file("one", Uploads.upload(client, content), null, null),
                file("two", Uploads.upload(client, content), null, null)));
        create.setAcceptFormat(com.aliyuncs.http.FormatType.XML);
        CreateOTAFirmwareResponse created = client.getAcsResponse(create);
        assertThat(created.getSuccess()).as(created.getErrorMessage()).isTrue();

        QueryOTAFirmwareRequest query = new QueryOTAFirmwareRequest();
        query.setFirmwareId(created.getData().getFirmwareId());
        query.setAcceptFormat(com.aliyuncs.http.FormatType.XML);
        assertThat(client.getAcsResponse(query).getFirmwareInfo().getMultiFiles())
                .extracting(QueryOTAFirmwareResponse.FirmwareInfo.OtaPackageFileDTO::getName).containsExactly("one", "two");

        ListOTAFirmwareRequest list = new ListOTAFirmwareRequest();
        list.setProductKey(productKey);
        list.setCurrentPage(1);
        list.setPageSize(10);
        list.setAcceptFormat(com.aliyuncs.http.FormatType.XML);
        assertThat(client.getAcsResponse(list).getFirmwareInfo())
                .extracting(ListOTAFirmwareResponse.SimpleFirmwareInfo::getFirmwareId)
                .containsExactly(created.getData().getFirmwareId());
    }

    static CreateOTAFirmwareRequest.MultiFiles file(String name, String url, Integer size, String md5) {
        CreateOTAFirmwareRequest.MultiFiles file = new CreateOTAFirmwareRequest.MultiFiles();
        file.setName(name);
        file.setUrl(url);
        file.setSize(size);
        file.setFileMd5(md5);
        return file;
    }

    @Test
    void moduleWithPackagesCannotBeDeletedUntilThePackagesAre() throws Exception {
        IAcsClient client = Sdk.core(server, TestServer.ACME);
        String productKey = Uploads.newProduct(client);
        CreateOTAModuleRequest module = new CreateOTAModuleRequest();
        module.setProductKey(productKey);
        module.setModuleName("Scanner");
        assertThat(client.getAcsResponse(module).getSuccess()).isTrue();
        CreateOTAFirmwareRequest create = new CreateOTAFirmwareRequest();
        create.setProductKey(productKey);
        create.setModuleName("scanner");
        create.setFirmwareName(unique("scanner"));
        create.setDestVersion("1.0");
        create.setFirmwareUrl(Uploads.upload(client, "scanner".getBytes(StandardCharsets.UTF_8)));
        CreateOTAFirmwareResponse created = client.getAcsResponse(create);
        assertThat(created.getSuccess()).as(created.getErrorMessage()).isTrue();
        QueryOTAFirmwareRequest query = new QueryOTAFirmwareRequest();
        query.setFirmwareId(created.getData().getFirmwareId());
        assertThat(client.getAcsResponse(query).getFirmwareInfo().getModuleName()).isEqualTo("Scanner");

        DeleteOTAModuleRequest deleteModule = new DeleteOTAModuleRequest();
        deleteModule.setProductKey(productKey);
        deleteModule.setModuleName("Scanner");
        DeleteOTAModuleResponse refused = client.getAcsResponse(deleteModule);
        assertThat(refused.getSuccess()).isFalse();
        assertThat(refused.getCode()).isEqualTo("iot.ota.OtaModuleHasFirmware");

        DeleteOTAFirmwareRequest deletePackage = new DeleteOTAFirmwareRequest();
        deletePackage.setFirmwareId(created.getData().getFirmwareId());
        assertThat(client.getAcsResponse(deletePackage).getSuccess()).isTrue();
        assertThat(client.getAcsResponse(deleteModule).getSuccess()).isTrue();
    }
}
