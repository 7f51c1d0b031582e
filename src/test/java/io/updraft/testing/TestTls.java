package io.updraft.testing;

import io.updraft.tls.PemFiles;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Socket;
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

    /**
     * A socket factory trusting the CA whose sockets offer only {@code protocols} and {@code suites}, as a device
     * TLS stack with a fixed configuration does (e.g. the C device SDK 3.x: TLS 1.2, AES256-SHA256).
     */
    public static SSLSocketFactory restricted(Path caPem, List<String> protocols, List<String> suites) {
        return new Restricted(sslContext(caPem).getSocketFactory(), protocols.toArray(new String[0]),
                suites.toArray(new String[0]));
    }

    private static final class Restricted extends SSLSocketFactory {
        private final SSLSocketFactory delegate;
        private final String[] protocols;
        private final String[] suites;

        Restricted(SSLSocketFactory delegate, String[] protocols, String[] suites) {
            this.delegate = delegate;
            this.protocols = protocols;
            this.suites = suites;
        }

        private Socket restrict(Socket socket) {
            if (socket instanceof SSLSocket tls) {
                tls.setEnabledProtocols(protocols);
                tls.setEnabledCipherSuites(suites);
            }
            return socket;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return suites.clone();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return suites.clone();
        }

        @Override
        public Socket createSocket() throws IOException {
            return restrict(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            return restrict(delegate.createSocket(socket, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return restrict(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return restrict(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return restrict(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return restrict(delegate.createSocket(address, port, localAddress, localPort));
        }
    }
}
