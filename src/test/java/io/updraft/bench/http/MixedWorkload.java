package io.updraft.bench.http;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Reads (ListOTAModuleByProduct) and writes (CreateOTAModule, then DeleteOTAModule) over many products. */
public final class MixedWorkload implements Workload {
    private final RequestSigner signer;
    private final ModuleWrites writes;
    private final List<String> productKeys;
    private final double v3Share;
    private final double writeShare;

    public MixedWorkload(RequestSigner signer, List<String> productKeys, double v3Share, double writeShare,
                         int workers) {
        this.signer = signer;
        this.writes = new ModuleWrites(signer, workers);
        this.productKeys = productKeys;
        this.v3Share = v3Share;
        this.writeShare = writeShare;
    }

    @Override
    public byte[] next(int worker) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean v3 = random.nextDouble() < v3Share;
        String product = productKeys.get(random.nextInt(productKeys.size()));
        if (random.nextDouble() < writeShare) {
            return writes.hasPending(worker) ? writes.delete(worker, v3) : writes.create(worker, product, v3);
        }
        return signer.sign(v3, "ListOTAModuleByProduct", Map.of("ProductKey", product));
    }

    @Override
    public void completed(int worker, int status) {
        writes.completed(worker, status);
    }
}
