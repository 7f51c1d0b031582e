package io.updraft.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.updraft.testing.Batches;
import io.updraft.testing.PostObjectForm;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/** Products, modules and packages created through the API before a scenario is measured, on a few connections at once. */
public final class DataSetup {
    private static final int CONNECTIONS = 8;

    private DataSetup() {
    }

    public static String productWithModules(ApiCaller api, String prefix, int modules) {
        String key = api.createProduct(prefix + "_" + UUID.randomUUID().toString().substring(0, 6));
        for (int m = 0; m < modules; m++) {
            api.createModule(key, "module" + m);
        }
        return key;
    }

    /**
     * An update package of {@code content} for the product's default module, as a user makes one: GenerateOTAUploadURL,
     * the upload form, CreateOTAFirmware (MD5 signed, NeedToVerify=false, so batches may use it at once).
     * @return the FirmwareId
     */
    public static String uploadedPackage(ApiCaller api, String productKey, byte[] content, String destVersion) {
        JsonNode form = api.call("GenerateOTAUploadURL", Map.of()).path("Data");
        HttpResponse<String> posted = PostObjectForm.of(form.path("Key").asText(), form.path("Policy").asText(),
                form.path("OSSAccessKeyId").asText(), form.path("Signature").asText())
                .field("success_action_status", "200").post(form.path("Host").asText(), content);
        if (posted.statusCode() != 200) {
            throw new IllegalStateException("upload failed: " + posted.statusCode() + " " + posted.body());
        }
        return api.call("CreateOTAFirmware", Map.of("ProductKey", productKey,
                "FirmwareName", "bench_" + UUID.randomUUID().toString().substring(0, 6), "DestVersion", destVersion,
                "FirmwareUrl", form.path("FirmwareUrl").asText(), "SignMethod", "MD5",
                "FirmwareSign", Batches.hex("MD5", content), "FirmwareSize", String.valueOf(content.length),
                "NeedToVerify", "false")).path("Data").path("FirmwareId").asText();
    }

    /** {@code count} products with {@code modulesEach} modules each, in creation order. */
    public static List<String> products(Supplier<ApiCaller> connect, String prefix, int count, int modulesEach) {
        String run = UUID.randomUUID().toString().substring(0, 6);
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            List<Future<List<String>>> parts = new ArrayList<>();
            for (int part = 0; part < CONNECTIONS; part++) {
                int first = part;
                parts.add(pool.submit(() -> {
                    List<String> keys = new ArrayList<>();
                    try (ApiCaller api = connect.get()) {
                        for (int i = first; i < count; i += CONNECTIONS) {
                            String key = api.createProduct(prefix + "_" + run + "_" + i);
                            for (int m = 0; m < modulesEach; m++) {
                                api.createModule(key, "module" + m);
                            }
                            keys.add(key);
                        }
                    }
                    return keys;
                }));
            }
            List<String> all = new ArrayList<>(count);
            for (Future<List<String>> part : parts) {
                all.addAll(part.get());
            }
            return all;
        } catch (Exception e) {
            throw new IllegalStateException("setting up " + prefix + " products failed", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
