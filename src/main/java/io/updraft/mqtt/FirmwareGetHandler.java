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

    @Override
    public Optional<DeviceReply> handle(String productKey, String deviceName, byte[] payload) {
        Optional<JsonNode> root = DeviceJson.object(payload);
        if (root.isEmpty()) {
            return dropped(productKey, deviceName, "not a JSON object");
        }
        Optional<String> id = DeviceJson.id(root.get());
        if (id.isEmpty()) {
            return dropped(productKey, deviceName, "no id to answer with");
        }
        JsonNode module = root.get().path("params").path("module");
        if (!DeviceJson.isOptionalString(module)) {
            return dropped(productKey, deviceName, "params.module is not a string");
        }
        Optional<UpgradeOffer> offer = upgrades.pull(productKey, deviceName, DeviceJson.optionalString(module));
        return Optional.of(new DeviceReply(DeviceTopic.firmwareGetReply(productKey, deviceName),
                UpgradeMessages.pullReply(id.get(), offer)));
    }

    private static Optional<DeviceReply> dropped(String productKey, String deviceName, String why) {
        LOG.info("Dropped a firmware/get request from {}/{}: {}", productKey, deviceName, why);
        return Optional.empty();
    }
}
