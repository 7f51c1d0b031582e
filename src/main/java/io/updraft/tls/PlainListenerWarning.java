package io.updraft.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The start log's warning for a plain-text listener that other machines can reach: it says what crosses the
 * network unencrypted and which flag turns the listener off. Loopback-only listeners get none.
 */
public final class PlainListenerWarning {
    private PlainListenerWarning() {
    }

    /**
     * @param what     the listener, e.g. "HTTP"
     * @param exposes  what its clients send in the clear
     * @param offFlag  the flag that turns it off, e.g. "--http-port 0"
     */
    public static Optional<String> message(String what, String host, int port, String exposes, String offFlag) {
        if (port < 0 || isLoopback(host)) {
            return Optional.empty();
        }
        return Optional.of("Plain " + what + " listens on " + host + ":" + port + ", beyond this machine: " + exposes
                + " cross the network unencrypted. Turn it off with " + offFlag
                + " once clients use TLS (--tls auto, or --tls-cert and --tls-key).");
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
