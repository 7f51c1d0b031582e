package io.updraft.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import io.updraft.batch.DeviceUpgrades;
import io.updraft.device.ModuleVersionService;
import io.updraft.metrics.UpdraftMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Version reports on {@code /ota/device/inform/{pk}/{dn}} (ota-api.md §F.2):
 * {@code {"id":"123","params":{"version":"1.0.1","module":"MCU"}}}, {@code id} a string or a number, {@code module}
 * absent for {@code default}. A stored report then goes to the batch engine, where it decides upgrade success.
 * A malformed report is dropped with a log line; it never fails the connection.
 */
public final class InformHandler implements DeviceMessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(InformHandler.class);
    private final ModuleVersionService versions;
    private final DeviceUpgrades upgrades;
    private final UpdraftMetrics metrics;

    public InformHandler(ModuleVersionService versions, DeviceUpgrades upgrades, UpdraftMetrics metrics) {
        this.versions = versions;
        this.upgrades = upgrades;
        this.metrics = metrics;
    }

    /** Stores the report, and its consequences for the device's tasks, before returning. No reply topic exists. */
    @Override
    public Optional<DeviceReply> handle(String productKey, String deviceName, byte[] payload) {
        metrics.mqttReport();
        store(productKey, deviceName, payload);
        return Optional.empty();
    }

    /** @return whether a version was stored */
    boolean store(String productKey, String deviceName, byte[] payload) {
        Optional<JsonNode> parsed = DeviceJson.object(payload);
        if (parsed.isEmpty()) {
            return dropped(productKey, deviceName, "not a JSON object");
        }
        JsonNode root = parsed.get();
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
        if (!DeviceJson.isOptionalString(module)) {
            return dropped(productKey, deviceName, "params.module is not a string");
        }
        String moduleName = DeviceJson.optionalString(module);
        ModuleVersionService.ReportOutcome outcome = versions.report(productKey, deviceName, moduleName, version.asText());
        if (outcome != ModuleVersionService.ReportOutcome.STORED) {
            return dropped(productKey, deviceName, outcome.name().toLowerCase().replace('_', ' '));
        }
        upgrades.versionReported(productKey, deviceName, moduleName, version.asText());
        return true;
    }

    private static boolean dropped(String productKey, String deviceName, String why) {
        LOG.info("Dropped a version report from {}/{}: {}", productKey, deviceName, why);
        return false;
    }
}
