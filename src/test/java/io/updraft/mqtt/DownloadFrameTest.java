package io.updraft.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The download_reply frame of ota-api.md §F.6: header length (BE), JSON header, block, CRC16 (LE). */
class DownloadFrameTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aBlockFrameCarriesTheHeaderTheBytesAndTheirChecksum() throws Exception {
        byte[] block = "123456789".getBytes(StandardCharsets.US_ASCII);
        byte[] frame = DownloadFrame.block("77", "default", 4096, 1024, block);

        int headerLength = ((frame[0] & 0xFF) << 8) | (frame[1] & 0xFF);
        String header = new String(frame, 2, headerLength, StandardCharsets.UTF_8);
        assertThat(header).isEqualTo("{\"id\":\"77\",\"code\":200,\"msg\":\"success\",\"data\":{\"fileToken\":"
                + "\"default\",\"fileLength\":4096,\"bSize\":9,\"bOffset\":1024}}");
        assertThat(Arrays.copyOfRange(frame, 2 + headerLength, frame.length - 2)).isEqualTo(block);
        assertThat(frame[frame.length - 2] & 0xFF).as("CRC low byte first").isEqualTo(0x3D);
        assertThat(frame[frame.length - 1] & 0xFF).isEqualTo(0xBB);
        assertThat(frame).hasSize(2 + headerLength + block.length + 2);
    }

    @Test
    void aHeaderLongerThan255BytesKeepsBothLengthBytes() throws Exception {
        String token = "t".repeat(300);
        byte[] frame = DownloadFrame.block("1", token, 10, 0, new byte[10]);
        int headerLength = ByteBuffer.wrap(frame, 0, 2).order(ByteOrder.BIG_ENDIAN).getShort() & 0xFFFF;
        assertThat(headerLength).isGreaterThan(300);
        JsonNode header = JSON.readTree(new String(frame, 2, headerLength, StandardCharsets.UTF_8));
        assertThat(header.path("data").path("fileToken").asText()).isEqualTo(token);
    }

    @Test
    void anErrorFrameHasTheSameShapeWithAnEmptyBlock() throws Exception {
        byte[] frame = DownloadFrame.error("5", DownloadFrame.CODE_BAD_REQUEST, "no such stream");
        int headerLength = ((frame[0] & 0xFF) << 8) | (frame[1] & 0xFF);
        JsonNode header = JSON.readTree(new String(frame, 2, headerLength, StandardCharsets.UTF_8));
        assertThat(header.path("id").asText()).isEqualTo("5");
        assertThat(header.path("code").asInt()).isEqualTo(460);
        assertThat(header.path("msg").asText()).isEqualTo("no such stream");
        assertThat(frame).hasSize(2 + headerLength + 2);
        assertThat(frame[frame.length - 2]).isZero();
        assertThat(frame[frame.length - 1]).isZero();
    }
}
