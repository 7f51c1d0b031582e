package io.updraft.firmware;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.DeleteOTAFirmwareRequest;
import com.aliyun.iot20180120.models.CreateOTAFirmwareResponseBody;
import com.aliyun.iot20180120.models.QueryOTAFirmwareResponseBody;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import io.updraft.testing.Uploads;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static io.updraft.firmware.FirmwareLifecycleSdkTest.md5;
import static io.updraft.firmware.FirmwareLifecycleSdkTest.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** A package's files: shared between packages, deleted with the last package that uses them. */
class PackageFilesTest {
    private final TestServer server = TestServer.shared();
    private final IAcsClient client = Sdk.core(server, TestServer.ACME);

    private String createPackage(String productKey, String fileUrl) throws Exception {
        return Uploads.newPackage(client, productKey, fileUrl);
    }

    private String linkOf(String firmwareId) throws Exception {
        return Uploads.linkOf(client, firmwareId);
    }

    private void delete(String firmwareId) throws Exception {
        DeleteOTAFirmwareRequest delete = new DeleteOTAFirmwareRequest();
        delete.setFirmwareId(firmwareId);
        assertThat(client.getAcsResponse(delete).getSuccess()).isTrue();
    }

    private static int status(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void sharedFileOutlivesTheFirstPackageAndGoesWithTheLast() throws Exception {
        String productKey = Uploads.newProduct(client);
        String fileUrl = Uploads.upload(client, "shared".getBytes());
        String first = createPackage(productKey, fileUrl);
        String second = createPackage(productKey, fileUrl);
        String link = linkOf(second);

        delete(first);
        assertThat(status(link)).isEqualTo(200);
        delete(second);
        assertThat(status(link)).isEqualTo(404);
    }

    @Test
    void teaSdkSendsMultiFiles() throws Exception {
        com.aliyun.iot20180120.Client tea = Sdk.tea(server, TestServer.ACME, false);
        byte[] a = "file a".getBytes();
        byte[] b = "file b".getBytes();
        CreateOTAFirmwareResponseBody created = tea.createOTAFirmware(new com.aliyun.iot20180120.models.CreateOTAFirmwareRequest()
                .setProductKey(Uploads.newProduct(client)).setFirmwareName(unique("teamulti")).setDestVersion("2.0")
                .setMultiFiles(List.of(
                        new com.aliyun.iot20180120.models.CreateOTAFirmwareRequest.CreateOTAFirmwareRequestMultiFiles()
                                .setName("a.bin").setUrl(Uploads.upload(client, a)).setSize(a.length).setFileMd5(md5(a)),
                        new com.aliyun.iot20180120.models.CreateOTAFirmwareRequest.CreateOTAFirmwareRequestMultiFiles()
                                .setName("b.bin").setUrl(Uploads.upload(client, b))))).getBody();
        assertThat(created.getSuccess()).as(created.getErrorMessage()).isTrue();
        QueryOTAFirmwareResponseBody.QueryOTAFirmwareResponseBodyFirmwareInfo info = tea.queryOTAFirmware(
                new com.aliyun.iot20180120.models.QueryOTAFirmwareRequest().setFirmwareId(created.getData().getFirmwareId()))
                .getBody().getFirmwareInfo();
        assertThat(info.getMultiFiles()).extracting(
                QueryOTAFirmwareResponseBody.QueryOTAFirmwareResponseBodyFirmwareInfoMultiFiles::getName)
                .containsExactly("a.bin", "b.bin");
        assertThat(info.getMultiFiles().get(1).getFileMd5()).isEqualTo(md5(b));
    }
}
