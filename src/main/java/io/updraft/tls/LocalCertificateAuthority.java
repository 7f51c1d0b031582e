package io.updraft.tls;

import io.updraft.store.PrivateFiles;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code --tls auto}: a certificate authority of this installation, made on first start in {@code <data dir>/tls},
 * and a server certificate it signs for the configured host names and addresses. Devices and SDK users trust the
 * CA ({@code ca.pem}, also served at {@link #CA_PATH}); the server certificate is issued again from the same CA when
 * it nears its end, or when the host names change, so trust survives. RSA 2048 keys, because the C device SDK
 * 3.x's TLS (RSA key exchange) needs an RSA server key and mbedTLS builds on devices verify RSA signatures.
 */
public final class LocalCertificateAuthority {
    private static final Logger LOG = LoggerFactory.getLogger(LocalCertificateAuthority.class);
    /** Where the CA certificate is served over HTTP and HTTPS. */
    public static final String CA_PATH = "/tls/ca.pem";
    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    static final Duration SERVER_VALIDITY = Duration.ofDays(365);
    /** A server certificate with less than this left is issued again. */
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final Clock clock;

    public LocalCertificateAuthority(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    public Path caCertificateFile() {
        return dir.resolve("ca.pem");
    }

    public Path certificateFile() {
        return dir.resolve("server.pem");
    }

    public Path keyFile() {
        return dir.resolve("server.key");
    }

    private Path caKeyFile() {
        return dir.resolve("ca.key");
    }

    /**
     * Makes the CA if there is none, and a server certificate for {@code hostNames} if the current one is missing,
     * near its end, or does not name them all. Returns true when it wrote a new server certificate.
     */
    public boolean ensure(Collection<String> hostNames) {
        try {
            Files.createDirectories(dir);
            if (!Files.exists(caCertificateFile()) || !Files.exists(caKeyFile())) {
                createCa();
            }
            KeyMaterial ca = PemFiles.load(caCertificateFile(), caKeyFile());
            String reason = reasonToIssue(ca.leaf(), hostNames);
            if (reason == null) {
                return false;
            }
            issueServerCertificate(ca, hostNames);
            LOG.info("TLS: issued a server certificate for {} from the local CA ({}): {}", hostNames, reason,
                    certificateFile());
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the local CA's files in " + dir, e);
        }
    }

    /** Null when the server certificate on disk is fine, else why it must be issued. */
    private String reasonToIssue(X509Certificate ca, Collection<String> hostNames) {
        if (!Files.exists(certificateFile()) || !Files.exists(keyFile())) {
            return "none yet";
        }
        KeyMaterial current;
        try {
            current = PemFiles.load(certificateFile(), keyFile());
        } catch (IllegalArgumentException e) {
            return "the current one is unreadable: " + e.getMessage();
        }
        try {
            current.leaf().verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            return "the current one is not signed by this CA";
        }
        if (current.notAfter().isBefore(clock.instant().plus(RENEW_BEFORE))) {
            return "the current one expires " + current.notAfter();
        }
        Set<String> named = subjectAlternativeNames(current.leaf());
        for (String host : hostNames) {
            if (!named.contains(normalize(host))) {
                return "it does not name " + host;
            }
        }
        return null;
    }

    private void createCa() throws IOException {
        KeyPair pair = rsaKeyPair();
        X500Name subject = new X500Name("CN=Updraft local CA " + localHostName() + " " + Instant.now(clock).getEpochSecond()
                + ",O=Updraft");
        Instant now = clock.instant();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(CA_VALIDITY)), subject, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate certificate = sign(builder, pair.getPrivate());
            PrivateFiles.write(caKeyFile(), PemFiles.pem(pair.getPrivate()));
            Files.writeString(caCertificateFile(), PemFiles.pem(certificate));
            LOG.info("TLS: created a local certificate authority: {} (devices and SDK clients trust this file)",
                    caCertificateFile());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the local CA", e);
        }
    }

    private void issueServerCertificate(KeyMaterial ca, Collection<String> hostNames) throws IOException {
        KeyPair pair = rsaKeyPair();
        Instant now = clock.instant();
        String first = hostNames.iterator().next();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.leaf(), serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(SERVER_VALIDITY)),
                    new X500Name("CN=" + first.replace(",", "").replace("=", "")), pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    // keyEncipherment: RSA key exchange (the legacy device suites) encrypts the secret to this key
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, generalNames(hostNames))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(pair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(ca.leaf()));
            X509Certificate certificate = sign(builder, ca.key());
            // key first: a watcher that sees the new certificate must find its key already there
            PrivateFiles.write(keyFile(), PemFiles.pem(pair.getPrivate()));
            PrivateFiles.write(certificateFile(), PemFiles.pem(certificate, ca.leaf()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue the server certificate", e);
        }
    }

    private static GeneralNames generalNames(Collection<String> hostNames) {
        List<GeneralName> names = new ArrayList<>();
        for (String host : new LinkedHashSet<>(hostNames)) {
            names.add(isAddress(host) ? new GeneralName(GeneralName.iPAddress, host)
                    : new GeneralName(GeneralName.dNSName, host));
        }
        return new GeneralNames(names.toArray(new GeneralName[0]));
    }

    private static Set<String> subjectAlternativeNames(X509Certificate certificate) {
        Set<String> names = new LinkedHashSet<>();
        try {
            Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
            if (entries != null) {
                for (List<?> entry : entries) {
                    names.add(normalize(String.valueOf(entry.get(1))));
                }
            }
        } catch (CertificateParsingException e) {
            return Set.of();
        }
        return names;
    }

    /** Addresses compared in one spelling ({@code ::1} and {@code 0:0:0:0:0:0:0:1}), names case-insensitively. */
    private static String normalize(String host) {
        if (isAddress(host)) {
            try {
                return InetAddress.getByName(host).getHostAddress();
            } catch (IOException e) {
                return host;
            }
        }
        return host.toLowerCase(Locale.ROOT);
    }

    static boolean isAddress(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** The names a server certificate should carry by default: loopback, this host's name, and {@code extra}. */
    public static List<String> defaultHostNames(Collection<String> extra) {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        names.add(localHostName().toLowerCase(Locale.ROOT));
        for (String host : extra) {
            if (host != null && !host.isBlank() && !host.equals("0.0.0.0") && !host.equals("::")) {
                names.add(host);
            }
        }
        return List.copyOf(names);
    }
}
