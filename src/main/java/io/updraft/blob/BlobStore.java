package io.updraft.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Where package files live: the local file system of one node, or an S3-compatible bucket shared by several.
 * Files move through streams and staged files only, never as whole byte arrays. Keys are relative paths of
 * {@code [A-Za-z0-9._-]} segments separated by {@code /} (see {@link BlobKeys}).
 */
public interface BlobStore extends AutoCloseable {

    /** Stores the staged file under the key, replacing any previous object; the staged file may be moved away. */
    void put(String key, Path stagedFile, long size) throws IOException;

    /** {@code length} bytes from {@code offset} (a Range read); {@code length < 0} reads to the end. */
    InputStream open(String key, long offset, long length) throws IOException;

    /** The object's size, or empty if there is no such object. */
    OptionalLong size(String key) throws IOException;

    /** Removes the object; removing a missing object is not an error. */
    void delete(String key) throws IOException;

    /** A short description for the start-up log, e.g. {@code local /var/lib/updraft/blobs}. */
    String describe();

    @Override
    default void close() {
    }
}
