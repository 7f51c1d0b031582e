package io.updraft.api.batch;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.batch.Job;
import io.updraft.batch.JobService;
import io.updraft.batch.Page;

/** ListOTAJobByFirmware: the verify and upgrade batches of a package, {@code Data.SimpleOTAJobInfo[]}. */
public final class ListOtaJobByFirmwareAction implements Action {
    static final int MAX_PAGE_SIZE = 200;
    private final JobService jobs;

    public ListOtaJobByFirmwareAction(JobService jobs) {
        this.jobs = jobs;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        String firmwareId = ctx.required("FirmwareId");
        Paging paging = Paging.required(ctx, MAX_PAGE_SIZE);
        Page<Job> page = jobs.listByFirmware(ctx.accountId(), ctx.instanceId(), firmwareId, paging.currentPage(),
                paging.pageSize());
        return paging.render(page, "SimpleOTAJobInfo", page.items().stream().map(JobView::summary).toList());
    }
}
