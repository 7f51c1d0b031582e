package io.updraft.mqtt;

import io.updraft.tls.ServerCertificates;

/**
 * The broker's listeners: plain TCP and TLS on one address. A port of 0 picks a free one, a negative port turns
 * that listener off; TLS needs the server certificates.
 *
 * @param legacyDeviceCiphers also offer the C device SDK 3.x's RSA-key-exchange AES-CBC suites on the TLS port
 */
public record MqttListeners(String host, int plainPort, int tlsPort, ServerCertificates certificates,
                            boolean legacyDeviceCiphers) {
    public MqttListeners {
        if (tlsPort >= 0 && certificates == null) {
            throw new IllegalArgumentException("MQTT over TLS needs a server certificate");
        }
        if (plainPort < 0 && tlsPort < 0) {
            throw new IllegalArgumentException("the broker needs at least one listener");
        }
    }

    public static MqttListeners plain(String host, int port) {
        return new MqttListeners(host, port, -1, null, false);
    }
}
