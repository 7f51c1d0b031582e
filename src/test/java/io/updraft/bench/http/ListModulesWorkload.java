package io.updraft.bench.http;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** ListOTAModuleByProduct on one product, over and over; also what the baseline is sent. */
public final class ListModulesWorkload implements Workload {
    private final RequestSigner signer;
    private final String productKey;
    private final double v3Share;

    public ListModulesWorkload(RequestSigner signer, String productKey, double v3Share) {
        this.signer = signer;
        this.productKey = productKey;
        this.v3Share = v3Share;
    }

    @Override
    public byte[] next(int worker) {
        return signer.sign(ThreadLocalRandom.current().nextDouble() < v3Share, "ListOTAModuleByProduct",
                Map.of("ProductKey", productKey));
    }
}
