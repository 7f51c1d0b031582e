package io.updraft.bench.http;

import java.util.Map;

/**
 * Per-worker CreateOTAModule / DeleteOTAModule alternation: a worker deletes the module it created before creating
 * another, so no product ever fills up, and names are unique per worker so workers never collide.
 */
final class ModuleWrites {
    private final RequestSigner signer;
    private final String[] pendingProduct;
    private final String[] pendingModule;
    private final long[] sequence;
    private final boolean[] deleting;
    private final boolean[] inFlight; // the worker's last request was a write (mixed loads interleave reads)

    ModuleWrites(RequestSigner signer, int workers) {
        this.signer = signer;
        this.pendingProduct = new String[workers];
        this.pendingModule = new String[workers];
        this.sequence = new long[workers];
        this.deleting = new boolean[workers];
        this.inFlight = new boolean[workers];
    }

    boolean hasPending(int worker) {
        return pendingModule[worker] != null;
    }

    byte[] create(int worker, String productKey, boolean v3) {
        String name = "w" + worker + "n" + sequence[worker]++;
        pendingProduct[worker] = productKey;
        pendingModule[worker] = name;
        deleting[worker] = false;
        inFlight[worker] = true;
        return signer.sign(v3, "CreateOTAModule", Map.of("ProductKey", productKey, "ModuleName", name));
    }

    byte[] delete(int worker, boolean v3) {
        deleting[worker] = true;
        inFlight[worker] = true;
        return signer.sign(v3, "DeleteOTAModule",
                Map.of("ProductKey", pendingProduct[worker], "ModuleName", pendingModule[worker]));
    }

    /** A failed create leaves nothing to delete; a delete, failed or not, is not retried. */
    void completed(int worker, int status) {
        if (!inFlight[worker]) {
            return;
        }
        inFlight[worker] = false;
        if (deleting[worker] || status != 200) {
            pendingModule[worker] = null;
        }
    }
}
