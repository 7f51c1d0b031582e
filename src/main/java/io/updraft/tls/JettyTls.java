package io.updraft.tls;

import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Jetty's TLS for the HTTPS listener: the protocols and suites of {@link CipherSuites}, the current server
 * certificate, and a reload through {@link SslContextFactory#reload} whenever {@link ServerCertificates} has a new
 * one: new connections get it, open connections keep theirs.
 */
public final class JettyTls {
    private static final Logger LOG = LoggerFactory.getLogger(JettyTls.class);

    private JettyTls() {
    }

    public static SslContextFactory.Server sslContextFactory(ServerCertificates certificates, boolean legacyDeviceCiphers) {
        // the key store lives in memory only; its password protects nothing on disk
        char[] password = randomPassword();
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setKeyStore(certificates.current().keyStore(password));
        factory.setKeyStorePassword(new String(password));
        factory.setIncludeProtocols(CipherSuites.PROTOCOLS.toArray(new String[0]));
        factory.setIncludeCipherSuites(CipherSuites.offered(legacyDeviceCiphers).toArray(new String[0]));
        // the include list above is the whole policy; Jetty's default excludes would drop the legacy suites
        factory.setExcludeCipherSuites();
        factory.setRenegotiationAllowed(false);
        // one certificate serves every name: a client reaching the server by address sends no SNI, and that is fine
        factory.setSniRequired(false);
        certificates.onChange(material -> {
            try {
                factory.reload(f -> f.setKeyStore(material.keyStore(password)));
            } catch (Exception e) {
                LOG.warn("TLS: HTTPS could not switch to the new certificate, it keeps the previous one: {}", e.toString());
            }
        });
        return factory;
    }

    static char[] randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }
}
