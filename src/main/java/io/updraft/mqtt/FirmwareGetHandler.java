package io.updraft.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import io.updraft.batch.DeviceUpgrades;
import io.updraft.batch.UpgradeOffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The pull on {@code /sys/{pk}/{dn}/thing/ota/firmware/get} (ota-api.md §F.5), answered on {@code …/get_reply}
 * with the device's pending task for the module, or empty {@code data}. LinkSDK sends only {@code id} and
 * {@code params} ({@code {}} for the default module), so {@code version} and {@code method} are not required.
 */
final class FirmwareGetHandler implements DeviceMessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(FirmwareGetHandler.class);
    private final DeviceUpgrades upgrades;

    FirmwareGetHandler(DeviceUpgrades upgrades) {
        this.upgrades = upgrades;
    }

    /** A well-formed pull: the id to answer with, the module (null = default). */
    record Request(String id, String module) {
    }

    @Override
    public Optional<DeviceReply> handle(String productKey, String deviceName, byte[] payload) {
        DeviceJson.Parsed<Request> request = parse(payload);
        if (request.refused()) {
            return dropped(productKey, deviceName, request.problem());
        }
        Optional<UpgradeOffer> offer = upgrades.pull(productKey, deviceName, request.value().module());
        return Optional.of(new DeviceReply(DeviceTopic.firmwareGetReply(productKey, deviceName),
                UpgradeMessages.pullReply(request.value().id(), offer)));
    }

    static DeviceJson.Parsed<Request> parse(byte[] payload) {
        Optional<JsonNode> root = DeviceJson.object(payload);
        if (root.isEmpty()) {
            return DeviceJson.Parsed.refused("not a JSON object");
        }
        Optional<String> id = DeviceJson.id(root.get());
        if (id.isEmpty()) {
            return DeviceJson.Parsed.refused("no id to answer with");
        }
        JsonNode module = root.get().path("params").path("module");
        if (!DeviceJson.isOptionalString(module)) {
            return DeviceJson.Parsed.refused("params.module is not a string");
        }
        return DeviceJson.Parsed.of(new Request(id.get(), DeviceJson.optionalString(module)));
    }

    private static Optional<DeviceReply> dropped(String productKey, String deviceName, String why) {
        LOG.info("Dropped a firmware/get request from {}/{}: {}", productKey, deviceName, why);
        return Optional.empty();
    }
}
