package io.updraft.batch;

import java.util.List;

/**
 * Upgrade batches as the API sees them: creation (verify, static, dynamic) with the rules of ota-api.md §B.4,
 * lookup and lists within the caller's account and instance, and the batch-level changes.
 */
public final class JobService {

    public Job create(String accountId, String instanceId, NewJob spec) {
        throw new UnsupportedOperationException("batch engine: in progress");
    }

    /** The batch with that JobId in the caller's account and instance, else {@code iot.ota.InvalidJobId}. */
    public Job get(String accountId, String instanceId, String jobId) {
        throw new UnsupportedOperationException("batch engine: in progress");
    }

    public Page<Job> listByFirmware(String accountId, String instanceId, String firmwareId, int currentPage, int pageSize) {
        throw new UnsupportedOperationException("batch engine: in progress");
    }

    public Page<Job> listByDevice(String accountId, String instanceId, String firmwareId, String productKey,
                                  String deviceName, int currentPage, int pageSize) {
        throw new UnsupportedOperationException("batch engine: in progress");
    }

    /** CancelOTAStrategyByJob: a dynamic batch stops matching devices; JobStatus becomes CANCELED. */
    public void cancelStrategy(String accountId, String instanceId, String jobId) {
        throw new UnsupportedOperationException("batch engine: in progress");
    }

    /** UpdateOTAJob: rate, timeout, tags and (dynamic) source versions of a batch that is not finished. */
    public void update(String accountId, String instanceId, String jobId, int maximumPerMinute, Integer timeoutMinutes,
                       List<String> srcVersions, List<Tag> tags) {
        throw new UnsupportedOperationException("batch engine: in progress");
    }

    /** Task counts per state, for QueryOTAJob-side views (console, benchmarks). */
    public java.util.Map<TaskStatus, Integer> taskCounts(String accountId, String instanceId, String jobId) {
        throw new UnsupportedOperationException("batch engine: in progress");
    }
}
