package io.updraft.firmware;

import io.updraft.blob.LocalBlobStore;
import io.updraft.store.Database;
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
        database = Database.open("jdbc:h2:mem:purge-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2);
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
        database.jdbi().useHandle(h -> repository.markUsed(h, key));
        assertThat(uploads.purgeUnused(T0.plus(Duration.ofDays(2)))).isZero();
        assertThat(blobs.size(key)).hasValue(3);
    }

    @Test
    void formThatWasNeverPostedIsForgotten() {
        UploadService.Slot slot = uploads.issue("1", "bin", T0);
        assertThat(uploads.purgeUnused(T0.plus(Duration.ofMinutes(61)))).isEqualTo(1);
        assertThat(repository.find(slot.key())).isEmpty();
    }
}
