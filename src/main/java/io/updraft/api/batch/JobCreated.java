package io.updraft.api.batch;

import io.updraft.api.ActionResult;
import io.updraft.api.ota.FirmwareTimes;
import io.updraft.batch.Job;

import static io.updraft.api.ActionResult.object;

/** What the three batch creators answer: {@code Data.JobId} and {@code Data.UtcCreate}. */
final class JobCreated {
    private JobCreated() {
    }

    static ActionResult of(Job job) {
        return ActionResult.empty().put("Data", object("JobId", job.jobId(), "UtcCreate", FirmwareTimes.utc(job.gmtCreate())));
    }
}
