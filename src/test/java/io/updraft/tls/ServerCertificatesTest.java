package io.updraft.tls;

import io.updraft.config.TlsSettings;
import io.updraft.testing.LogCapture;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The certificate watch on its own: an expiring certificate is logged ahead of time with the files to replace, a
 * fresh one is not, and a replacement that does not read as a pair yet leaves the current certificate in service.
 */
class ServerCertificatesTest {
    private static final List<String> HOSTS = List.of("127.0.0.1");
    private final Path dir = Path.of("target", "test-data", "server-certificates-" + UUID.randomUUID());

    /** A CA and server certificate issued {@code age} ago: the server certificate is valid 365 days from then. */
    private LocalCertificateAuthority issuedAgo(String name, Duration age) {
        LocalCertificateAuthority issuer = new LocalCertificateAuthority(dir.resolve(name),
                Clock.offset(Clock.systemUTC(), age.negated()));
        issuer.ensure(HOSTS);
        return issuer;
    }

    private static TlsSettings files(LocalCertificateAuthority issuer) {
        // the periodic watch is not wanted here: check() is called by the test
        return TlsSettings.files(issuer.certificateFile(), issuer.keyFile()).withReloadInterval(Duration.ofDays(1));
    }

    @Test
    void aCertificateEndingWithinThirtyDaysIsLoggedAheadOfTimeWithTheFilesToReplace() {
        LocalCertificateAuthority issuer = issuedAgo("expiring", Duration.ofDays(350));
        try (LogCapture log = LogCapture.start();
             ServerCertificates certificates = ServerCertificates.open(files(issuer), dir, HOSTS, Clock.systemUTC())) {
            assertThat(log.text()).contains("WARN").containsPattern("expires in 1[45] days")
                    .contains(issuer.certificateFile().toAbsolutePath().toString());
        }
    }

    @Test
    void aCertificateWithMonthsToGoIsNotWarnedAbout() {
        LocalCertificateAuthority issuer = issuedAgo("fresh", Duration.ZERO);
        try (LogCapture log = LogCapture.start();
             ServerCertificates certificates = ServerCertificates.open(files(issuer), dir, HOSTS, Clock.systemUTC())) {
            certificates.check();
            assertThat(log.text()).doesNotContain("expires").doesNotContain("WARN");
        }
    }

    @Test
    void aHalfReplacedPairKeepsTheCurrentCertificateUntilTheKeyMatches() throws Exception {
        LocalCertificateAuthority issuer = issuedAgo("pair", Duration.ZERO);
        LocalCertificateAuthority other = issuedAgo("other", Duration.ZERO);
        try (LogCapture log = LogCapture.start();
             ServerCertificates certificates = ServerCertificates.open(files(issuer), dir, HOSTS, Clock.systemUTC())) {
            KeyMaterial before = certificates.current();
            Files.copy(other.certificateFile(), issuer.certificateFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            certificates.check();
            assertThat(certificates.current()).isSameAs(before);
            assertThat(log.text()).contains("keeping the current certificate");

            Files.copy(other.keyFile(), issuer.keyFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            certificates.check();
            assertThat(certificates.current().leaf().getSerialNumber())
                    .isEqualTo(PemFiles.certificates(other.certificateFile()).get(0).getSerialNumber());
        }
    }
}
