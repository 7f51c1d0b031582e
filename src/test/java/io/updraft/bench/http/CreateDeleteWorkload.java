package io.updraft.bench.http;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** CreateOTAModule + DeleteOTAModule pairs, each pair on the next of many products. */
public final class CreateDeleteWorkload implements Workload {
    private final ModuleWrites writes;
    private final List<String> productKeys;
    private final double v3Share;
    private final int workers;
    private final long[] pairs;

    public CreateDeleteWorkload(RequestSigner signer, List<String> productKeys, double v3Share, int workers) {
        this.writes = new ModuleWrites(signer, workers);
        this.productKeys = productKeys;
        this.v3Share = v3Share;
        this.workers = workers;
        this.pairs = new long[workers];
    }

    @Override
    public byte[] next(int worker) {
        boolean v3 = ThreadLocalRandom.current().nextDouble() < v3Share;
        if (writes.hasPending(worker)) {
            return writes.delete(worker, v3);
        }
        // workers stride over the products, so at any moment they mostly write to different products
        int product = (int) ((worker + pairs[worker]++ * workers) % productKeys.size());
        return writes.create(worker, productKeys.get(product), v3);
    }

    @Override
    public void completed(int worker, int status) {
        writes.completed(worker, status);
    }
}
