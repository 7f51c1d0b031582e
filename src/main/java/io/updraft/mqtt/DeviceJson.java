package io.updraft.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reading what devices send. LinkSDK writes a trailing comma inside {@code fileInfo} of its download request
 * (ota-api.md §F.6), so trailing commas are accepted; ids and numbers come as JSON strings or numbers, depending on
 * the SDK.
 */
final class DeviceJson {
    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private DeviceJson() {
    }

    /** A device message read into {@code value}, or the reason it was refused ({@code problem}). */
    record Parsed<T>(T value, String problem) {
        static <T> Parsed<T> of(T value) {
            return new Parsed<>(value, null);
        }

        static <T> Parsed<T> refused(String problem) {
            return new Parsed<>(null, problem);
        }

        boolean refused() {
            return problem != null;
        }
    }

    /** The payload as a JSON object, or empty when it is not one. */
    static Optional<JsonNode> object(byte[] payload) {
        try {
            JsonNode root = LENIENT.readTree(new String(payload, StandardCharsets.UTF_8));
            return root != null && root.isObject() ? Optional.of(root) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** An Alink message id, a string or an integer, as text; empty when absent or of another type. */
    static Optional<String> id(JsonNode root) {
        JsonNode id = root.path("id");
        return id.isTextual() || id.isIntegralNumber() ? Optional.of(id.asText()) : Optional.empty();
    }

    /** An optional string field: absent and null are {@code null}; another type is not a string. */
    static boolean isOptionalString(JsonNode node) {
        return node.isMissingNode() || node.isNull() || node.isTextual();
    }

    static String optionalString(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    /** An integer given as a JSON number or as a string of decimal digits (with an optional minus sign). */
    static OptionalLong integer(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return OptionalLong.of(node.asLong());
        }
        if (node.isTextual()) {
            String text = node.asText().trim();
            if (text.matches("-?[0-9]{1,18}")) {
                return OptionalLong.of(Long.parseLong(text));
            }
        }
        return OptionalLong.empty();
    }
}
