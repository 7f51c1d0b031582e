package io.updraft.firmware;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.CreateOTAFirmwareRequest;
import com.aliyuncs.iot.model.v20180120.QueryOTAFirmwareRequest;
import io.updraft.store.SecretCipher;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import io.updraft.testing.Uploads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Package files are served behind expiring, unguessable links, with Range support for resumed downloads. */
class DownloadEndpointTest {
    private static final TestServer SERVER = TestServer.shared();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final byte[] CONTENT = new byte[100_000];
    private static String url;

    @BeforeAll
    static void createPackage() throws Exception {
        for (int i = 0; i < CONTENT.length; i++) {
            CONTENT[i] = (byte) (i * 31 + 7);
        }
        IAcsClient client = Sdk.core(SERVER, TestServer.ACME);
        CreateOTAFirmwareRequest create = new CreateOTAFirmwareRequest();
        create.setProductKey(Uploads.newProduct(client));
        create.setFirmwareName(FirmwareLifecycleSdkTest.unique("dl"));
        create.setDestVersion("1.0");
        create.setFirmwareUrl(Uploads.upload(client, CONTENT));
        QueryOTAFirmwareRequest query = new QueryOTAFirmwareRequest();
        query.setFirmwareId(client.getAcsResponse(create).getData().getFirmwareId());
        url = client.getAcsResponse(query).getFirmwareInfo().getFirmwareUrl();
    }

    private static HttpResponse<byte[]> get(String url, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (range != null) {
            request.header("Range", range);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String keyOf(String url) {
        return PublicUrls.keyOf(url).orElseThrow();
    }

    private static PublicUrls serverLinks() {
        return new PublicUrls(() -> "http://" + SERVER.endpoint(),
                SecretCipher.fromConfig(null, SERVER.dataDir()).deriveKey(PublicUrls.KEY_PURPOSE));
    }

    @Test
    void wholeFileIsServedWithAcceptRanges() throws Exception {
        HttpResponse<byte[]> response = get(url, null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(CONTENT);
        assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(CONTENT.length);
    }

    @Test
    void rangeReturnsPartialContent() throws Exception {
        HttpResponse<byte[]> response = get(url, "bytes=1000-1999");
        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/" + CONTENT.length);
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(CONTENT, 1000, 2000));
    }

    @Test
    void openEndedRangeResumesToTheEnd() throws Exception {
        HttpResponse<byte[]> response = get(url, "bytes=99000-");
        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(CONTENT, 99_000, CONTENT.length));
    }

    @Test
    void suffixRangeReturnsTheLastBytes() throws Exception {
        HttpResponse<byte[]> response = get(url, "bytes=-10");
        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(CONTENT, CONTENT.length - 10, CONTENT.length));
    }

    @Test
    void rangePastTheEndIsNotSatisfiable() throws Exception {
        HttpResponse<byte[]> response = get(url, "bytes=100000-");
        assertThat(response.statusCode()).isEqualTo(416);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes */" + CONTENT.length);
    }

    @Test
    void headReportsTheLengthWithoutABody() throws Exception {
        HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(CONTENT.length);
    }

    @Test
    void linkExpiresAfter24Hours() {
        Matcher expires = Pattern.compile("Expires=(\\d+)").matcher(url);
        assertThat(expires.find()).isTrue();
        long inSeconds = Long.parseLong(expires.group(1)) - Instant.now().getEpochSecond();
        assertThat(inSeconds).isBetween(24 * 3600L - 120, 24 * 3600L);
    }

    @Test
    void expiredLinkIsRefused() throws Exception {
        String expired = serverLinks().downloadUrl(keyOf(url), Instant.now().getEpochSecond() - 1);
        HttpResponse<byte[]> response = get(expired, null);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(new String(response.body())).contains("<Code>AccessDenied</Code>").contains("expired");
    }

    @Test
    void extendedExpiryIsRefused() throws Exception {
        String extended = url.replaceAll("Expires=\\d+", "Expires=" + (Instant.now().getEpochSecond() + 999_999));
        assertThat(get(extended, null).statusCode()).isEqualTo(403);
    }

    @Test
    void unsignedFileUrlIsRefused() throws Exception {
        assertThat(get(url.substring(0, url.indexOf('?')), null).statusCode()).isEqualTo(403);
    }

    @Test
    void signedLinkToAMissingFileIsNotFound() throws Exception {
        String missing = serverLinks().downloadUrl("ota/nobody/nothing.bin", Instant.now().getEpochSecond() + 60);
        HttpResponse<byte[]> response = get(missing, null);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(new String(response.body())).contains("<Code>NoSuchKey</Code>");
    }
}
