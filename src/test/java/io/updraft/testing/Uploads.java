package io.updraft.testing;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.CreateProductRequest;
import com.aliyuncs.iot.model.v20180120.GenerateOTAUploadURLRequest;
import com.aliyuncs.iot.model.v20180120.GenerateOTAUploadURLResponse;

import java.net.http.HttpResponse;
import java.util.UUID;

/** Shortcuts for tests that need a product or an uploaded file as a precondition (core SDK, upload form). */
public final class Uploads {
    private Uploads() {
    }

    public static String newProduct(IAcsClient client) {
        try {
            CreateProductRequest create = new CreateProductRequest();
            create.setProductName("fw_" + UUID.randomUUID().toString().substring(0, 8));
            create.setNodeType(0);
            create.setAliyunCommodityCode("iothub_senior");
            return client.getAcsResponse(create).getProductKey();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static GenerateOTAUploadURLResponse.Data form(IAcsClient client) {
        try {
            return client.getAcsResponse(new GenerateOTAUploadURLRequest()).getData();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Uploads the bytes through a fresh form; returns the FirmwareUrl to give CreateOTAFirmware. */
    public static String upload(IAcsClient client, byte[] content) {
        return upload(client, content, null);
    }

    /** As {@link #upload(IAcsClient, byte[])}, posting with {@code http} (e.g. one trusting the test CA) if not null. */
    public static String upload(IAcsClient client, byte[] content, java.net.http.HttpClient http) {
        GenerateOTAUploadURLResponse.Data form = form(client);
        PostObjectForm post = PostObjectForm.of(form.getKey(), form.getPolicy(), form.getOSSAccessKeyId(),
                form.getSignature()).field("success_action_status", "200");
        HttpResponse<String> posted = (http == null ? post : post.using(http)).post(form.getHost(), content);
        if (posted.statusCode() != 200) {
            throw new IllegalStateException("upload failed: " + posted.statusCode() + " " + posted.body());
        }
        return form.getFirmwareUrl();
    }
}
