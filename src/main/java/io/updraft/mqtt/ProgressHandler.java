package io.updraft.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import io.updraft.batch.DeviceUpgrades;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Progress reports on {@code /ota/device/progress/{pk}/{dn}} (ota-api.md §F.4):
 * {@code {"id":..,"params":{"step":"45","desc":"..","module":"MCU"}}}. {@code step} is a string on the wire
 * ("0" entering download, "1".."100" percent, "-1".."-4" failures); a number is tolerated. No reply topic exists.
 */
final class ProgressHandler implements DeviceMessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressHandler.class);
    private final DeviceUpgrades upgrades;

    ProgressHandler(DeviceUpgrades upgrades) {
        this.upgrades = upgrades;
    }

    /** A well-formed progress report; {@code module} and {@code desc} null when absent. */
    record Report(String module, int step, String desc) {
    }

    @Override
    public Optional<DeviceReply> handle(String productKey, String deviceName, byte[] payload) {
        DeviceJson.Parsed<Report> report = parse(payload);
        if (report.refused()) {
            return dropped(productKey, deviceName, report.problem());
        }
        Report r = report.value();
        DeviceUpgrades.ProgressOutcome outcome = upgrades.progressReported(productKey, deviceName, r.module(),
                r.step(), r.desc());
        if (outcome != DeviceUpgrades.ProgressOutcome.UPDATED) {
            LOG.debug("Progress {} from {}/{}: {}", r.step(), productKey, deviceName, outcome);
        }
        return Optional.empty();
    }

    static DeviceJson.Parsed<Report> parse(byte[] payload) {
        Optional<JsonNode> root = DeviceJson.object(payload);
        if (root.isEmpty()) {
            return DeviceJson.Parsed.refused("not a JSON object");
        }
        JsonNode params = root.get().path("params");
        OptionalLong step = DeviceJson.integer(params.path("step"));
        if (step.isEmpty()) {
            return DeviceJson.Parsed.refused("params.step is not an integer");
        }
        if (step.getAsLong() < -4 || step.getAsLong() > 100) {
            return DeviceJson.Parsed.refused("params.step " + step.getAsLong() + " is outside -4..100");
        }
        JsonNode desc = params.path("desc");
        JsonNode module = params.path("module");
        if (!DeviceJson.isOptionalString(desc) || !DeviceJson.isOptionalString(module)) {
            return DeviceJson.Parsed.refused("params.desc or params.module is not a string");
        }
        return DeviceJson.Parsed.of(new Report(DeviceJson.optionalString(module), (int) step.getAsLong(),
                DeviceJson.optionalString(desc)));
    }

    private static Optional<DeviceReply> dropped(String productKey, String deviceName, String why) {
        LOG.info("Dropped a progress report from {}/{}: {}", productKey, deviceName, why);
        return Optional.empty();
    }
}
