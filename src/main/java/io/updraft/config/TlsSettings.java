package io.updraft.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * TLS for the API, downloads and devices. Without a certificate source ({@link Mode#OFF}) there is no HTTPS and
 * no MQTT-over-TLS listener.
 *
 * @param mode                {@code OFF}, {@code AUTO} (a local CA in the data dir makes the server certificate) or
 *                            {@code FILES} (PEM files the operator brings and replaces)
 * @param certificateFile     PEM server certificate with its chain ({@code FILES})
 * @param keyFile             PEM private key, RSA or EC ({@code FILES})
 * @param hostNames           names and addresses the {@code AUTO} certificate carries besides the defaults
 * @param httpsPort           HTTPS port; 0 picks a free one, {@link UpdraftConfig#OFF} turns HTTPS off
 * @param mqttsPort           MQTT over TLS port; 0 picks a free one, {@link UpdraftConfig#OFF} turns it off
 * @param legacyDeviceCiphers also offer the TLS 1.2 RSA-key-exchange AES-CBC suites of the C device SDK 3.x
 * @param reloadInterval      how often the certificate files are checked for a change
 */
public record TlsSettings(Mode mode, Path certificateFile, Path keyFile, List<String> hostNames, int httpsPort,
                          int mqttsPort, boolean legacyDeviceCiphers, Duration reloadInterval) {
    public enum Mode { OFF, AUTO, FILES }

    public static final TlsSettings OFF = new TlsSettings(Mode.OFF, null, null, List.of(), 8443, 8883, false,
            Duration.ofSeconds(10));

    public TlsSettings {
        hostNames = List.copyOf(hostNames);
        if (mode == Mode.FILES && (certificateFile == null || keyFile == null)) {
            throw new IllegalArgumentException("TLS from files needs both a certificate file and a key file");
        }
        if (reloadInterval.isNegative() || reloadInterval.isZero()) {
            throw new IllegalArgumentException("the certificate reload interval must be positive");
        }
    }

    public static TlsSettings auto(List<String> hostNames) {
        return new TlsSettings(Mode.AUTO, null, null, hostNames, OFF.httpsPort, OFF.mqttsPort, false, OFF.reloadInterval);
    }

    public static TlsSettings files(Path certificateFile, Path keyFile) {
        return new TlsSettings(Mode.FILES, certificateFile, keyFile, List.of(), OFF.httpsPort, OFF.mqttsPort, false,
                OFF.reloadInterval);
    }

    public boolean enabled() {
        return mode != Mode.OFF;
    }

    public TlsSettings withPorts(int https, int mqtts) {
        return new TlsSettings(mode, certificateFile, keyFile, hostNames, https, mqtts, legacyDeviceCiphers, reloadInterval);
    }

    public TlsSettings withLegacyDeviceCiphers(boolean on) {
        return new TlsSettings(mode, certificateFile, keyFile, hostNames, httpsPort, mqttsPort, on, reloadInterval);
    }

    public TlsSettings withReloadInterval(Duration interval) {
        return new TlsSettings(mode, certificateFile, keyFile, hostNames, httpsPort, mqttsPort, legacyDeviceCiphers,
                interval);
    }
}
