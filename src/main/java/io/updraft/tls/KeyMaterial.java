package io.updraft.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A server's private key and its certificate chain, leaf first, as the TLS listeners serve them.
 *
 * @param chain the server certificate, then each issuer up to (not necessarily including) the root
 */
public record KeyMaterial(PrivateKey key, List<X509Certificate> chain) {
    static final String ALIAS = "updraft";

    public KeyMaterial {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least the server certificate");
        }
        chain = List.copyOf(chain);
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    public Instant notAfter() {
        return leaf().getNotAfter().toInstant();
    }

    /** RSA key exchange (the legacy device suites) needs an RSA server key. */
    public boolean isRsa() {
        return "RSA".equals(key.getAlgorithm());
    }

    /** An in-memory PKCS#12 key store holding the key and chain under one alias. */
    public KeyStore keyStore(char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, password, chain.toArray(new X509Certificate[0]));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a key store from the server key and certificate", e);
        }
    }

    /** The same key store as a PKCS#12 file's bytes, for listeners that read a key store file (HiveMQ). */
    public byte[] pkcs12(char[] password) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            keyStore(password).store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write the server key store", e);
        }
    }

    /** Short description for the log: subject, serial, expiry. */
    public String describe() {
        return leaf().getSubjectX500Principal().getName() + " (serial " + leaf().getSerialNumber().toString(16)
                + ", " + key.getAlgorithm() + ", valid until " + notAfter() + ")";
    }
}
