package io.updraft.tls;

import io.updraft.config.TlsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The server certificate the TLS listeners serve, kept current: the files are checked every reload interval and,
 * when their content changed and reads as a valid key and chain, the listeners are told (each swaps it in for new
 * connections; open ones keep theirs). A half-written or broken pair is logged and the previous one kept. A
 * certificate nearing its end is logged ahead of time, once a day; with {@code tls auto} it is issued again.
 */
public final class ServerCertificates implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerCertificates.class);
    /** Warn this long before a certificate expires. */
    static final Duration EXPIRY_WARNING = Duration.ofDays(30);
    private static final Duration WARNING_REPEAT = Duration.ofDays(1);

    private final Path certificateFile;
    private final Path keyFile;
    private final LocalCertificateAuthority authority;
    private final Collection<String> hostNames;
    private final Clock clock;
    private final List<Consumer<KeyMaterial>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService watcher;
    private volatile KeyMaterial current;
    private volatile String fingerprint;
    private volatile String lastError;
    private Instant lastExpiryWarning = Instant.MIN;

    private ServerCertificates(Path certificateFile, Path keyFile, LocalCertificateAuthority authority,
                               Collection<String> hostNames, Clock clock) {
        this.certificateFile = certificateFile;
        this.keyFile = keyFile;
        this.authority = authority;
        this.hostNames = hostNames;
        this.clock = clock;
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "updraft-certificate-watch");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Loads the configured certificate (making it first with {@code tls auto}); an {@link IllegalArgumentException}
     * if the files do not hold a usable key and chain, so the server does not start with a broken TLS setup.
     *
     * @param hostNames the names and addresses an {@code auto} certificate carries
     */
    public static ServerCertificates open(TlsSettings settings, Path dataDir, Collection<String> hostNames, Clock clock) {
        ServerCertificates certificates;
        if (settings.mode() == TlsSettings.Mode.AUTO) {
            LocalCertificateAuthority authority = new LocalCertificateAuthority(dataDir.resolve("tls"), clock);
            authority.ensure(hostNames);
            certificates = new ServerCertificates(authority.certificateFile(), authority.keyFile(), authority,
                    hostNames, clock);
        } else if (settings.mode() == TlsSettings.Mode.FILES) {
            certificates = new ServerCertificates(settings.certificateFile().toAbsolutePath(),
                    settings.keyFile().toAbsolutePath(), null, hostNames, clock);
        } else {
            throw new IllegalArgumentException("TLS is off: there is no server certificate to open");
        }
        certificates.fingerprint = certificates.fingerprintOfFiles();
        certificates.current = PemFiles.load(certificates.certificateFile, certificates.keyFile);
        LOG.info("TLS: serving {} from {}", certificates.current.describe(), certificates.certificateFile);
        certificates.warnIfExpiring();
        long every = settings.reloadInterval().toMillis();
        certificates.watcher.scheduleWithFixedDelay(certificates::check, every, every, TimeUnit.MILLISECONDS);
        return certificates;
    }

    public KeyMaterial current() {
        return current;
    }

    /** The local CA's certificate ({@code tls auto}), which clients and devices trust. */
    public Optional<Path> caCertificateFile() {
        return Optional.ofNullable(authority).map(LocalCertificateAuthority::caCertificateFile);
    }

    /** Called with each new key and chain, on the watcher's thread. */
    public void onChange(Consumer<KeyMaterial> listener) {
        listeners.add(listener);
    }

    /** One round of the watch: renew an {@code auto} certificate if due, reload changed files, warn of expiry. */
    void check() {
        try {
            if (authority != null) {
                authority.ensure(hostNames);
            }
            String now = fingerprintOfFiles();
            if (!now.equals(fingerprint)) {
                KeyMaterial loaded = PemFiles.load(certificateFile, keyFile);
                fingerprint = now;
                current = loaded;
                lastError = null;
                LOG.info("TLS: certificate files changed, now serving {} to new connections", loaded.describe());
                for (Consumer<KeyMaterial> listener : listeners) {
                    listener.accept(loaded);
                }
            }
            warnIfExpiring();
        } catch (RuntimeException e) {
            // a pair being replaced (the certificate written, the key not yet) reads as a mismatch: keep the old one
            String message = e.getMessage();
            if (!String.valueOf(message).equals(lastError)) {
                LOG.warn("TLS: keeping the current certificate, the files do not read as a valid pair yet: {}", message);
                lastError = message;
            }
        }
    }

    private void warnIfExpiring() {
        Instant now = clock.instant();
        Instant notAfter = current.notAfter();
        if (notAfter.isBefore(now.plus(EXPIRY_WARNING)) && lastExpiryWarning.isBefore(now.minus(WARNING_REPEAT))) {
            lastExpiryWarning = now;
            long days = Duration.between(now, notAfter).toDays();
            LOG.warn("TLS: the server certificate {} {} ({}); replace {} and {} (they are reloaded without a restart)",
                    current.describe(), notAfter.isBefore(now) ? "has EXPIRED" : "expires in " + days + " days",
                    notAfter, certificateFile, keyFile);
        }
    }

    private String fingerprintOfFiles() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(Files.readAllBytes(certificateFile));
            digest.update(Files.readAllBytes(keyFile));
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + certificateFile + " or " + keyFile + ": " + e, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }
}
