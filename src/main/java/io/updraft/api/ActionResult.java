package io.updraft.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documented response fields of one Action, in order, beside the common {@code RequestId}/{@code Success}.
 * Values are strings, numbers, booleans, nested maps, lists (a list under key K is rendered in XML as repeated
 * {@code <K>} elements, the shape of show-item responses such as {@code Data.SimpleOTAModuleInfo[]}) and
 * {@link ItemList} (a bare JSON array that XML wraps in item elements, e.g. {@code ListOTAModuleByProduct.Data}).
 */
public final class ActionResult {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    public static ActionResult empty() {
        return new ActionResult();
    }

    public ActionResult put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    public Map<String, Object> fields() {
        return Collections.unmodifiableMap(fields);
    }

    /** An ordered JSON object for nested response fields: {@code object("ProductKey", pk, "ProductName", name)}. */
    public static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** A list that is a bare array in JSON and {@code <key><itemName>…</itemName>…</key>} in XML. */
    public record ItemList(String itemName, List<?> items) {
    }
}
