package io.updraft.firmware;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.DeleteProductRequest;
import io.updraft.blob.S3BlobStore;
import io.updraft.testing.MqttDevice;
import io.updraft.testing.S3ProxyServer;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import io.updraft.testing.TestStore;
import io.updraft.testing.Uploads;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DeleteProduct takes its packages' files along: their links answer NoSuchKey at once, the blob store keeps no
 * file that no row refers to (a file another product's package shares stays), the product's devices lose their
 * connections, and a deletion a crash interrupted after its commit leaves files that the next start deletes.
 */
class DeleteProductFilesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String createPackage(IAcsClient client, String productKey, String fileUrl) throws Exception {
        return Uploads.newPackage(client, productKey, fileUrl);
    }

    private static String linkOf(IAcsClient client, String firmwareId) throws Exception {
        return Uploads.linkOf(client, firmwareId);
    }

    private static void deleteProduct(IAcsClient client, String productKey) throws Exception {
        DeleteProductRequest delete = new DeleteProductRequest();
        delete.setProductKey(productKey);
        assertThat(client.getAcsResponse(delete).getSuccess()).isTrue();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertNoSuchKey(String link) throws Exception {
        HttpResponse<String> answer = get(link);
        assertThat(answer.statusCode()).as("the link of a deleted product's package").isEqualTo(404);
        assertThat(answer.body()).contains("<Code>NoSuchKey</Code>");
    }

    private static String keyOf(String url) {
        return PublicUrls.keyOf(url).orElseThrow();
    }

    /** The keys of the files in a local blob store (the server's data dir/blobs). */
    private static Set<String> localFiles(Path dataDir) throws Exception {
        Path root = dataDir.resolve("blobs");
        Set<String> keys = new HashSet<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile).forEach(f -> keys.add(root.relativize(f).toString().replace('\\', '/')));
            }
        }
        return keys;
    }

    /** The blob keys the store's rows refer to: upload slots, package files, files queued for deletion. */
    private static Set<String> referencedKeys(Path dataDir) throws Exception {
        Set<String> keys = new HashSet<>();
        try (Connection c = TestStore.connect(dataDir); Statement s = c.createStatement()) {
            for (String sql : new String[] {"SELECT blob_key FROM ota_upload", "SELECT blob_key FROM firmware_file",
                    "SELECT blob_key FROM blob_garbage"}) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        keys.add(rs.getString(1));
                    }
                }
            }
        }
        return keys;
    }

    private static void eventually(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.get()) {
            assertThat(System.nanoTime()).as("%s, within 30 s", what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void theLinksOfADeletedProductsPackagesAnswerNoSuchKeyAndItsFilesAreGone() throws Exception {
        TestServer server = TestServer.shared();
        IAcsClient client = Sdk.core(server, TestServer.ACME);
        String productKey = Uploads.newProduct(client);
        String first = createPackage(client, productKey, Uploads.upload(client, "first file".getBytes()));
        String second = createPackage(client, productKey, Uploads.upload(client, "second file".getBytes()));
        String firstLink = linkOf(client, first);
        String secondLink = linkOf(client, second);
        assertThat(get(firstLink).statusCode()).isEqualTo(200);

        deleteProduct(client, productKey);

        assertNoSuchKey(firstLink);
        assertNoSuchKey(secondLink);
        if (!TestStore.isPostgresql() || Files.isDirectory(server.dataDir().resolve("blobs"))) {
            assertThat(localFiles(server.dataDir())).doesNotContain(keyOf(firstLink), keyOf(secondLink));
        }
    }

    @Test
    void aFileThatAnotherProductsPackageSharesStaysUntilThatOneGoesToo() throws Exception {
        TestServer server = TestServer.shared();
        IAcsClient client = Sdk.core(server, TestServer.ACME);
        String fileUrl = Uploads.upload(client, "shared file".getBytes());
        String deleted = Uploads.newProduct(client);
        String kept = Uploads.newProduct(client);
        String deletedLink = linkOf(client, createPackage(client, deleted, fileUrl));
        String keptLink = linkOf(client, createPackage(client, kept, fileUrl));

        deleteProduct(client, deleted);

        assertThat(get(keptLink).body()).isEqualTo("shared file");
        assertThat(get(deletedLink).statusCode()).as("the same file, still used by the other product").isEqualTo(200);
        deleteProduct(client, kept);
        assertNoSuchKey(keptLink);
    }

    @Test
    void theProductsConnectedDevicesAreDisconnected() throws Exception {
        TestServer server = TestServer.shared();
        IAcsClient core = Sdk.core(server, TestServer.ACME);
        String productKey = MqttDevice.newProduct(core);
        MqttDevice one = MqttDevice.register(core, productKey, "gone-1");
        MqttDevice two = MqttDevice.register(core, productKey, "gone-2");
        MqttDevice neighbour = MqttDevice.register(core, MqttDevice.newProduct(core), "stays-1");
        MqttClient first = one.connect(server, "c-1");
        MqttClient second = two.connect(server, "c-2");
        MqttClient other = neighbour.connect(server, "c-3");

        deleteProduct(core, productKey);

        eventually("both devices of the deleted product disconnected", () -> !first.isConnected() && !second.isConnected());
        assertThat(other.isConnected()).as("another product's device stays connected").isTrue();
        first.close();
        second.close();
        other.disconnect();
        other.close();
    }

    @Test
    void onS3TheBucketKeepsNoFileThatNoRowRefersTo() throws Exception {
        Path dir = Path.of("target", "test-data", "delprod-s3-" + UUID.randomUUID());
        try (S3ProxyServer s3 = S3ProxyServer.start(dir.resolve("s3"));
             S3BlobStore bucket = new S3BlobStore(s3.endpoint(), "us-east-1", "updraft-packages", "",
                     S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)) {
            TestServer server = TestServer.start(dir.resolve("server"), TestServer.bootstrap(dir.resolve("server")),
                    c -> c.withFirmware(c.firmware().withS3(s3.endpoint(), "us-east-1", "updraft-packages",
                            S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)));
            try {
                IAcsClient client = Sdk.core(server, TestServer.ACME);
                String productKey = Uploads.newProduct(client);
                String link = linkOf(client, createPackage(client, productKey, Uploads.upload(client, new byte[4096])));
                assertThat(bucket.size(keyOf(link))).hasValue(4096);

                deleteProduct(client, productKey);

                assertNoSuchKey(link);
                assertThat(bucket.size(keyOf(link))).isEmpty();
                assertThat(referencedKeys(server.dataDir())).doesNotContain(keyOf(link));
            } finally {
                server.close();
            }
        }
    }

    @Test
    void filesADeletionLeftQueuedByACrashAreDeletedAtTheNextStart() throws Exception {
        Path dir = Path.of("target", "test-data", "delprod-crash-" + UUID.randomUUID()).toAbsolutePath();
        Path bootstrap = TestServer.bootstrap(dir);
        String key;
        TestServer server = TestServer.start(dir, bootstrap);
        try {
            IAcsClient client = Sdk.core(server, TestServer.ACME);
            String productKey = Uploads.newProduct(client);
            key = keyOf(linkOf(client, createPackage(client, productKey, Uploads.upload(client, "left".getBytes()))));
            // What DeleteProduct commits before it deletes the files, as a process killed right after the commit
            // leaves it: the rows gone, the file queued.
            try (Connection c = TestStore.connect(dir)) {
                c.setAutoCommit(false);
                try (PreparedStatement queue = c.prepareStatement(
                        "INSERT INTO blob_garbage (blob_key, queued_at) VALUES (?, 0)");
                     PreparedStatement upload = c.prepareStatement("DELETE FROM ota_upload WHERE blob_key = ?");
                     PreparedStatement product = c.prepareStatement("DELETE FROM product WHERE product_key = ?")) {
                    queue.setString(1, key);
                    queue.executeUpdate();
                    upload.setString(1, key);
                    upload.executeUpdate();
                    product.setString(1, productKey);
                    product.executeUpdate();
                }
                c.commit();
            }
            assertThat(localFiles(dir)).contains(key);
        } finally {
            server.close();
        }
        TestServer restarted = TestServer.start(dir, bootstrap);
        try {
            eventually("the queued file deleted after the restart", () -> {
                try {
                    return !localFiles(dir).contains(key);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(referencedKeys(dir)).doesNotContain(key);
            assertThat(referencedKeys(dir)).containsAll(localFiles(dir));
        } finally {
            restarted.close();
        }
    }
}
