package io.updraft.tls;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a server certificate chain and its private key from PEM files, as web servers take them: the certificate
 * file holds the server certificate and its intermediates in any order (a full-chain file), the key file an RSA or
 * EC key in PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}) form.
 * Either file may hold both (a combined PEM). Bouncy Castle parses; nothing here decodes ASN.1 by hand.
 */
public final class PemFiles {
    private PemFiles() {
    }

    /** The key and its chain, leaf first; an {@link IllegalArgumentException} saying what is wrong otherwise. */
    public static KeyMaterial load(Path certificateFile, Path keyFile) {
        List<X509Certificate> certificates = new ArrayList<>();
        List<PrivateKey> keys = new ArrayList<>();
        read(certificateFile, certificates, keys);
        if (!keyFile.equals(certificateFile)) {
            read(keyFile, certificates, keys);
        }
        if (keys.size() != 1) {
            throw new IllegalArgumentException(keys.isEmpty()
                    ? "no private key in " + keyFile + " (expected a PEM PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)"
                    : "more than one private key in " + certificateFile + " and " + keyFile);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no certificate in " + certificateFile);
        }
        PrivateKey key = keys.get(0);
        if (!key.getAlgorithm().equals("RSA") && !key.getAlgorithm().equals("EC")) {
            throw new IllegalArgumentException("the private key in " + keyFile + " is " + key.getAlgorithm()
                    + "; the server takes RSA and EC keys");
        }
        X509Certificate leaf = certificates.stream().filter(c -> matches(key, c)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the private key in " + keyFile
                        + " belongs to none of the certificates in " + certificateFile));
        return new KeyMaterial(key, chainFrom(leaf, certificates));
    }

    /** Every certificate of a PEM file, in file order (a CA bundle). */
    public static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> certificates = new ArrayList<>();
        read(file, certificates, new ArrayList<>());
        return certificates;
    }

    /** PEM text of certificates or keys, as written to files. */
    public static String pem(Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }

    private static void read(Path file, List<X509Certificate> certificates, List<PrivateKey> keys) {
        JcaX509CertificateConverter certificateConverter = new JcaX509CertificateConverter();
        JcaPEMKeyConverter keyConverter = new JcaPEMKeyConverter();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(certificateConverter.getCertificate(holder));
                } else if (object instanceof PEMKeyPair pair) {
                    keys.add(keyConverter.getKeyPair(pair).getPrivate());
                } else if (object instanceof PrivateKeyInfo info) {
                    keys.add(keyConverter.getPrivateKey(info));
                } else if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new IllegalArgumentException("the private key in " + file + " is encrypted; give the "
                            + "server an unencrypted key file readable only by its user (openssl pkey -in KEY -out KEY.pem)");
                }
                // EC PARAMETERS blocks and other objects carry nothing the server needs
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw (IllegalArgumentException) e;
            }
            throw new IllegalArgumentException("cannot read PEM file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The leaf, then its issuer, and so on while the file has it; a self-signed root ends the chain. */
    private static List<X509Certificate> chainFrom(X509Certificate leaf, List<X509Certificate> certificates) {
        List<X509Certificate> chain = new ArrayList<>(List.of(leaf));
        X509Certificate current = leaf;
        while (!current.getIssuerX500Principal().equals(current.getSubjectX500Principal())) {
            Optional<X509Certificate> issuer = issuerOf(current, certificates, chain);
            if (issuer.isEmpty()) {
                break;
            }
            current = issuer.get();
            chain.add(current);
        }
        return chain;
    }

    private static Optional<X509Certificate> issuerOf(X509Certificate certificate, List<X509Certificate> candidates,
                                                      List<X509Certificate> taken) {
        return candidates.stream()
                .filter(c -> !taken.contains(c))
                .filter(c -> c.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()))
                .filter(c -> {
                    try {
                        certificate.verify(c.getPublicKey());
                        return true;
                    } catch (GeneralSecurityException e) {
                        return false;
                    }
                })
                .findFirst();
    }

    /** Whether the private key belongs to the certificate: a signature made with it verifies with the certificate. */
    static boolean matches(PrivateKey key, X509Certificate certificate) {
        String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        if (!certificate.getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            return false;
        }
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
