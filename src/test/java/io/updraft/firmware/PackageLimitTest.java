package io.updraft.firmware;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.CreateOTAFirmwareRequest;
import com.aliyuncs.iot.model.v20180120.CreateOTAFirmwareResponse;
import com.aliyuncs.iot.model.v20180120.DeleteOTAFirmwareRequest;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import io.updraft.testing.Uploads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** An account has at most --package-limit packages (Alibaba: 500; here 2, on a private server). */
class PackageLimitTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        Path dir = Path.of("target", "test-data", "limit-" + UUID.randomUUID());
        server = TestServer.start(dir, TestServer.bootstrap(dir),
                c -> c.withFirmware(c.firmware().withPackageLimit(2)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void accountCannotExceedItsPackageLimitUntilItDeletesOne() throws Exception {
        IAcsClient client = Sdk.core(server, TestServer.GLOBEX);
        String productKey = Uploads.newProduct(client);
        String file = Uploads.upload(client, new byte[]{42});
        String first = create(client, productKey, file).getData().getFirmwareId();
        assertThat(create(client, productKey, file).getSuccess()).isTrue();

        CreateOTAFirmwareResponse third = create(client, productKey, file);
        assertThat(third.getSuccess()).isFalse();
        assertThat(third.getCode()).isEqualTo("iot.firmware.FirmwareCountExceedMax");
        assertThat(third.getErrorMessage()).contains("at most 2");

        DeleteOTAFirmwareRequest delete = new DeleteOTAFirmwareRequest();
        delete.setFirmwareId(first);
        assertThat(client.getAcsResponse(delete).getSuccess()).isTrue();
        assertThat(create(client, productKey, file).getSuccess()).isTrue();
    }

    private static CreateOTAFirmwareResponse create(IAcsClient client, String productKey, String file) throws Exception {
        CreateOTAFirmwareRequest request = new CreateOTAFirmwareRequest();
        request.setProductKey(productKey);
        request.setFirmwareName(FirmwareLifecycleSdkTest.unique("limit"));
        request.setDestVersion("1.0");
        request.setFirmwareUrl(file);
        return client.getAcsResponse(request);
    }
}
