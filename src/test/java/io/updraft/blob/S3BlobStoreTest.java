package io.updraft.blob;

import io.updraft.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The S3 blob store against a real S3-compatible server (S3Proxy), started once for the class. */
class S3BlobStoreTest {
    private static final Path DIR = Path.of("target", "test-data", "s3-" + UUID.randomUUID());
    private static final byte[] CONTENT = new byte[300_000];
    private static S3ProxyServer s3;
    private static S3BlobStore store;

    @BeforeAll
    static void start() throws Exception {
        for (int i = 0; i < CONTENT.length; i++) {
            CONTENT[i] = (byte) (i % 251);
        }
        s3 = S3ProxyServer.start(DIR.resolve("s3"));
        store = new S3BlobStore(s3.endpoint(), "us-east-1", "packages", "updraft", S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY).ensureBucket();
    }

    @AfterAll
    static void stop() throws Exception {
        store.close();
        s3.close();
    }

    private static String put(String name) throws Exception {
        Path staged = Files.createDirectories(DIR).resolve(name + ".part");
        Files.write(staged, CONTENT);
        String key = "ota/test/" + name + ".bin";
        store.put(key, staged, CONTENT.length);
        return key;
    }

    @Test
    void storedObjectReadsBackWhole() throws Exception {
        String key = put("whole");
        try (InputStream in = store.open(key, 0, -1)) {
            assertThat(in.readAllBytes()).isEqualTo(CONTENT);
        }
        assertThat(store.size(key)).hasValue(CONTENT.length);
    }

    @Test
    void rangeReadReturnsOnlyTheRange() throws Exception {
        String key = put("range");
        try (InputStream in = store.open(key, 1000, 500)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(CONTENT, 1000, 1500));
        }
        try (InputStream in = store.open(key, CONTENT.length - 7, -1)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(CONTENT, CONTENT.length - 7, CONTENT.length));
        }
    }

    @Test
    void missingObjectHasNoSize() throws Exception {
        assertThat(store.size("ota/test/missing.bin")).isEmpty();
        assertThatThrownBy(() -> store.open("ota/test/missing.bin", 0, -1)).isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void deletedObjectIsGone() throws Exception {
        String key = put("deleted");
        store.delete(key);
        assertThat(store.size(key)).isEmpty();
        store.delete(key); // deleting twice is fine
    }

    @Test
    void ensureBucketCreatesAMissingBucketOnce() throws Exception {
        try (S3BlobStore other = new S3BlobStore(s3.endpoint(), "us-east-1", "fresh-bucket", "", S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY)) {
            other.ensureBucket().ensureBucket();
            assertThat(other.size("ota/x.bin")).isEmpty();
        }
    }

    @Test
    void keysThatCouldEscapeAreRefused() {
        assertThatThrownBy(() -> store.size("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.size("ota//x")).isInstanceOf(IllegalArgumentException.class);
    }
}
