package io.updraft.firmware;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.iot.model.v20180120.CreateOTAFirmwareRequest;
import com.aliyuncs.iot.model.v20180120.CreateOTAFirmwareResponse;
import com.aliyuncs.iot.model.v20180120.DeleteOTAFirmwareRequest;
import com.aliyuncs.iot.model.v20180120.GenerateOTAUploadURLRequest;
import com.aliyuncs.iot.model.v20180120.GenerateOTAUploadURLResponse;
import com.aliyuncs.iot.model.v20180120.ListOTAFirmwareRequest;
import com.aliyuncs.iot.model.v20180120.ListOTAFirmwareResponse;
import com.aliyuncs.iot.model.v20180120.QueryOTAFirmwareRequest;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import io.updraft.testing.Uploads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import static io.updraft.firmware.FirmwareLifecycleSdkTest.file;
import static io.updraft.firmware.FirmwareLifecycleSdkTest.md5;
import static io.updraft.firmware.FirmwareLifecycleSdkTest.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The documented package rules (ota-api.md §A.2, §B.3), each with the code a caller gets for breaking it. */
class FirmwareRulesSdkTest {
    private static final TestServer SERVER = TestServer.shared();
    private static final byte[] CONTENT = "rules firmware".getBytes(StandardCharsets.UTF_8);
    private static IAcsClient client;
    private static String productKey;
    private static String fileUrl;

    @BeforeAll
    static void uploadOnce() {
        client = Sdk.core(SERVER, TestServer.ACME);
        productKey = Uploads.newProduct(client);
        fileUrl = Uploads.upload(client, CONTENT); // one file may back several packages
    }

    /** A valid request, changed; the SDK's setters ignore null, so defaults fill only what the change left unset. */
    private static CreateOTAFirmwareResponse create(Consumer<CreateOTAFirmwareRequest> change) throws ClientException {
        CreateOTAFirmwareRequest request = new CreateOTAFirmwareRequest();
        change.accept(request);
        if (request.getProductKey() == null) {
            request.setProductKey(productKey);
        }
        if (request.getFirmwareName() == null) {
            request.setFirmwareName(unique("rule"));
        }
        if (request.getDestVersion() == null) {
            request.setDestVersion("1.0.0");
        }
        if (request.getFirmwareUrl() == null && request.getMultiFiless() == null) {
            request.setFirmwareUrl(fileUrl);
        }
        return client.getAcsResponse(request);
    }

    private static void assertRefused(Consumer<CreateOTAFirmwareRequest> change, String code) throws ClientException {
        CreateOTAFirmwareResponse response = create(change);
        assertThat(response.getSuccess()).as("expected %s", code).isFalse();
        assertThat(response.getCode()).isEqualTo(code);
        assertThat(response.getErrorMessage()).isNotBlank();
    }

    @Test
    void nameIsUniquePerAccount() throws Exception {
        String name = unique("taken");
        assertThat(create(r -> r.setFirmwareName(name)).getSuccess()).isTrue();
        assertRefused(r -> r.setFirmwareName(name), "iot.firmware.AlreadyExistedFirmwareName");
        String otherProduct = Uploads.newProduct(client);
        assertRefused(r -> {
            r.setProductKey(otherProduct);
            r.setFirmwareName(name);
        }, "iot.firmware.AlreadyExistedFirmwareName");
    }

    @Test
    void sameNameIsFreeInAnotherAccount() throws Exception {
        String name = unique("shared");
        assertThat(create(r -> r.setFirmwareName(name)).getSuccess()).isTrue();
        IAcsClient globex = Sdk.core(SERVER, TestServer.GLOBEX);
        CreateOTAFirmwareRequest request = new CreateOTAFirmwareRequest();
        request.setProductKey(Uploads.newProduct(globex));
        request.setFirmwareName(name);
        request.setDestVersion("1.0");
        request.setFirmwareUrl(Uploads.upload(globex, CONTENT));
        assertThat(globex.getAcsResponse(request).getSuccess()).isTrue();
    }

    @Test
    void nameAcceptsCjkLettersDigitsAndParenthesesUpTo40Characters() throws Exception {
        assertThat(create(r -> r.setFirmwareName("固件_v1-(beta)" + unique("").substring(1))).getSuccess()).isTrue();
        assertRefused(r -> r.setFirmwareName("_starts_with_underscore"), "iot.firmware.IncorrectFormattedFirmwareName");
        assertRefused(r -> r.setFirmwareName("has space"), "iot.firmware.IncorrectFormattedFirmwareName");
        assertRefused(r -> r.setFirmwareName("x".repeat(41)), "iot.firmware.IncorrectFormattedFirmwareName");
        assertRefused(r -> r.setFirmwareName(""), "iot.firmware.IncorrectFormattedFirmwareName");
    }

    @Test
    void versionsAre1To64OfLettersDigitsPeriodsHyphensUnderscores() throws Exception {
        assertThat(create(r -> r.setDestVersion("V1.2-rc_3")).getSuccess()).isTrue();
        assertRefused(r -> r.setDestVersion("1.0 beta"), "iot.firmware.IncorrectFormattedVersion");
        assertRefused(r -> r.setDestVersion("v".repeat(65)), "iot.firmware.IncorrectFormattedVersion");
        assertRefused(r -> r.setSrcVersion("1.0+build"), "iot.firmware.IncorrectFormattedVersion");
    }

    @Test
    void deltaPackageNeedsASourceVersion() throws Exception {
        assertRefused(r -> r.setType(1), "iot.firmware.NullSrcVersion");
    }

    @Test
    void deltaPackageNeedsASourceVersionOtherThanItsOwn() throws Exception {
        assertRefused(r -> {
            r.setType(1);
            r.setSrcVersion("1.0.0");
        }, "iot.firmware.SameSrcAndDestVersion");
    }

    @Test
    void typeIsFullOrDelta() throws Exception {
        assertRefused(r -> r.setType(2), "iot.firmware.InvalidFirmwareType");
    }

    @Test
    void firmwareSignMustMatchTheUploadedFile() throws Exception {
        assertThat(create(r -> r.setFirmwareSign(md5Of(CONTENT).toUpperCase())).getSuccess()).isTrue();
        assertRefused(r -> r.setFirmwareSign("0123456789abcdef0123456789abcdef"), "iot.firmware.FirmwareSignMismatch");
        assertRefused(r -> {
            r.setSignMethod("SHA256");
            r.setFirmwareSign(md5Of(CONTENT));
        }, "iot.firmware.FirmwareSignMismatch");
    }

    private static String md5Of(byte[] content) {
        try {
            return md5(content);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void signMethodIsMd5OrSha256() throws Exception {
        assertRefused(r -> r.setSignMethod("CRC32"), "iot.firmware.InvalidSignMethod");
    }

    @Test
    void firmwareSizeMustMatchTheUploadedFile() throws Exception {
        assertRefused(r -> r.setFirmwareSize(CONTENT.length + 1), "iot.firmware.FirmwareSizeMismatch");
    }

    @Test
    void descriptionIsAtMost100Characters() throws Exception {
        assertThat(create(r -> r.setFirmwareDesc("描".repeat(100))).getSuccess()).isTrue();
        assertRefused(r -> r.setFirmwareDesc("描".repeat(101)), "iot.firmware.FirmwareDescExceedLimit");
    }

    @Test
    void udiIsAtMost4096Characters() throws Exception {
        assertRefused(r -> r.setUdi("u".repeat(4097)), "iot.firmware.FirmwareUdiExceedLimit");
    }

    @Test
    void packageNeedsAFile() throws Exception {
        assertRefused(r -> r.setMultiFiless(List.of()), "iot.firmware.NullFirmwareUrl");
    }

    @Test
    void firmwareUrlMustNameAFileThisAccountUploaded() throws Exception {
        assertRefused(r -> r.setFirmwareUrl("https://example.com/firmware.bin"), "iot.firmware.InvalidFirmwareUrl");
        String globexFile = Uploads.upload(Sdk.core(SERVER, TestServer.GLOBEX), CONTENT);
        assertRefused(r -> r.setFirmwareUrl(globexFile), "iot.firmware.InvalidFirmwareUrl");
    }

    @Test
    void firmwareUrlMustNameAFileThatWasUploaded() throws Exception {
        GenerateOTAUploadURLResponse.Data neverPosted = Uploads.form(client);
        assertRefused(r -> r.setFirmwareUrl(neverPosted.getFirmwareUrl()), "iot.firmware.InvalidFirmwareUrl");
    }

    @Test
    void moduleMustExistInTheProduct() throws Exception {
        assertRefused(r -> r.setModuleName("nosuchmodule"), "iot.ota.OtaModuleNotExist");
    }

    @Test
    void moduleNameMustBeWellFormed() throws Exception {
        assertRefused(r -> r.setModuleName("no spaces"), "iot.ota.InvalidOtaModuleName");
    }

    @Test
    void productMustExistInTheAccount() throws Exception {
        String globexProduct = Uploads.newProduct(Sdk.core(SERVER, TestServer.GLOBEX));
        assertRefused(r -> r.setProductKey(globexProduct), "iot.prod.NotExistedProduct");
    }

    @Test
    void productKeyIsRequired() {
        CreateOTAFirmwareRequest request = new CreateOTAFirmwareRequest();
        request.setFirmwareName(unique("nokey"));
        request.setDestVersion("1.0");
        request.setFirmwareUrl(fileUrl);
        assertThatThrownBy(() -> client.getAcsResponse(request))
                .isInstanceOf(ClientException.class).hasMessageContaining("MissingProductKey");
    }

    @Test
    void firmwareUrlAndMultiFilesExcludeEachOther() throws Exception {
        assertRefused(r -> {
            r.setFirmwareUrl(fileUrl);
            r.setMultiFiless(List.of(file("a.bin", fileUrl, null, null)));
        }, "iot.firmware.InvalidMultiFiles");
    }

    @Test
    void multiFileNamesAreUnique() throws Exception {
        assertRefused(r -> {
            r.setMultiFiless(List.of(file("a.bin", fileUrl, null, null), file("a.bin", fileUrl, null, null)));
        }, "iot.firmware.InvalidMultiFiles");
    }

    @Test
    void multiFilePackageHasAtMost20Files() throws Exception {
        assertRefused(r -> {
            r.setMultiFiless(java.util.stream.IntStream.rangeClosed(1, 21)
                    .mapToObj(i -> file("f" + i, fileUrl, null, null)).toList());
        }, "iot.firmware.InvalidMultiFiles");
    }

    @Test
    void multiFileMd5MustMatch() throws Exception {
        assertRefused(r -> {
            r.setMultiFiless(List.of(file("a.bin", fileUrl, null, "00000000000000000000000000000000")));
        }, "iot.firmware.FirmwareSignMismatch");
    }

    @Test
    void mqttDownloadCarriesExactlyOneFile() throws Exception {
        CreateOTAFirmwareRequest request = new CreateOTAFirmwareRequest();
        request.setProductKey(productKey);
        request.setFirmwareName(unique("mqtt"));
        request.setDestVersion("1.0");
        request.setMultiFiless(List.of(file("a", fileUrl, null, null), file("b", fileUrl, null, null)));
        request.putQueryParameter("DownloadProtocol", "MQTT"); // newer than SDK 7.47.0
        CreateOTAFirmwareResponse response = client.getAcsResponse(request);
        assertThat(response.getCode()).isEqualTo("iot.firmware.InvalidDownloadProtocol");
    }

    @Test
    void fileSuffixMustBeADocumentedFormat() throws Exception {
        GenerateOTAUploadURLRequest request = new GenerateOTAUploadURLRequest();
        request.setFileSuffix("exe");
        var response = client.getAcsResponse(request);
        assertThat(response.getSuccess()).isFalse();
        assertThat(response.getCode()).isEqualTo("iot.firmware.InvalidFileSuffix");
    }

    @Test
    void queryOfAnotherAccountsPackageIsNotFound() throws Exception {
        String firmwareId = create(r -> { }).getData().getFirmwareId();
        QueryOTAFirmwareRequest query = new QueryOTAFirmwareRequest();
        query.setFirmwareId(firmwareId);
        var response = Sdk.core(SERVER, TestServer.GLOBEX).getAcsResponse(query);
        assertThat(response.getSuccess()).isFalse();
        assertThat(response.getCode()).isEqualTo("iot.ota.FirmwareNotFound");
    }

    @Test
    void deleteOfAnUnknownPackageIsNotFound() throws Exception {
        DeleteOTAFirmwareRequest delete = new DeleteOTAFirmwareRequest();
        delete.setFirmwareId("NoSuchFirmware0000000000000");
        var response = client.getAcsResponse(delete);
        assertThat(response.getCode()).isEqualTo("iot.ota.FirmwareNotFound");
    }

    @Test
    void queryWithoutFirmwareIdIsAGatewayError() {
        assertThatThrownBy(() -> client.getAcsResponse(new QueryOTAFirmwareRequest()))
                .isInstanceOf(ClientException.class).hasMessageContaining("MissingFirmwareId");
    }

    @Test
    void listPagesAtMost100() throws Exception {
        ListOTAFirmwareRequest list = new ListOTAFirmwareRequest();
        list.setCurrentPage(1);
        list.setPageSize(101);
        ListOTAFirmwareResponse response = client.getAcsResponse(list);
        assertThat(response.getCode()).isEqualTo("iot.common.InvalidPageParams");
    }

    @Test
    void listPagesThroughPackagesNewestFirst() throws Exception {
        String product = Uploads.newProduct(client);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(0, create(r -> r.setProductKey(product)).getData().getFirmwareId());
        }
        ListOTAFirmwareRequest list = new ListOTAFirmwareRequest();
        list.setProductKey(product);
        list.setPageSize(2);
        list.setCurrentPage(3);
        ListOTAFirmwareResponse page3 = client.getAcsResponse(list);
        assertThat(page3.getTotal()).isEqualTo(5);
        assertThat(page3.getPageCount()).isEqualTo(3);
        assertThat(page3.getFirmwareInfo()).extracting(ListOTAFirmwareResponse.SimpleFirmwareInfo::getFirmwareId)
                .containsExactly(ids.get(4));
        list.setCurrentPage(1);
        assertThat(client.getAcsResponse(list).getFirmwareInfo())
                .extracting(ListOTAFirmwareResponse.SimpleFirmwareInfo::getFirmwareId).containsExactly(ids.get(0), ids.get(1));
    }

    @Test
    void listFiltersByDestVersion() throws Exception {
        String product = Uploads.newProduct(client);
        create(r -> r.setProductKey(product));
        String wanted = create(r -> {
            r.setProductKey(product);
            r.setDestVersion("9.9.9");
        }).getData().getFirmwareId();
        ListOTAFirmwareRequest list = new ListOTAFirmwareRequest();
        list.setProductKey(product);
        list.setDestVersion("9.9.9");
        list.setPageSize(10);
        list.setCurrentPage(1);
        assertThat(client.getAcsResponse(list).getFirmwareInfo())
                .extracting(ListOTAFirmwareResponse.SimpleFirmwareInfo::getFirmwareId).containsExactly(wanted);
    }
}
