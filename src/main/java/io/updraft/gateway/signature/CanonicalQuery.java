package io.updraft.gateway.signature;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The sorted, percent-encoded {@code name=value&...} string shared by V1 (CanonicalizedQueryString)
 * and V3 (canonical query line).
 */
public final class CanonicalQuery {

    /**
     * Byte order of the UTF-8 names, as the protocol specifies. The SDKs sort by UTF-16 code unit;
     * the two orders only differ for characters above U+FFFF, which never occur in parameter names.
     */
    static final Comparator<String> BYTE_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private CanonicalQuery() {
    }

    /** {@code enc(k1)=enc(v1)&enc(k2)=enc(v2)...} sorted by name; an empty value gives {@code k=}. */
    public static String of(Map<String, String> decodedParameters) {
        return decodedParameters.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(BYTE_ORDER))
                .map(e -> PercentEncoder.encode(e.getKey()) + "=" + PercentEncoder.encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }
}
