package io.updraft.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.updraft.device.ModuleVersionService;
import io.updraft.metrics.UpdraftMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * Version reports on {@code /ota/device/inform/{pk}/{dn}} (ota-api.md §F.2):
 * {@code {"id":"123","params":{"version":"1.0.1","module":"MCU"}}}, {@code id} a string or a number, {@code module}
 * absent for {@code default}. A malformed report is dropped with a log line; it never fails the connection.
 */
public final class InformHandler {
    private static final Logger LOG = LoggerFactory.getLogger(InformHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ModuleVersionService versions;
    private final UpdraftMetrics metrics;

    public InformHandler(ModuleVersionService versions, UpdraftMetrics metrics) {
        this.versions = versions;
        this.metrics = metrics;
    }

    public static boolean isInformTopic(String topic, String productKey, String deviceName) {
        return topic.equals("/ota/device/inform/" + productKey + "/" + deviceName);
    }

    /**
     * Stores the report before returning, so that the caller acknowledges only what is stored.
     * @return whether a version was stored
     */
    public boolean handle(String productKey, String deviceName, byte[] payload) {
        metrics.mqttReport();
        JsonNode root;
        try {
            root = JSON.readTree(new String(payload, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            return dropped(productKey, deviceName, "not JSON");
        }
        if (root == null || !root.isObject()) {
            return dropped(productKey, deviceName, "not a JSON object");
        }
        JsonNode id = root.path("id");
        if (!id.isMissingNode() && !id.isTextual() && !id.isIntegralNumber()) {
            return dropped(productKey, deviceName, "id is neither a string nor a number");
        }
        JsonNode params = root.path("params");
        JsonNode version = params.path("version");
        JsonNode module = params.path("module");
        if (!version.isTextual()) {
            return dropped(productKey, deviceName, "params.version is not a string");
        }
        if (!module.isMissingNode() && !module.isNull() && !module.isTextual()) {
            return dropped(productKey, deviceName, "params.module is not a string");
        }
        String moduleName = module.isTextual() ? module.asText() : null;
        ModuleVersionService.ReportOutcome outcome = versions.report(productKey, deviceName, moduleName, version.asText());
        if (outcome != ModuleVersionService.ReportOutcome.STORED) {
            return dropped(productKey, deviceName, outcome.name().toLowerCase().replace('_', ' '));
        }
        return true;
    }

    private static boolean dropped(String productKey, String deviceName, String why) {
        LOG.info("Dropped a version report from {}/{}: {}", productKey, deviceName, why);
        return false;
    }
}
