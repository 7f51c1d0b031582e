package io.updraft.bench.startup;

import io.updraft.bench.BenchStore;
import io.updraft.store.Database;
import io.updraft.store.Ids;
import io.updraft.store.SecretCipher;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.nio.file.Path;

/**
 * Writes many devices straight into a stopped server's store: registering 100,000 devices through the API would
 * take minutes of the benchmark's budget and measure RegisterDevice instead of start-up. The INSERT is the one
 * {@code DeviceRepository.insert} runs, batched; secrets are encrypted with the data dir's own master key.
 */
public final class DeviceSeeder {
    private DeviceSeeder() {
    }

    /** The secret of seeded device {@code name}: known to the benchmark, so that its MQTT devices can sign in. */
    public static String secretOf(String deviceName) {
        return "benchSecret" + deviceName;
    }

    public static String nameOf(int index) {
        return String.format("dev%07d", index);
    }

    /** The inverse of {@link #nameOf}. */
    public static int indexOf(String name) {
        return Integer.parseInt(name.substring(3));
    }

    public static void seed(BenchStore store, Path dataDir, String productKey, int count) {
        SecretCipher cipher = SecretCipher.fromConfig(null, dataDir);
        try (Database database = Database.open(store.jdbcUrl(dataDir), store.user(), store.password(), 2)) {
            long productId = database.jdbi().withHandle(h -> h.createQuery(
                    "SELECT id FROM product WHERE product_key = :pk").bind("pk", productKey).mapTo(Long.class).one());
            long now = System.currentTimeMillis();
            for (int from = 0; from < count; from += 5000) {
                int until = Math.min(count, from + 5000);
                int first = from;
                database.jdbi().useTransaction(h -> {
                    PreparedBatch batch = h.prepareBatch("""
                            INSERT INTO device (iot_id, product_id, name, nickname, secret_enc, disabled, gmt_create, gmt_modified)
                            VALUES (:iotId, :productId, :name, NULL, :secret, FALSE, :now, :now)""");
                    for (int i = first; i < until; i++) {
                        String name = nameOf(i);
                        batch.bind("iotId", Ids.iotId()).bind("productId", productId).bind("name", name)
                                .bind("secret", cipher.encrypt(secretOf(name))).bind("now", now).add();
                    }
                    batch.execute();
                });
            }
        }
    }
}
