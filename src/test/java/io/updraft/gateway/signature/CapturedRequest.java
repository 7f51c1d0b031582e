package io.updraft.gateway.signature;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A byte-exact HTTP/1.1 request from {@code src/test/resources/captures/NN-*.request.http}: request
 * line, headers (looked up by lowercase name), and the body with chunked framing removed.
 */
record CapturedRequest(String method, String rawQuery, Map<String, String> headers, byte[] body) {

    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    static CapturedRequest load(String fileName) {
        String resource = "/captures/" + fileName;
        try (InputStream in = CapturedRequest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + resource);
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CapturedRequest parse(byte[] raw) {
        int headerEnd = indexOf(raw, HEADER_END, 0);
        String[] lines = new String(raw, 0, headerEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        String target = requestLine[1];
        int question = target.indexOf('?');
        String rawQuery = question < 0 ? "" : target.substring(question + 1);

        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        byte[] rest = Arrays.copyOfRange(raw, headerEnd + HEADER_END.length, raw.length);
        byte[] body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? dechunk(rest) : rest;
        return new CapturedRequest(requestLine[0], rawQuery, headers, body);
    }

    String header(String lowercaseName) {
        return headers.get(lowercaseName);
    }

    FormParameters queryParameters() {
        return FormParameters.parse(rawQuery);
    }

    /** Query ∪ form body (the body counts only when it is declared form-urlencoded). */
    FormParameters mergedParameters() {
        String contentType = header("content-type");
        boolean formBody = contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
        FormParameters bodyParameters = formBody
                ? FormParameters.parse(new String(body, StandardCharsets.UTF_8))
                : FormParameters.empty();
        return queryParameters().mergedWith(bodyParameters);
    }

    boolean isV3() {
        return Acs3Authorization.isAcs3(header("authorization"));
    }

    /** A copy with one header replaced (or removed when {@code value} is null). */
    CapturedRequest withHeader(String lowercaseName, String value) {
        Map<String, String> changed = new LinkedHashMap<>(headers);
        if (value == null) {
            changed.remove(lowercaseName);
        } else {
            changed.put(lowercaseName, value);
        }
        return new CapturedRequest(method, rawQuery, changed, body);
    }

    private static byte[] dechunk(byte[] framed) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int pos = 0;
        while (true) {
            int lineEnd = indexOf(framed, new byte[] {'\r', '\n'}, pos);
            String sizeLine = new String(framed, pos, lineEnd - pos, StandardCharsets.US_ASCII);
            int semicolon = sizeLine.indexOf(';'); // chunk extensions
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            pos = lineEnd + 2;
            if (size == 0) {
                return body.toByteArray(); // trailers, if any, are not part of the body
            }
            body.write(framed, pos, size);
            pos += size + 2; // chunk data is followed by CRLF
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        for (int i = from; i <= haystack.length - needle.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("Malformed capture: " + new String(needle, StandardCharsets.US_ASCII)
                .replace("\r", "\\r").replace("\n", "\\n") + " not found");
    }
}
