package io.updraft.firmware;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.GenerateOTAUploadURLResponse;
import io.updraft.store.SecretCipher;
import io.updraft.testing.PostObjectForm;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import io.updraft.testing.Uploads;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The upload endpoint behaves like OSS PostObject: signed, expiring forms with size conditions. */
class UploadEndpointTest {
    private static final byte[] CONTENT = "upload endpoint".getBytes(StandardCharsets.UTF_8);
    private final TestServer server = TestServer.shared();
    private final IAcsClient client = Sdk.core(server, TestServer.ACME);

    /** Forms signed as the server signs them, for cases the server never issues (expired, tiny size limits). */
    private UploadForm serverSigner() {
        return new UploadForm(SecretCipher.fromConfig(null, server.dataDir()).deriveKey(UploadForm.KEY_PURPOSE));
    }

    private static PostObjectForm formOf(GenerateOTAUploadURLResponse.Data data) {
        return PostObjectForm.of(data.getKey(), data.getPolicy(), data.getOSSAccessKeyId(), data.getSignature());
    }

    private static void assertOssError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("xml"));
        assertThat(response.body()).contains("<Code>" + code + "</Code>").contains("<RequestId>");
    }

    @Test
    void issuedFormAcceptsTheFileWith204ByDefault() {
        GenerateOTAUploadURLResponse.Data data = Uploads.form(client);
        HttpResponse<String> response = formOf(data).post(data.getHost(), CONTENT);
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("ETag")).isPresent();
    }

    @Test
    void successActionStatus201AnswersWithAPostResponse() {
        GenerateOTAUploadURLResponse.Data data = Uploads.form(client);
        HttpResponse<String> response = formOf(data).field("success_action_status", "201").post(data.getHost(), CONTENT);
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).contains("<PostResponse>").contains("<Key>" + data.getKey() + "</Key>");
    }

    @Test
    void policyIsSignedWithTheServersKeyNotTheCallersSecret() {
        GenerateOTAUploadURLResponse.Data data = Uploads.form(client);
        assertThat(data.getOSSAccessKeyId()).isEqualTo(UploadForm.ACCESS_KEY_ID);
        assertThat(serverSigner().sign(data.getPolicy())).isEqualTo(data.getSignature());
        String policy = new String(Base64.getDecoder().decode(data.getPolicy()), StandardCharsets.UTF_8);
        assertThat(policy).contains("\"expiration\"").contains("content-length-range").contains(data.getKey());
    }

    @Test
    void tamperedPolicyIsRefused() {
        GenerateOTAUploadURLResponse.Data data = Uploads.form(client);
        String policy = new String(Base64.getDecoder().decode(data.getPolicy()), StandardCharsets.UTF_8)
                .replace("1048576000", "99999999999");
        HttpResponse<String> response = formOf(data)
                .field("policy", Base64.getEncoder().encodeToString(policy.getBytes(StandardCharsets.UTF_8)))
                .post(data.getHost(), CONTENT);
        assertOssError(response, 403, "SignatureDoesNotMatch");
    }

    @Test
    void tamperedSignatureIsRefused() {
        GenerateOTAUploadURLResponse.Data data = Uploads.form(client);
        HttpResponse<String> response = formOf(data).field("Signature", "AAAA" + data.getSignature().substring(4))
                .post(data.getHost(), CONTENT);
        assertOssError(response, 403, "SignatureDoesNotMatch");
    }

    @Test
    void keyOtherThanThePoliciesIsRefused() {
        GenerateOTAUploadURLResponse.Data data = Uploads.form(client);
        HttpResponse<String> response = formOf(data).field("key", data.getKey().replace(".bin", ".zip"))
                .post(data.getHost(), CONTENT);
        assertOssError(response, 403, "AccessDenied");
    }

    @Test
    void expiredFormIsRefused() {
        GenerateOTAUploadURLResponse.Data data = Uploads.form(client);
        UploadForm.Issued expired = serverSigner().issue(data.getKey(), Instant.now().minusSeconds(1), 1000);
        HttpResponse<String> response = PostObjectForm.of(data.getKey(), expired.policy(), data.getOSSAccessKeyId(),
                expired.signature()).post(data.getHost(), CONTENT);
        assertOssError(response, 403, "AccessDenied");
        assertThat(response.body()).contains("Policy expired");
    }

    @Test
    void fileLargerThanThePolicyAllowsIsRefused() {
        GenerateOTAUploadURLResponse.Data data = Uploads.form(client);
        UploadForm.Issued tiny = serverSigner().issue(data.getKey(), Instant.now().plusSeconds(60), 4);
        HttpResponse<String> response = PostObjectForm.of(data.getKey(), tiny.policy(), data.getOSSAccessKeyId(),
                tiny.signature()).post(data.getHost(), CONTENT);
        assertOssError(response, 400, "EntityTooLarge");
    }

    @Test
    void emptyFileIsRefused() {
        GenerateOTAUploadURLResponse.Data data = Uploads.form(client);
        assertOssError(formOf(data).post(data.getHost(), new byte[0]), 400, "EntityTooSmall");
    }

    @Test
    void formWithoutPolicyIsMalformed() {
        GenerateOTAUploadURLResponse.Data data = Uploads.form(client);
        assertOssError(formOf(data).without("policy").post(data.getHost(), CONTENT), 400, "MalformedPOSTRequest");
    }

    @Test
    void foreignAccessKeyIdIsRefused() {
        GenerateOTAUploadURLResponse.Data data = Uploads.form(client);
        assertOssError(formOf(data).field("OSSAccessKeyId", TestServer.ACME.id()).post(data.getHost(), CONTENT),
                403, "InvalidAccessKeyId");
    }
}
