package io.updraft.api.batch;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.batch.JobService;

/** QueryOTAJob: one batch's settings and state. */
public final class QueryOtaJobAction implements Action {
    private final JobService jobs;

    public QueryOtaJobAction(JobService jobs) {
        this.jobs = jobs;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        String jobId = ctx.required("JobId");
        return ActionResult.empty().put("Data", JobView.detail(jobs.get(ctx.accountId(), ctx.instanceId(), jobId)));
    }
}
