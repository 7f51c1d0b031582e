package io.updraft.bench.http;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Products and modules created through the API before a scenario is measured. */
public final class DataSetup {
    private DataSetup() {
    }

    public static String productWithModules(ApiCaller api, String prefix, int modules) {
        return products(api, prefix, 1, modules).get(0);
    }

    public static List<String> products(ApiCaller api, String prefix, int count, int modulesEach) {
        List<String> keys = new ArrayList<>(count);
        String run = UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < count; i++) {
            String key = api.createProduct(prefix + "_" + run + "_" + i);
            for (int m = 0; m < modulesEach; m++) {
                api.createModule(key, "module" + m);
            }
            keys.add(key);
        }
        return keys;
    }
}
