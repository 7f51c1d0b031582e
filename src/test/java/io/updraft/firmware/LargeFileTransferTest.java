package io.updraft.firmware;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.CreateOTAFirmwareRequest;
import com.aliyuncs.iot.model.v20180120.GenerateOTAUploadURLResponse;
import com.aliyuncs.iot.model.v20180120.QueryOTAFirmwareRequest;
import io.updraft.testing.PostObjectForm;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import io.updraft.testing.Uploads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 50 MB package goes up and comes back intact, streamed both ways. Run alone with a small heap to show nothing
 * holds the file in memory: {@code mvn test -Dtest=LargeFileTransferTest -Dnetty.argLine="-Xmx64m <the pom's Netty
 * options>"} passes, server, MQTT broker and client sharing the 64 MB heap.
 */
class LargeFileTransferTest {
    private static final int SIZE = 50 * 1024 * 1024;
    @TempDir
    Path dir;

    @Test
    void fiftyMegabytePackageRoundTripsThroughUploadAndDownload() throws Exception {
        Path file = dir.resolve("big.bin");
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        try (OutputStream out = Files.newOutputStream(file)) {
            Random random = new Random(7);
            byte[] chunk = new byte[1024 * 1024];
            for (int i = 0; i < SIZE / chunk.length; i++) {
                random.nextBytes(chunk);
                md5.update(chunk);
                out.write(chunk);
            }
        }
        String expectedMd5 = HexFormat.of().formatHex(md5.digest());
        TestServer server = TestServer.shared();
        IAcsClient client = Sdk.core(server, TestServer.ACME);

        GenerateOTAUploadURLResponse.Data form = Uploads.form(client);
        long started = System.nanoTime();
        HttpResponse<String> posted = PostObjectForm.of(form.getKey(), form.getPolicy(), form.getOSSAccessKeyId(),
                form.getSignature()).post(form.getHost(), file);
        long uploadNanos = System.nanoTime() - started;
        assertThat(posted.statusCode()).isEqualTo(204);

        CreateOTAFirmwareRequest create = new CreateOTAFirmwareRequest();
        create.setProductKey(Uploads.newProduct(client));
        create.setFirmwareName(FirmwareLifecycleSdkTest.unique("big"));
        create.setDestVersion("1.0");
        create.setFirmwareUrl(form.getFirmwareUrl());
        create.setFirmwareSign(expectedMd5);
        create.setFirmwareSize(SIZE);
        var created = client.getAcsResponse(create);
        assertThat(created.getSuccess()).as(created.getErrorMessage()).isTrue();
        QueryOTAFirmwareRequest query = new QueryOTAFirmwareRequest();
        query.setFirmwareId(created.getData().getFirmwareId());
        String url = client.getAcsResponse(query).getFirmwareInfo().getFirmwareUrl();

        started = System.nanoTime();
        HttpResponse<java.io.InputStream> download = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest received = MessageDigest.getInstance("MD5");
        try (DigestInputStream in = new DigestInputStream(download.body(), received)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        long downloadNanos = System.nanoTime() - started;
        assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(expectedMd5);

        Runtime rt = Runtime.getRuntime();
        System.out.printf("50 MB: upload %.0f MB/s, download %.0f MB/s; heap used %d MB of max %d MB%n",
                50 / (uploadNanos / 1e9), 50 / (downloadNanos / 1e9),
                (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
    }
}
