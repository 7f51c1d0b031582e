package io.updraft.ota;

/** A custom OTA module: an updatable unit of a product's devices. The built-in {@code default} is not stored. */
public record OtaModule(String productKey, String name, String aliasName, String description,
                        long gmtCreate, long gmtModified) {
    public static final String DEFAULT = "default";
}
