package io.updraft.api.batch;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.batch.Job;
import io.updraft.batch.JobService;
import io.updraft.batch.JobType;
import io.updraft.batch.NewJob;

import java.util.List;

/**
 * CreateOTADynamicUpgradeJob: a batch with a policy that keeps taking devices on one of SrcVersion.N (now and
 * later, DynamicMode 1; only later, 2). Dynamic batches report TargetSelection ALL.
 */
public final class CreateOtaDynamicUpgradeJobAction implements Action {
    private final JobService jobs;

    public CreateOtaDynamicUpgradeJobAction(JobService jobs) {
        this.jobs = jobs;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        String firmwareId = ctx.required("FirmwareId");
        String productKey = ctx.required("ProductKey");
        NewJob spec = new NewJob(JobType.UPGRADE, Job.DYNAMIC, productKey, firmwareId, "ALL", List.of(), null,
                null, ctx.optional("GroupId").orElse(null), ctx.optional("GroupType").orElse(null),
                ctx.list("SrcVersion"), ctx.optionalInt("DynamicMode").orElse(null), null, null,
                ctx.optionalInt("TimeoutInMinutes").orElse(null), ctx.optionalInt("RetryInterval").orElse(null),
                ctx.optionalInt("RetryCount").orElse(null), ctx.optionalInt("MaximumPerMinute").orElse(null),
                ctx.optionalBoolean("NeedPush").orElse(null), ctx.optionalBoolean("NeedConfirm").orElse(null),
                ctx.optionalInt("OverwriteMode").orElse(null), ctx.optionalBoolean("MultiModuleMode").orElse(null),
                ctx.optional("DownloadProtocol").orElse(null), JobParameters.tags(ctx, "Tag"));
        return JobCreated.of(jobs.create(ctx.accountId(), ctx.instanceId(), spec));
    }
}
