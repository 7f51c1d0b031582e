package io.updraft.reliability;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.CreateOTAFirmwareRequest;
import com.aliyuncs.iot.model.v20180120.GenerateOTAUploadURLResponse;
import com.aliyuncs.iot.model.v20180120.QueryOTAFirmwareRequest;
import io.updraft.testing.PostObjectForm;
import io.updraft.testing.Sdk;
import io.updraft.testing.ServerProcess;
import io.updraft.testing.TestServer;
import io.updraft.testing.Uploads;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7's "a 200 MB upload streams with a bounded heap": the server runs as a child process with a small heap
 * ({@link #SERVER_HEAP}, embedded MQTT broker included; {@code -XX:+ExitOnOutOfMemoryError}, so running out of heap
 * ends it). From the test JVM a 200 MB package is POSTed through an upload form, generated on the fly (never a
 * 200 MB array, never a file), registered with CreateOTAFirmware (SHA256 sign, size), and downloaded again as a
 * resumed download: two Range requests, the first 100 MB and then the rest, into a digest. The server must still be
 * alive afterwards, with no OutOfMemoryError in its log. Runs once (H2; the file path does not touch the store's
 * engine beyond one row).
 */
class BoundedHeapTransferTest {
    /**
     * 48 MB: the whole test passed with {@code -Dupdraft.test.serverHeap=32m} too, while with 24m the server ran out of
     * heap while starting (HiveMQ and Jetty), before any upload; 48 MB leaves margin over 32.
     */
    static final String SERVER_HEAP = "-Xmx" + System.getProperty("updraft.test.serverHeap", "48m");
    private static final long SIZE = 200L * 1024 * 1024;
    private static final long FIRST_PART = 100L * 1024 * 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void twoHundredMegabytePackageStreamsThroughAServerWithASmallHeap() throws Exception {
        long testStarted = System.nanoTime();
        ServerProcess server = ServerProcess.on(Path.of("target", "test-data", "bounded-heap-" + UUID.randomUUID()))
                .withJvmOptions(SERVER_HEAP, "-XX:+ExitOnOutOfMemoryError");
        server.start();
        try {
            IAcsClient client = Sdk.core(server.endpoint(), TestServer.ACME);
            GenerateOTAUploadURLResponse.Data form = Uploads.form(client);

            AtomicReference<Generated> sent = new AtomicReference<>();
            long started = System.nanoTime();
            HttpResponse<String> posted = PostObjectForm.of(form.getKey(), form.getPolicy(),
                    form.getOSSAccessKeyId(), form.getSignature()).post(form.getHost(), () -> {
                        Generated stream = new Generated(SIZE, 7);
                        sent.set(stream);
                        return stream;
                    }, SIZE);
            long uploadNanos = System.nanoTime() - started;
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(204);
            Generated generated = sent.get();
            assertThat(generated.produced()).isEqualTo(SIZE);
            String md5 = generated.md5();
            String sha256 = generated.sha256();
            assertThat(posted.headers().firstValue("ETag")).hasValue("\"" + md5.toUpperCase(java.util.Locale.ROOT) + "\"");

            CreateOTAFirmwareRequest create = new CreateOTAFirmwareRequest();
            create.setProductKey(Uploads.newProduct(client));
            create.setFirmwareName("big_" + UUID.randomUUID().toString().substring(0, 8));
            create.setDestVersion("1.0");
            create.setFirmwareUrl(form.getFirmwareUrl());
            create.setSignMethod("SHA256");
            create.setFirmwareSign(sha256);
            create.setFirmwareSize((int) SIZE);
            var created = client.getAcsResponse(create);
            assertThat(created.getSuccess()).as(created.getErrorMessage()).isTrue();
            QueryOTAFirmwareRequest query = new QueryOTAFirmwareRequest();
            query.setFirmwareId(created.getData().getFirmwareId());
            var info = client.getAcsResponse(query).getFirmwareInfo();
            assertThat(info.getFirmwareSign()).isEqualTo(sha256);
            String url = info.getFirmwareUrl();

            MessageDigest received = MessageDigest.getInstance("SHA-256");
            started = System.nanoTime();
            long first = rangeInto(url, "bytes=0-" + (FIRST_PART - 1), "bytes 0-" + (FIRST_PART - 1) + "/" + SIZE,
                    received);
            long rest = rangeInto(url, "bytes=" + FIRST_PART + "-", "bytes " + FIRST_PART + "-" + (SIZE - 1) + "/" + SIZE,
                    received);
            long downloadNanos = System.nanoTime() - started;
            assertThat(first).isEqualTo(FIRST_PART);
            assertThat(first + rest).isEqualTo(SIZE);
            assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(sha256);

            String peakRss = peakRss(server.pid());
            assertThat(server.isAlive()).as("server survived; log: " + server.log()).isTrue();
            assertThat(server.log()).doesNotContain("OutOfMemoryError");
            Figures.report("bounded-heap-transfer", "200 MB package, server %s (MQTT broker included): upload %.0f MB/s "
                            + "(%.1f s), download in two Range requests %.0f MB/s (%.1f s); server peak RSS %s; "
                            + "test %.0f s",
                    SERVER_HEAP, 200 / (uploadNanos / 1e9), uploadNanos / 1e9, 200 / (downloadNanos / 1e9),
                    downloadNanos / 1e9, peakRss, (System.nanoTime() - testStarted) / 1e9);
        } finally {
            server.ensureStopped();
        }
    }

    /** GETs one range, expecting 206 and this Content-Range, streaming the body into the digest; the bytes read. */
    private static long rangeInto(String url, String range, String contentRange, MessageDigest digest)
            throws IOException, InterruptedException {
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Range", range)
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        long total = 0;
        try (InputStream in = response.body()) {
            assertThat(response.statusCode()).isEqualTo(206);
            assertThat(response.headers().firstValue("Content-Range")).hasValue(contentRange);
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                total += n;
            }
        }
        return total;
    }

    /** VmHWM of the process (Linux), or "n/a". */
    private static String peakRss(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .map(line -> (Long.parseLong(line.replaceAll("\\D", "")) >> 10) + " MB")
                    .findFirst().orElse("n/a");
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /** {@code size} deterministic pseudo-random bytes (whatever the read sizes), with their MD5 and SHA-256 computed as they are read. */
    private static final class Generated extends InputStream {
        private final long size;
        private final SplittableRandom random;
        private final MessageDigest md5;
        private final MessageDigest sha256;
        private long produced;
        private long bits;
        private int bitsLeft;

        Generated(long size, long seed) {
            this.size = size;
            this.random = new SplittableRandom(seed);
            try {
                this.md5 = MessageDigest.getInstance("MD5");
                this.sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (produced == size) {
                return -1;
            }
            int n = (int) Math.min(len, size - produced);
            for (int i = 0; i < n; i++) {
                if (bitsLeft == 0) {
                    bits = random.nextLong();
                    bitsLeft = 8;
                }
                b[off + i] = (byte) bits;
                bits >>>= 8;
                bitsLeft--;
            }
            md5.update(b, off, n);
            sha256.update(b, off, n);
            produced += n;
            return n;
        }

        long produced() {
            return produced;
        }

        String md5() {
            return HexFormat.of().formatHex(md5.digest());
        }

        String sha256() {
            return HexFormat.of().formatHex(sha256.digest());
        }
    }
}
