package io.updraft.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import io.updraft.batch.DeviceUpgrades;
import io.updraft.batch.FileBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Block requests of the MQTT download (ota-api.md §F.6) on {@code /sys/{pk}/{dn}/thing/file/download}:
 * {@code {"id":"1","params":{"fileToken":"..","fileInfo":{"streamId":12,"fileId":1},"fileBlock":{"size":5120,"offset":0}}}}
 * (LinkSDK adds a trailing comma inside fileInfo). The answer on {@code …/download_reply} is a {@link DownloadFrame}:
 * the block, or an error code when the request is malformed or names no file of the device's own MQTT task.
 */
final class FileDownloadHandler implements DeviceMessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(FileDownloadHandler.class);
    /** Alibaba's documented block size range is 256 B .. 128 KB; a last block may be smaller. */
    static final int MAX_BLOCK_BYTES = 128 * 1024;
    private final DeviceUpgrades upgrades;

    FileDownloadHandler(DeviceUpgrades upgrades) {
        this.upgrades = upgrades;
    }

    /** A well-formed block request; {@code fileToken} is echoed in the reply. */
    record Request(String id, String fileToken, long streamId, int fileId, long offset, int size) {
    }

    @Override
    public Optional<DeviceReply> handle(String productKey, String deviceName, byte[] payload) {
        Optional<JsonNode> root = DeviceJson.object(payload);
        if (root.isEmpty()) {
            LOG.info("Dropped a file/download request from {}/{}: not a JSON object", productKey, deviceName);
            return Optional.empty();
        }
        DeviceJson.Parsed<Request> parsed = parse(root.get());
        String id = DeviceJson.id(root.get()).orElse("");
        if (parsed.refused()) {
            return error(productKey, deviceName, id, parsed.problem());
        }
        Request r = parsed.value();
        Optional<FileBlock> block = upgrades.downloadBlock(productKey, deviceName, r.streamId(), r.fileId(),
                r.offset(), r.size());
        if (block.isEmpty()) {
            return error(productKey, deviceName, id, "no file " + r.fileId() + " of stream " + r.streamId()
                    + " at offset " + r.offset() + " for this device");
        }
        return Optional.of(new DeviceReply(DeviceTopic.fileDownloadReply(productKey, deviceName),
                DownloadFrame.block(id, r.fileToken(), block.get().fileLength(), block.get().offset(),
                        block.get().data())));
    }

    static DeviceJson.Parsed<Request> parse(JsonNode root) {
        JsonNode params = root.path("params");
        JsonNode token = params.path("fileToken");
        OptionalLong streamId = DeviceJson.integer(params.path("fileInfo").path("streamId"));
        JsonNode fileIdNode = params.path("fileInfo").path("fileId");
        OptionalLong fileId = fileIdNode.isMissingNode() ? OptionalLong.of(1) : DeviceJson.integer(fileIdNode);
        OptionalLong size = DeviceJson.integer(params.path("fileBlock").path("size"));
        OptionalLong offset = DeviceJson.integer(params.path("fileBlock").path("offset"));
        if (!DeviceJson.isOptionalString(token)) {
            return DeviceJson.Parsed.refused("fileToken is not a string");
        } else if (streamId.isEmpty() || streamId.getAsLong() <= 0) {
            return DeviceJson.Parsed.refused("fileInfo.streamId is not a positive integer");
        } else if (fileId.isEmpty() || fileId.getAsLong() <= 0 || fileId.getAsLong() > Integer.MAX_VALUE) {
            return DeviceJson.Parsed.refused("fileInfo.fileId is not a positive integer");
        } else if (size.isEmpty() || size.getAsLong() <= 0 || size.getAsLong() > MAX_BLOCK_BYTES) {
            return DeviceJson.Parsed.refused("fileBlock.size is not between 1 and " + MAX_BLOCK_BYTES);
        } else if (offset.isEmpty() || offset.getAsLong() < 0) {
            return DeviceJson.Parsed.refused("fileBlock.offset is not a non-negative integer");
        }
        return DeviceJson.Parsed.of(new Request(DeviceJson.id(root).orElse(""),
                token.isTextual() ? token.asText() : "default", streamId.getAsLong(), (int) fileId.getAsLong(),
                offset.getAsLong(), (int) size.getAsLong()));
    }

    private static Optional<DeviceReply> error(String productKey, String deviceName, String id, String problem) {
        LOG.info("Refused a file/download request from {}/{}: {}", productKey, deviceName, problem);
        return Optional.of(new DeviceReply(DeviceTopic.fileDownloadReply(productKey, deviceName),
                DownloadFrame.error(id, DownloadFrame.CODE_BAD_REQUEST, problem)));
    }
}
