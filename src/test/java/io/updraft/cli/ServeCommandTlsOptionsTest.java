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
    private record Run(int exit, String stderr) {
    }

    private static Run serve(String... args) {
        PrintStream previous = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new ServeCommand()).execute(args);
            return new Run(exit, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(previous);
        }
    }

    @Test
    void turningPlainHttpOffWithoutTlsIsRefused() {
        Run run = serve("--http-port", "0");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).contains("--http-port 0 turns plain HTTP off");
    }

    @Test
    void turningPlainMqttOffWhileMqttOverTlsIsOffTooIsRefused() {
        Run run = serve("--tls", "auto", "--mqtt-port", "0", "--mqtts-port", "0");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).contains("--mqtt-port 0 turns plain MQTT off");
    }

    @Test
    void aCertificateWithoutItsKeyIsRefused() {
        Run run = serve("--tls-cert", "server.pem");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).contains("--tls-cert and --tls-key go together");
    }

    @Test
    void tlsAutoTogetherWithOwnFilesIsRefused() {
        Run run = serve("--tls", "auto", "--tls-cert", "server.pem", "--tls-key", "server.key");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).contains("--tls auto makes its own certificate");
    }

    @Test
    void legacyDeviceCiphersWithoutTlsAreRefused() {
        Run run = serve("--tls-legacy-device-ciphers", "true");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).contains("--tls-legacy-device-ciphers needs TLS");
    }

    @Test
    void anUnknownTlsModeIsRefused() {
        Run run = serve("--tls", "on");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).contains("--tls must be auto or off");
    }
}
