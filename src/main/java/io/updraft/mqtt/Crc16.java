package io.updraft.mqtt;

/**
 * The checksum of a file block in the MQTT download reply (ota-api.md §F.6): CRC-16/IBM as LinkSDK computes it,
 * i.e. polynomial 0x8005 processed bit-reflected (0xA001), initial value 0, no final XOR (the catalogue's CRC-16/ARC;
 * check value of "123456789" = 0xBB3D). No library on the classpath offers this variant; it is a table lookup.
 */
public final class Crc16 {
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
            TABLE[i] = crc;
        }
    }

    private Crc16() {
    }

    public static int of(byte[] data, int offset, int length) {
        int crc = 0;
        for (int i = offset; i < offset + length; i++) {
            crc = (crc >>> 8) ^ TABLE[(crc ^ data[i]) & 0xFF];
        }
        return crc;
    }

    public static int of(byte[] data) {
        return of(data, 0, data.length);
    }
}
