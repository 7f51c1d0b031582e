package io.updraft.blob;

import java.util.regex.Pattern;

/** Blob keys are built by Updraft, but they also arrive from the network (upload forms, download URLs): check them. */
public final class BlobKeys {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}(/[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}){0,5}");

    private BlobKeys() {
    }

    /** No empty, hidden or {@code ..} segments, so a key can never leave the store's root directory. */
    public static boolean isValid(String key) {
        return key != null && key.length() <= 200 && KEY.matcher(key).matches();
    }

    public static String require(String key) {
        if (!isValid(key)) {
            throw new IllegalArgumentException("invalid blob key");
        }
        return key;
    }
}
