package io.updraft.api.batch;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.batch.Job;
import io.updraft.batch.JobService;
import io.updraft.batch.Page;

/** ListOTAJobByDevice: the batches of a package in which one device has a task, {@code Data.SimpleOTAJobInfo[]}. */
public final class ListOtaJobByDeviceAction implements Action {
    static final int MAX_PAGE_SIZE = 100;
    private final JobService jobs;

    public ListOtaJobByDeviceAction(JobService jobs) {
        this.jobs = jobs;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        String firmwareId = ctx.required("FirmwareId");
        String productKey = ctx.required("ProductKey");
        String deviceName = ctx.required("DeviceName");
        Paging paging = Paging.required(ctx, MAX_PAGE_SIZE);
        Page<Job> page = jobs.listByDevice(ctx.accountId(), ctx.instanceId(), firmwareId, productKey, deviceName,
                paging.currentPage(), paging.pageSize());
        return paging.render(page, "SimpleOTAJobInfo", page.items().stream().map(JobView::summary).toList());
    }
}
