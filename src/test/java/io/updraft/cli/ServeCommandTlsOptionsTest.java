package io.updraft.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The serve command refuses port and TLS combinations that would leave no listener or a half-configured TLS, with
 * exit code 2 and a message naming the flags, before anything starts. On the command line port 0 turns a listener
 * off, so turning off a plain listener needs its TLS counterpart.
 */
class ServeCommandTlsOptionsTest {
    /** Runs {@code serve} with the arguments: exit code 2 and the message on stderr, nothing started. */
    private static void assertRefused(String message, String... args) {
        PrintStream previous = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new ServeCommand()).execute(args);
            assertThat(exit).isEqualTo(2);
        } finally {
            System.setErr(previous);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(message);
    }

    @Test
    void turningPlainHttpOffWithoutTlsIsRefused() {
        assertRefused("--http-port 0 turns plain HTTP off", "--http-port", "0");
    }

    @Test
    void turningPlainMqttOffWhileMqttOverTlsIsOffTooIsRefused() {
        assertRefused("--mqtt-port 0 turns plain MQTT off", "--tls", "auto", "--mqtt-port", "0", "--mqtts-port", "0");
    }

    @Test
    void aCertificateWithoutItsKeyIsRefused() {
        assertRefused("--tls-cert and --tls-key go together", "--tls-cert", "server.pem");
    }

    @Test
    void tlsAutoTogetherWithOwnFilesIsRefused() {
        assertRefused("--tls auto makes its own certificate",
                "--tls", "auto", "--tls-cert", "server.pem", "--tls-key", "server.key");
    }

    @Test
    void legacyDeviceCiphersWithoutTlsAreRefused() {
        assertRefused("--tls-legacy-device-ciphers needs TLS", "--tls-legacy-device-ciphers", "true");
    }

    @Test
    void anUnknownTlsModeIsRefused() {
        assertRefused("--tls must be auto or off", "--tls", "on");
    }
}
