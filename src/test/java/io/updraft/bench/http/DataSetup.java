package io.updraft.bench.http;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/** Products and modules created through the API before a scenario is measured, on a few connections at once. */
public final class DataSetup {
    private static final int CONNECTIONS = 8;

    private DataSetup() {
    }

    public static String productWithModules(ApiCaller api, String prefix, int modules) {
        String key = api.createProduct(prefix + "_" + UUID.randomUUID().toString().substring(0, 6));
        for (int m = 0; m < modules; m++) {
            api.createModule(key, "module" + m);
        }
        return key;
    }

    /** {@code count} products with {@code modulesEach} modules each, in creation order. */
    public static List<String> products(Supplier<ApiCaller> connect, String prefix, int count, int modulesEach) {
        String run = UUID.randomUUID().toString().substring(0, 6);
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            List<Future<List<String>>> parts = new ArrayList<>();
            for (int part = 0; part < CONNECTIONS; part++) {
                int first = part;
                parts.add(pool.submit(() -> {
                    List<String> keys = new ArrayList<>();
                    try (ApiCaller api = connect.get()) {
                        for (int i = first; i < count; i += CONNECTIONS) {
                            String key = api.createProduct(prefix + "_" + run + "_" + i);
                            for (int m = 0; m < modulesEach; m++) {
                                api.createModule(key, "module" + m);
                            }
                            keys.add(key);
                        }
                    }
                    return keys;
                }));
            }
            List<String> all = new ArrayList<>(count);
            for (Future<List<String>> part : parts) {
                all.addAll(part.get());
            }
            return all;
        } catch (Exception e) {
            throw new IllegalStateException("setting up " + prefix + " products failed", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
