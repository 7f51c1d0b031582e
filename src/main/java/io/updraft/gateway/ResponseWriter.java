package io.updraft.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.ser.ToXmlGenerator;
import io.updraft.api.ActionResult;
import io.updraft.error.ApiException;

import java.util.List;
import java.util.Map;

/**
 * Renders the three response shapes of the Alibaba OpenAPI gateway: success, IoT business failure (HTTP 200,
 * Success:false) and gateway error (non-2xx, root {@code <Error>} in XML). JSON is flat and written as raw UTF-8:
 * the old SDK's JSON reader does not decode {@code \\uXXXX}.
 */
public final class ResponseWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Characters outside the BMP (emoji, CJK Extension B...) as 4-byte UTF-8 too: Jackson's default writes them as
     *  {@code \\uD83D\\uDE00} escapes, which the old SDK's JSON reader turns into the text "uD83DuDE00". */
    private final ObjectMapper json = JsonMapper.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();
    private final XmlMapper xml;
    private final String hostId;

    public ResponseWriter(String hostId) {
        this.hostId = hostId;
        this.xml = new XmlMapper();
        xml.configure(ToXmlGenerator.Feature.WRITE_XML_DECLARATION, true);
    }

    public record Rendered(int status, String contentType, byte[] body) {
    }

    public Rendered success(ResponseFormat format, String action, String requestId, ActionResult result) {
        ObjectNode root = NODES.objectNode();
        root.put("RequestId", requestId);
        root.put("Success", true);
        result.fields().forEach((key, value) -> {
            if (value != null) {
                root.set(key, toNode(value, format));
            }
        });
        return render(200, format, action + "Response", root);
    }

    public Rendered failure(ResponseFormat format, String action, String requestId, ApiException error) {
        ObjectNode root = NODES.objectNode();
        root.put("RequestId", requestId);
        if (error.isGateway()) {
            root.put("HostId", hostId);
            root.put("Code", error.code());
            root.put("Message", error.getMessage());
            root.put("Recommend", "https://api.aliyun.com/troubleshoot?q=" + error.code() + "&product=Iot");
            error.extra().forEach((key, value) -> root.set(key, toNode(value, format)));
            return render(error.httpStatus(), format, "Error", root);
        }
        root.put("Success", false);
        root.put("Code", error.code());
        root.put("ErrorMessage", error.getMessage());
        return render(200, format, (action == null ? "Unknown" : action) + "Response", root);
    }

    private Rendered render(int status, ResponseFormat format, String xmlRoot, ObjectNode root) {
        try {
            byte[] body = format == ResponseFormat.JSON
                    ? json.writeValueAsBytes(root)
                    : xml.writer().withRootName(xmlRoot).writeValueAsBytes(root);
            return new Rendered(status, format.contentType(), body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a response", e);
        }
    }

    private JsonNode toNode(Object value, ResponseFormat format) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof ActionResult.ItemList list) {
            if (format == ResponseFormat.XML) {
                ObjectNode wrapper = NODES.objectNode();
                wrapper.set(list.itemName(), toNode(list.items(), format));
                return wrapper;
            }
            return toNode(list.items(), format);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = NODES.objectNode();
            // Absent rather than null: the old SDK's XML reader turns <X/> into "" and fails on numeric fields.
            map.forEach((k, v) -> {
                if (v != null) {
                    node.set(String.valueOf(k), toNode(v, format));
                }
            });
            return node;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(item -> array.add(toNode(item, format)));
            return array;
        }
        return json.valueToTree(value);
    }
}
