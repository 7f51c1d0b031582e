package io.updraft.mqtt;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The block checksum of the MQTT download: CRC-16/IBM, reflected (0xA001), initial value 0 (CRC-16/ARC). */
class Crc16Test {

    @Test
    void theCatalogueCheckValueOf123456789Is0xBB3D() {
        assertThat(Crc16.of("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0xBB3D);
    }

    @Test
    void anEmptyBlockHasChecksumZero() {
        assertThat(Crc16.of(new byte[0])).isZero();
    }

    @Test
    void aSingleByteMatchesTheBitwiseDefinition() {
        assertThat(Crc16.of("A".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x30C0);
    }

    @Test
    void theTableMatchesTheBitwiseDefinitionOnRandomBlocksAndSlices() {
        Random random = new Random(42);
        for (int n = 0; n < 200; n++) {
            byte[] data = new byte[random.nextInt(6000)];
            random.nextBytes(data);
            assertThat(Crc16.of(data)).isEqualTo(bitwise(data, 0, data.length));
            if (data.length > 10) {
                assertThat(Crc16.of(data, 3, data.length - 7)).isEqualTo(bitwise(data, 3, data.length - 7));
            }
        }
    }

    /** The definition, bit by bit, as LinkSDK's device code computes it. */
    private static int bitwise(byte[] data, int offset, int length) {
        int crc = 0;
        for (int i = offset; i < offset + length; i++) {
            crc ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }
}
