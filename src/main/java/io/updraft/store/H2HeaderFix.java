package io.updraft.store;

import org.h2.mvstore.DataUtils;
import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;

/**
 * An H2 file system ({@code jdbc:h2:updraft-durable:/path}) that passes everything to the plain file system and
 * closes a gap in H2's crash recovery, so that a commit that returned survives {@code kill -9}.
 * <p>
 * The gap (H2 2.x MVStore, seen in 2.5.252): every commit writes a <em>chunk</em>; recovery after a crash starts
 * from the chunk that the file header names or whose footer ends the file, and follows each chunk's {@code next}
 * field, the place the chunk predicted for its successor. When a commit's chunk goes into reused space elsewhere
 * than predicted (the free space changed in between: a chunk fell out of use, a close compacted the file), H2 does
 * rewrite the header, but it writes it before it takes the new chunk as its last one, so the header names the
 * <em>previous</em> chunk, whose {@code next} does not lead to the new one. Until the header is rewritten again
 * (20 versions later) a crash loses that chunk and every chunk after it: every commit since, although each had
 * returned. Measured before this fix: 131 of 27,967 acknowledged inserts lost in 100 kill rounds.
 * <p>
 * The fix, here, where H2 writes: when H2 writes a chunk that is newer than any chunk this file has read or
 * written and that does not end the file, the header is rewritten to name it (in H2's own format and checksum);
 * and a header that H2 writes naming an older chunk than the one the header already names is corrected to the
 * newer one. Moved chunks (compaction) are never newer than a chunk already seen, so H2's own handling of moves is
 * left alone. Everything else, and every file other than {@code *.mv.db}, passes through unchanged.
 */
public final class H2HeaderFix extends FilePathWrapper {
    static final String SCHEME = "updraft-durable";
    private static final int BLOCK_SIZE = 4096;
    private static final int HEADER_BYTES = 2 * BLOCK_SIZE;
    private static final byte[] CHUNK_MARK = "chunk:".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] HEADER_MARK = "H:".getBytes(StandardCharsets.ISO_8859_1);

    static {
        FilePath.register(new H2HeaderFix());
    }

    /** Makes the scheme known to H2 in this JVM (once; later calls do nothing). */
    static void register() {
        // the static initializer does the work
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        FileChannel channel = getBase().open(mode);
        return name.endsWith(".mv.db") ? new StoreFile(channel) : channel;
    }

    /** The MVStore file: every call goes to the real channel; chunk and header writes are watched. */
    private static final class StoreFile extends FileBase {
        private final FileChannel file;
        /** The newest chunk version this channel has read or written, -1 before the first. */
        private long newestSeen = -1;
        /** Block, id and version of the chunk this channel last made the header name; version -1 if none. */
        private long namedBlock;
        private long namedId;
        private long namedVersion = -1;

        StoreFile(FileChannel file) {
            this.file = file;
        }

        @Override
        public synchronized int read(ByteBuffer dst, long position) throws IOException {
            int start = dst.position();
            int read = file.read(dst, position);
            if (read > 0 && position % BLOCK_SIZE == 0) {
                noteRead(dst, start, read, position);
            }
            return read;
        }

        @Override
        public synchronized int write(ByteBuffer src, long position) throws IOException {
            if (position == 0 && startsWith(src, HEADER_MARK)) {
                return writeHeader(src);
            }
            if (position >= HEADER_BYTES && position % BLOCK_SIZE == 0 && startsWith(src, CHUNK_MARK)) {
                return writeChunk(src, position);
            }
            return file.write(src, position);
        }

        private void noteRead(ByteBuffer dst, int start, int length, long position) {
            byte[] bytes = new byte[Math.min(length, 1024)];
            dst.duplicate().position(start).get(bytes);
            String first = firstLine(bytes);
            if (first == null) {
                return;
            }
            if (position == 0 && first.startsWith("H:")) {
                see(version(first));
            } else if (position >= HEADER_BYTES && first.startsWith("chunk:")) {
                see(version(first));
            }
        }

        private void see(long version) {
            newestSeen = Math.max(newestSeen, version);
        }

        private int writeChunk(ByteBuffer src, long position) throws IOException {
            byte[] head = new byte[Math.min(src.remaining(), 1024)];
            src.duplicate().get(head);
            String line = firstLine(head);
            int written = writeFully(src, position);
            HashMap<String, String> chunk = line == null ? null : parse(line);
            if (chunk == null || !chunk.containsKey("len") || !chunk.containsKey("version")
                    || !chunk.containsKey("chunk")) {
                return written;
            }
            // the chunk's block is where it is written (a chunk's header in the file does not repeat it)
            long block = position / BLOCK_SIZE;
            long version = DataUtils.parseHexLong(chunk.get("version"));
            long length = DataUtils.parseHexLong(chunk.get("len")) * BLOCK_SIZE;
            boolean newer = version > newestSeen;
            see(version);
            // A chunk that ends the file is found by recovery through its footer; one inside the file only
            // through the header or its predecessor's prediction, which is what fails: name it in the header.
            if (newer && position + length < file.size()) {
                namedBlock = block;
                namedId = DataUtils.parseHexLong(chunk.get("chunk"));
                namedVersion = version;
                writeFully(header(readHeaderLine()), 0);
            }
            return written;
        }

        private int writeHeader(ByteBuffer src) throws IOException {
            byte[] bytes = new byte[Math.min(src.remaining(), BLOCK_SIZE)];
            src.duplicate().get(bytes);
            String line = firstLine(bytes);
            HashMap<String, String> header = line == null ? null : parse(line);
            if (header == null || !header.containsKey("version") || namedVersion < 0
                    || DataUtils.parseHexLong(header.get("version")) >= namedVersion) {
                if (header != null && header.containsKey("version")) {
                    see(DataUtils.parseHexLong(header.get("version")));
                }
                return writeFully(src, 0);
            }
            // H2 names an older chunk than the header already names (its own header write for our chunk, which
            // names the chunk before it): keep naming the newer one.
            int length = src.remaining();
            writeFully(header(line), 0);
            src.position(src.position() + length);
            return length;
        }

        private String readHeaderLine() throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(BLOCK_SIZE);
            while (buffer.hasRemaining() && file.read(buffer, buffer.position()) > 0) {
                // read the first block
            }
            String line = firstLine(buffer.array());
            if (line == null) {
                throw new IOException("H2 store header not readable");
            }
            return line;
        }

        /** The two copies of H2's store header with {@code line}'s fields, naming the chunk last named here. */
        private ByteBuffer header(String line) {
            HashMap<String, String> fields = parse(line);
            if (fields == null) {
                throw new IllegalStateException("H2 store header not parseable: " + line);
            }
            fields.remove("fletcher");
            fields.remove("clean");
            fields.put("block", Long.toHexString(namedBlock));
            fields.put("chunk", Long.toHexString(namedId));
            fields.put("version", Long.toHexString(namedVersion));
            StringBuilder text = DataUtils.appendMap(new StringBuilder(), fields);
            byte[] unsigned = text.toString().getBytes(StandardCharsets.ISO_8859_1);
            DataUtils.appendMap(text, "fletcher", DataUtils.getFletcher32(unsigned, 0, unsigned.length));
            text.append('\n');
            byte[] bytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);
            ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES);
            buffer.put(bytes).position(BLOCK_SIZE);
            buffer.put(bytes).rewind();
            return buffer;
        }

        private int writeFully(ByteBuffer src, long position) throws IOException {
            int total = 0;
            while (src.hasRemaining()) {
                total += file.write(src, position + total);
            }
            return total;
        }

        private static boolean startsWith(ByteBuffer buffer, byte[] mark) {
            if (buffer.remaining() < mark.length) {
                return false;
            }
            for (int i = 0; i < mark.length; i++) {
                if (buffer.get(buffer.position() + i) != mark[i]) {
                    return false;
                }
            }
            return true;
        }

        private static String firstLine(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    return new String(bytes, 0, i, StandardCharsets.ISO_8859_1).trim();
                }
            }
            return null;
        }

        private static HashMap<String, String> parse(String line) {
            try {
                return DataUtils.parseMap(line);
            } catch (RuntimeException e) {
                return null;
            }
        }

        private static long version(String line) {
            HashMap<String, String> fields = parse(line);
            String version = fields == null ? null : fields.get("version");
            return version == null ? -1 : DataUtils.parseHexLong(version);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return file.read(dst);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return file.write(src);
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            file.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            file.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            file.force(metaData);
        }

        @Override
        public synchronized FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return file.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }
}
