package io.updraft.tls;

import java.util.ArrayList;
import java.util.List;

/**
 * The protocol versions and cipher suites every TLS listener offers: TLS 1.3 and 1.2 with forward-secret AEAD
 * suites only. {@link #LEGACY_DEVICE} are the suites Alibaba's C device SDK 3.x can speak (TLS 1.2, RSA key
 * exchange, AES-CBC; ota-api.md §F.7): offered on top only when the operator turns them on.
 */
public final class CipherSuites {
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    public static final List<String> MODERN = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    public static final List<String> LEGACY_DEVICE = List.of(
            "TLS_RSA_WITH_AES_256_CBC_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA256",
            "TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA");

    private CipherSuites() {
    }

    /** Server preference order: the modern suites first, so a client that has both never gets a legacy one. */
    public static List<String> offered(boolean legacyDevices) {
        List<String> suites = new ArrayList<>(MODERN);
        if (legacyDevices) {
            suites.addAll(LEGACY_DEVICE);
        }
        return List.copyOf(suites);
    }
}
