package io.updraft.batch;

/** A batch tag: sent to devices in the push's {@code extData}. */
public record Tag(String key, String value) {
}
