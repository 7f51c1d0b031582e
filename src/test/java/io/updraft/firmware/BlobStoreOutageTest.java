package io.updraft.firmware;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.GenerateOTAUploadURLResponse;
import io.updraft.testing.PostObjectForm;
import io.updraft.testing.S3ProxyServer;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import io.updraft.testing.Uploads;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** When the S3 store is unreachable an upload fails as the server's fault (500), never as the uploader's. */
class BlobStoreOutageTest {
    @Test
    void uploadDuringAStoreOutageIsAServerError() throws Exception {
        Path dir = Path.of("target", "test-data", "outage-" + UUID.randomUUID());
        S3ProxyServer s3 = S3ProxyServer.start(dir.resolve("s3"));
        TestServer server = TestServer.start(dir.resolve("server"), TestServer.bootstrap(dir.resolve("server")),
                c -> c.withFirmware(c.firmware().withS3(s3.endpoint(), "us-east-1", "outage",
                        S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)));
        try {
            IAcsClient client = Sdk.core(server, TestServer.ACME);
            GenerateOTAUploadURLResponse.Data form = Uploads.form(client);
            s3.close();
            HttpResponse<String> response = PostObjectForm.of(form.getKey(), form.getPolicy(), form.getOSSAccessKeyId(),
                    form.getSignature()).post(form.getHost(), new byte[]{1, 2, 3});
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).contains("<Code>InternalError</Code>");
        } finally {
            server.close();
        }
    }
}
