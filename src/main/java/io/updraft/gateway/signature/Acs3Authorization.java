package io.updraft.gateway.signature;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The parsed {@code Authorization: ACS3-HMAC-SHA256 Credential=..,SignedHeaders=..,Signature=..} header.
 *
 * <p>Fields are parsed by name because the SDKs disagree on their order: Tea sends
 * Credential, SignedHeaders, Signature; core's opt-in V3 sends Credential, Signature, SignedHeaders
 * (capture 04).
 *
 * @param accessKeyId   the {@code Credential} value (Alibaba V3 carries only the AccessKey ID there)
 * @param signedHeaders lowercase header names in the order the client listed them
 * @param signature     the received hex signature, as sent
 */
public record Acs3Authorization(String accessKeyId, List<String> signedHeaders, String signature) {

    /** The scheme token that selects V3; any other Authorization header means "not V3". */
    public static final String ALGORITHM = "ACS3-HMAC-SHA256";

    private static final Set<String> FIELDS = Set.of("Credential", "SignedHeaders", "Signature");

    public Acs3Authorization {
        signedHeaders = List.copyOf(signedHeaders);
    }

    /** Whether {@code authorizationHeader} selects the V3 scheme (then {@link #parse} must succeed). */
    public static boolean isAcs3(String authorizationHeader) {
        return authorizationHeader != null && authorizationHeader.startsWith(ALGORITHM + " ");
    }

    /**
     * @throws MalformedAuthorizationException if the scheme is not ACS3-HMAC-SHA256, a field is missing,
     *                                         repeated, unknown or empty, or SignedHeaders lists an
     *                                         empty or repeated name
     */
    public static Acs3Authorization parse(String authorizationHeader) {
        if (!isAcs3(authorizationHeader)) {
            throw new MalformedAuthorizationException(
                    "Authorization header must start with '" + ALGORITHM + " ': " + authorizationHeader);
        }
        Map<String, String> fields = fieldsByName(authorizationHeader.substring(ALGORITHM.length() + 1));
        for (String required : FIELDS) {
            if (!fields.containsKey(required)) {
                throw new MalformedAuthorizationException("Authorization header lacks " + required + "=");
            }
        }
        return new Acs3Authorization(fields.get("Credential"), signedHeaderNames(fields.get("SignedHeaders")),
                fields.get("Signature"));
    }

    /** The SignedHeaders string as it enters the CanonicalRequest. */
    public String signedHeadersString() {
        return String.join(";", signedHeaders);
    }

    private static Map<String, String> fieldsByName(String fieldList) {
        Map<String, String> fields = new HashMap<>();
        for (String field : fieldList.split(",", -1)) {
            int equals = field.indexOf('=');
            if (equals < 0) {
                throw new MalformedAuthorizationException("Authorization field without '=': '" + field.trim() + "'");
            }
            String name = field.substring(0, equals).trim();
            String value = field.substring(equals + 1).trim();
            if (!FIELDS.contains(name)) {
                throw new MalformedAuthorizationException("Unknown Authorization field '" + name + "'");
            }
            if (value.isEmpty()) {
                throw new MalformedAuthorizationException("Authorization field " + name + " is empty");
            }
            if (fields.putIfAbsent(name, value) != null) {
                throw new MalformedAuthorizationException("Authorization field " + name + " is repeated");
            }
        }
        return fields;
    }

    private static List<String> signedHeaderNames(String signedHeaders) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : signedHeaders.split(";", -1)) {
            String lower = name.trim().toLowerCase(Locale.ROOT);
            if (lower.isEmpty()) {
                throw new MalformedAuthorizationException("Authorization SignedHeaders contains an empty name: " + signedHeaders);
            }
            if (!names.add(lower)) {
                throw new MalformedAuthorizationException("Authorization SignedHeaders repeats '" + lower + "'");
            }
        }
        return new ArrayList<>(names);
    }
}
