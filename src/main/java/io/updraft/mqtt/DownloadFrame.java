package io.updraft.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The binary reply on {@code /sys/{pk}/{dn}/thing/file/download_reply} (ota-api.md §F.6): the length of the JSON
 * header (2 bytes, big-endian), the JSON header, the block, and the block's {@link Crc16} (2 bytes, little-endian).
 * An error reply has the same shape with an empty block, so a device reads its {@code code} the same way.
 */
final class DownloadFrame {
    static final int CODE_OK = 200;
    /** Alink's "request parameter error": a malformed request, or one naming no file of the device's own tasks. */
    static final int CODE_BAD_REQUEST = 460;
    private static final ObjectMapper JSON = new ObjectMapper();

    private DownloadFrame() {
    }

    static byte[] block(String id, String fileToken, long fileLength, long offset, byte[] data) {
        ObjectNode header = JSON.createObjectNode();
        header.put("id", id);
        header.put("code", CODE_OK);
        header.put("msg", "success");
        ObjectNode fields = header.putObject("data");
        fields.put("fileToken", fileToken);
        fields.put("fileLength", fileLength);
        fields.put("bSize", data.length);
        fields.put("bOffset", offset);
        return frame(header, data);
    }

    static byte[] error(String id, int code, String message) {
        ObjectNode header = JSON.createObjectNode();
        header.put("id", id);
        header.put("code", code);
        header.put("msg", message);
        return frame(header, new byte[0]);
    }

    private static byte[] frame(ObjectNode header, byte[] data) {
        byte[] json;
        try {
            json = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer out = ByteBuffer.allocate(2 + json.length + data.length + 2);
        out.order(ByteOrder.BIG_ENDIAN).putShort((short) json.length).put(json).put(data);
        out.order(ByteOrder.LITTLE_ENDIAN).putShort((short) Crc16.of(data));
        return out.array();
    }
}
