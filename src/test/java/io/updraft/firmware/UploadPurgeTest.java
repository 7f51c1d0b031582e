package io.updraft.firmware;

import io.updraft.blob.LocalBlobStore;
import io.updraft.store.Database;
import io.updraft.testing.TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Uploaded files that no CreateOTAFirmware used within 60 minutes are removed, row and file. */
class UploadPurgeTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    @TempDir
    Path dir;
    private Database database;
    private LocalBlobStore blobs;
    private UploadRepository repository;
    private UploadService uploads;

    @BeforeEach
    void open() throws Exception {
        // The store of the run: H2 in memory, or a fresh PostgreSQL database in the PostgreSQL run.
        database = TestStore.isPostgresql()
                ? Database.open(TestStore.databaseFor(dir), TestStore.USER, null, 2)
                : Database.open("jdbc:h2:mem:purge-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2);
        database.jdbi().useHandle(h -> h.execute("INSERT INTO account (id, name, created_at) VALUES ('1', 'a', 0)"));
        blobs = new LocalBlobStore(dir.resolve("blobs"));
        repository = new UploadRepository(database.jdbi());
        UploadForm forms = new UploadForm(new byte[32]);
        uploads = new UploadService(repository, blobs, forms, new PublicUrls(() -> "http://x", new byte[32]),
                dir.resolve("staging"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    private String uploadAt(Instant when) throws Exception {
        UploadService.Slot slot = uploads.issue("1", "bin", when);
        uploads.accept(Map.of("key", slot.key(), "policy", slot.policy(), "ossaccesskeyid", slot.accessKeyId(),
                "signature", slot.signature()), new ByteArrayInputStream(new byte[]{1, 2, 3}), when);
        return slot.key();
    }

    @Test
    void unusedFileIsPurgedAfter60Minutes() throws Exception {
        String key = uploadAt(T0);
        assertThat(blobs.size(key)).hasValue(3);
        assertThat(uploads.purgeUnused(T0.plus(Duration.ofMinutes(61)))).isEqualTo(1);
        assertThat(repository.find(key)).isEmpty();
        assertThat(blobs.size(key)).isEmpty();
    }

    @Test
    void unusedFileIsKeptWithin60Minutes() throws Exception {
        String key = uploadAt(T0);
        assertThat(uploads.purgeUnused(T0.plus(Duration.ofMinutes(59)))).isZero();
        assertThat(blobs.size(key)).hasValue(3);
    }

    @Test
    void fileUsedByAPackageIsNeverPurged() throws Exception {
        String key = uploadAt(T0);
        database.jdbi().useHandle(h -> {
            repository.markUsed(h, key);
            h.execute("INSERT INTO product (product_key, account_id, instance_id, name, node_type, aliyun_commodity_code,"
                    + " auth_type, net_type, validate_type, id2, product_secret_enc, gmt_create, gmt_modified)"
                    + " VALUES ('pk', '1', '', 'p', 0, 'iothub', 'secret', 'WIFI', 0, FALSE, 'x', 0, 0)");
            h.execute("INSERT INTO firmware (firmware_id, account_id, instance_id, product_id, module_name, name,"
                    + " dest_version, package_type, status, verify_progress, sign_method, download_protocol, multi_file,"
                    + " gmt_create, gmt_modified) SELECT 'fw', '1', '', id, 'default', 'n', '1', 0, 0, 0, 'MD5', 'HTTPS',"
                    + " FALSE, 0, 0 FROM product");
            h.execute("INSERT INTO firmware_file (firmware_pk, position, blob_key, size_bytes, md5, sign_value)"
                    + " SELECT id, 0, ?, 3, 'm', 's' FROM firmware", key);
        });
        assertThat(uploads.purgeUnused(T0.plus(Duration.ofDays(2)))).isZero();
        assertThat(blobs.size(key)).hasValue(3);
    }

    @Test
    void fileOfAPackageDeletedWithItsProductIsPurged() throws Exception {
        String key = uploadAt(T0);
        database.jdbi().useHandle(h -> repository.markUsed(h, key)); // used, but no package references it any more
        assertThat(uploads.purgeUnused(T0.plus(Duration.ofMinutes(61)))).isEqualTo(1);
        assertThat(blobs.size(key)).isEmpty();
    }

    @Test
    void formThatWasNeverPostedIsForgotten() {
        UploadService.Slot slot = uploads.issue("1", "bin", T0);
        assertThat(uploads.purgeUnused(T0.plus(Duration.ofMinutes(61)))).isEqualTo(1);
        assertThat(repository.find(slot.key())).isEmpty();
    }
}
