package io.updraft.cluster;

import io.updraft.store.Ids;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

/**
 * The id of this node in the cluster: the store records which node holds each device's MQTT connection under it,
 * and heartbeats under it. It lives in {@code <data dir>/node.id} (created on first start), so a restarted node
 * is the same node and clears what its previous run left, and nothing else; configuration may set it instead.
 */
public record NodeIdentity(String id) {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final String FILE = "node.id";

    public NodeIdentity {
        if (id == null || !VALID.matcher(id).matches()) {
            throw new IllegalArgumentException("a node id is 1 to 64 letters, digits, '.', '_' or '-', not: " + id);
        }
    }

    /** The configured id if there is one, else the data dir's, created on first use. */
    public static NodeIdentity of(Path dataDir, String configured) {
        if (configured != null && !configured.isBlank()) {
            return new NodeIdentity(configured.trim());
        }
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                // written aside and moved, so a crash never leaves an empty or half-written id behind
                Path draft = dataDir.resolve(FILE + ".new");
                Files.writeString(draft, "node-" + Ids.alnum(12).toLowerCase(java.util.Locale.ROOT) + "\n");
                Files.move(draft, file, StandardCopyOption.ATOMIC_MOVE);
            }
            return new NodeIdentity(Files.readString(file).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}
