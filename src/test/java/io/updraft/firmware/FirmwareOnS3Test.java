package io.updraft.firmware;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.CreateOTAFirmwareRequest;
import com.aliyuncs.iot.model.v20180120.DeleteOTAFirmwareRequest;
import com.aliyuncs.iot.model.v20180120.QueryOTAFirmwareRequest;
import io.updraft.blob.S3BlobStore;
import io.updraft.testing.S3ProxyServer;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import io.updraft.testing.Uploads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A server configured with --blob-store s3 keeps package files in the bucket, from upload to delete. */
class FirmwareOnS3Test {
    private static S3ProxyServer s3;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Path.of("target", "test-data", "on-s3-" + UUID.randomUUID());
        s3 = S3ProxyServer.start(dir.resolve("s3"));
        server = TestServer.start(dir.resolve("server"), TestServer.bootstrap(dir.resolve("server")),
                c -> c.withFirmware(c.firmware().withS3(s3.endpoint(), "us-east-1", "updraft-packages",
                        S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        s3.close();
    }

    @Test
    void packageFileLivesInTheBucketUntilThePackageIsDeleted() throws Exception {
        IAcsClient client = Sdk.core(server, TestServer.ACME);
        byte[] content = new byte[64 * 1024];
        Arrays.fill(content, (byte) 7);
        content[0] = 1;
        String fileUrl = Uploads.upload(client, content);
        String key = PublicUrls.keyOf(fileUrl).orElseThrow();
        try (S3BlobStore bucket = new S3BlobStore(s3.endpoint(), "us-east-1", "updraft-packages", "",
                S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)) {
            assertThat(bucket.size(key)).hasValue(content.length);

            CreateOTAFirmwareRequest create = new CreateOTAFirmwareRequest();
            create.setProductKey(Uploads.newProduct(client));
            create.setFirmwareName(FirmwareLifecycleSdkTest.unique("s3"));
            create.setDestVersion("1.0");
            create.setFirmwareUrl(fileUrl);
            create.setFirmwareSign(FirmwareLifecycleSdkTest.md5(content));
            String firmwareId = client.getAcsResponse(create).getData().getFirmwareId();
            QueryOTAFirmwareRequest query = new QueryOTAFirmwareRequest();
            query.setFirmwareId(firmwareId);
            String url = client.getAcsResponse(query).getFirmwareInfo().getFirmwareUrl();

            HttpResponse<byte[]> resumed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Range", "bytes=0-9").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(resumed.statusCode()).isEqualTo(206);
            assertThat(resumed.body()).isEqualTo(Arrays.copyOfRange(content, 0, 10));

            DeleteOTAFirmwareRequest delete = new DeleteOTAFirmwareRequest();
            delete.setFirmwareId(firmwareId);
            assertThat(client.getAcsResponse(delete).getSuccess()).isTrue();
            assertThat(bucket.size(key)).isEmpty();
        }
    }
}
