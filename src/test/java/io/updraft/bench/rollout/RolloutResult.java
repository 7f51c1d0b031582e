package io.updraft.bench.rollout;

/**
 * One store's rollout figures. {@code maximumPerMinute} is the batch's limit; the window maxima count pushes in any
 * 60 s window {@code [t, t + 60 s)}: by the task's {@code notified_at} in the server's store (what the limit is
 * defined on) and by arrival at the devices (adds delivery jitter). Times in ms unless named otherwise; the poll
 * interval bounds the resolution of the "until" figures.
 *
 * @param devices            devices in the product (the ALL batch's target), each a connected simulated device
 * @param connected          of them, connected and subscribed to their upgrade topic
 * @param downloads          devices that downloaded the package over HTTP before reporting (the others skip it)
 * @param createMs           CreateOTAStaticUpgradeJob's answer latency
 * @param allSucceededSeconds from the create answer until ListOTATaskByJob(SUCCEEDED) counted every device; NaN if not
 * @param pushDelayP50Ms   from the task's notified_at in the store to the push's arrival at its device
 * @param creation           the batch over a large product (no device connected), or null when not run
 */
public record RolloutResult(String store, int devices, int connected, int maximumPerMinute, int packageBytes,
                            int downloads, long createMs, int succeeded, int failed, double allSucceededSeconds,
                            int devicesPushed, int repeatedPushes, int maxNotifiedInWindow, int maxReceivedInWindow,
                            double pushDelayP50Ms, double pushDelayMaxMs, int deviceErrors,
                            Creation creation) {

    /**
     * A static ALL batch over {@code devices} devices: the create answer; until ListOTATaskByJob's Total reached
     * {@code devices}; then, at that size, the latency (p50 / max of {@code samples} calls) of ListOTATaskByJob's
     * page 1 (PageSize 100), of its state count (TaskStatus=QUEUED, PageSize 1) and of QueryOTAJob.
     */
    public record Creation(int devices, long createMs, long allTasksMs, int tasks, int samples, double listPage1P50Ms,
                           double listPage1MaxMs, double stateCountP50Ms, double stateCountMaxMs, double queryJobP50Ms,
                           double queryJobMaxMs) {
    }
}
