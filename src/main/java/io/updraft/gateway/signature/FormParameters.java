package io.updraft.gateway.signature;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Parameters decoded from an application/x-www-form-urlencoded string: a raw query string (without
 * the {@code ?}) or a form body.
 *
 * <p><b>Duplicated names are reported, not thrown.</b> The signature schemes sign a map, so a request
 * that carries one name twice is ambiguous (the client may have signed either value). No official SDK
 * sends a name twice; whether to reject (e.g. 400 InvalidParameter) or to go on with the first value is
 * a gateway policy, so parsing keeps the <em>first</em> value and lists the name in
 * {@link #duplicates()}. The same rule applies to a name present in both query and body when merging.
 *
 * <p>Malformed encoding ({@code %zz}, a truncated {@code %4}, invalid UTF-8) throws
 * {@link MalformedParametersException}. A segment without {@code =} has the empty value; empty segments
 * ({@code a=1&&b=2}, a trailing {@code &}) are skipped because no parameter is expressed there.
 *
 * <p>Instances are immutable.
 */
public final class FormParameters {

    private static final FormParameters EMPTY = new FormParameters(new LinkedHashMap<>(), new LinkedHashSet<>());

    private final Map<String, String> values;
    private final Set<String> duplicates;

    private FormParameters(LinkedHashMap<String, String> values, LinkedHashSet<String> duplicates) {
        this.values = Collections.unmodifiableMap(values);
        this.duplicates = Collections.unmodifiableSet(duplicates);
    }

    /** No parameters at all (e.g. a request without query string or without form body). */
    public static FormParameters empty() {
        return EMPTY;
    }

    /**
     * Decodes {@code encoded} ({@code +} = space, {@code %XX} = UTF-8 byte) keeping wire order.
     * {@code null} or {@code ""} gives {@link #empty()}.
     *
     * @throws MalformedParametersException on a bad percent-escape or invalid UTF-8
     */
    public static FormParameters parse(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return EMPTY;
        }
        LinkedHashMap<String, String> values = new LinkedHashMap<>();
        LinkedHashSet<String> duplicates = new LinkedHashSet<>();
        for (String segment : encoded.split("&", -1)) {
            if (segment.isEmpty()) {
                continue;
            }
            int equals = segment.indexOf('=');
            String name = FormComponentDecoder.decode(equals < 0 ? segment : segment.substring(0, equals));
            String value = equals < 0 ? "" : FormComponentDecoder.decode(segment.substring(equals + 1));
            if (values.putIfAbsent(name, value) != null) {
                duplicates.add(name);
            }
        }
        return new FormParameters(values, duplicates);
    }

    /**
     * Shortcut for callers that accept the first-value-wins rule: the decoded parameters of
     * {@code encoded}, in wire order, duplicates silently collapsed.
     */
    public static LinkedHashMap<String, String> decode(String encoded) {
        return parse(encoded).values();
    }

    /**
     * Query ∪ body, as both signature schemes see V1 parameters: this instance's entries first, then the
     * other's. A name present in both keeps this instance's value and is reported in {@link #duplicates()}.
     */
    public FormParameters mergedWith(FormParameters other) {
        LinkedHashMap<String, String> merged = new LinkedHashMap<>(values);
        LinkedHashSet<String> mergedDuplicates = new LinkedHashSet<>(duplicates);
        mergedDuplicates.addAll(other.duplicates);
        other.values.forEach((name, value) -> {
            if (merged.putIfAbsent(name, value) != null) {
                mergedDuplicates.add(name);
            }
        });
        return new FormParameters(merged, mergedDuplicates);
    }

    /** A fresh, modifiable copy of the decoded parameters in wire order (first value of each name). */
    public LinkedHashMap<String, String> values() {
        return new LinkedHashMap<>(values);
    }

    /** Names that occurred more than once, in order of their first repetition; empty if none. */
    public Set<String> duplicates() {
        return duplicates;
    }

    public boolean hasDuplicates() {
        return !duplicates.isEmpty();
    }

    @Override
    public String toString() {
        return "FormParameters" + values + (duplicates.isEmpty() ? "" : " duplicates=" + duplicates);
    }
}
