package io.updraft.testing;

import io.updraft.tls.PemFiles;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * Clients that trust a test CA the proper way: a trust store holding only that CA, with the JDK's normal chain and
 * host name checks (never a trust-all manager).
 */
public final class TestTls {
    private TestTls() {
    }

    public static KeyStore trustStore(Path caPem) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            List<X509Certificate> certificates = PemFiles.certificates(caPem);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("ca" + i, certificates.get(i));
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static X509TrustManager trustManager(Path caPem) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore(caPem));
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("no X509TrustManager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SSLContext sslContext(Path caPem) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{trustManager(caPem)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static HttpClient httpClient(Path caPem) {
        return HttpClient.newBuilder().sslContext(sslContext(caPem)).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A PKCS#12 trust store file with the CA, password "changeit", for clients configured by file. */
    public static Path trustStoreFile(Path caPem, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            trustStore(caPem).store(out, "changeit".toCharArray());
            return file;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The serial number of the certificate a fresh TLS connection to the port is served. */
    public static BigInteger servedSerial(Path caPem, int port) {
        try (SSLSocket socket = (SSLSocket) sslContext(caPem).getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
