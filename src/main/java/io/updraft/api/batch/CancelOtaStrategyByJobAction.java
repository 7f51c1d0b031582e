package io.updraft.api.batch;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.batch.JobService;

/** CancelOTAStrategyByJob: a dynamic batch stops taking devices and becomes CANCELED; the tasks it made are left to CancelOTATaskByJob. */
public final class CancelOtaStrategyByJobAction implements Action {
    private final JobService jobs;

    public CancelOtaStrategyByJobAction(JobService jobs) {
        this.jobs = jobs;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        String jobId = ctx.required("JobId");
        jobs.cancelStrategy(ctx.accountId(), ctx.instanceId(), jobId);
        return ActionResult.empty();
    }
}
