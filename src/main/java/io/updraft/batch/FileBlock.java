package io.updraft.batch;

/** A block of a package file for the MQTT download (ota-api.md §F.6): the bytes from {@code offset}, of a file of {@code fileLength}. */
public record FileBlock(byte[] data, long offset, long fileLength) {
}
