package io.updraft.gateway.signature;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes one application/x-www-form-urlencoded component ({@code +} is a space, {@code %XX} a byte,
 * bytes are UTF-8).
 *
 * <p>Unlike {@code URLDecoder}, invalid UTF-8 is rejected instead of silently turned into U+FFFD:
 * a replaced character would re-encode differently from what the client signed, and a clear 400 is
 * more useful to a client author than a baffling SignatureDoesNotMatch.
 */
final class FormComponentDecoder {

    private FormComponentDecoder() {
    }

    static String decode(String component) {
        if (component.indexOf('%') < 0 && component.indexOf('+') < 0) {
            return component; // fast path: nothing to decode
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(component.length());
        int i = 0;
        while (i < component.length()) {
            char c = component.charAt(i);
            if (c == '+') {
                bytes.write(' ');
                i++;
            } else if (c == '%') {
                bytes.write(hexByteAt(component, i));
                i += 3;
            } else {
                // Literal characters (possibly non-ASCII if a proxy already decoded them) are kept as
                // their UTF-8 bytes so that they mix correctly with neighbouring %XX sequences.
                int codePoint = component.codePointAt(i);
                byte[] utf8 = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.writeBytes(utf8);
                i += Character.charCount(codePoint);
            }
        }
        return strictUtf8(bytes.toByteArray(), component);
    }

    private static int hexByteAt(String component, int percentIndex) {
        if (percentIndex + 2 >= component.length()) {
            throw new MalformedParametersException(
                    "Truncated percent-escape at index " + percentIndex + " in '" + component + "'");
        }
        int high = asciiHexValue(component.charAt(percentIndex + 1));
        int low = asciiHexValue(component.charAt(percentIndex + 2));
        if (high < 0 || low < 0) {
            throw new MalformedParametersException("Invalid percent-escape '"
                    + component.substring(percentIndex, percentIndex + 3) + "' at index " + percentIndex
                    + " in '" + component + "'");
        }
        return (high << 4) | low;
    }

    // Not Character.digit: that also accepts non-ASCII digits such as fullwidth or Arabic-Indic ones.
    private static int asciiHexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private static String strictUtf8(byte[] bytes, String component) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedParametersException("Percent-escapes are not valid UTF-8 in '" + component + "'", e);
        }
    }
}
