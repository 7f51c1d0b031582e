package io.updraft.gateway.signature;

import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 percent-encoding exactly as Alibaba Cloud signs names and values (V1 and V3).
 *
 * <p>Neither {@code URLEncoder} (space as {@code +}, {@code *} literal, {@code ~} encoded) nor the
 * wire format of any SDK matches the signed form, so the server always re-encodes decoded values
 * with this class instead of reusing what arrived on the wire.
 */
public final class PercentEncoder {

    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoder() {
    }

    /**
     * Encodes the UTF-8 bytes of {@code value}: {@code A-Z a-z 0-9 - _ . ~} stay literal, every other
     * byte becomes {@code %XX} with uppercase hex (so space is {@code %20}, {@code *} is {@code %2A}).
     * Unpaired surrogates become {@code ?} (the JDK's UTF-8 replacement), as in the SDKs.
     */
    public static String encode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int unsigned = b & 0xFF;
            if (isUnreserved(unsigned)) {
                out.append((char) unsigned);
            } else {
                out.append('%').append(UPPER_HEX[unsigned >>> 4]).append(UPPER_HEX[unsigned & 0x0F]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }
}
