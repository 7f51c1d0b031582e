package io.updraft.api.batch;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.batch.Job;
import io.updraft.batch.JobService;
import io.updraft.batch.JobType;
import io.updraft.batch.NewJob;

/**
 * CreateOTAStaticUpgradeJob: a batch over the devices that match now (ALL, SPECIFIC by TargetDeviceName.N or a
 * device-list file, GRAY by percentage), optionally scheduled.
 */
public final class CreateOtaStaticUpgradeJobAction implements Action {
    private final JobService jobs;

    public CreateOtaStaticUpgradeJobAction(JobService jobs) {
        this.jobs = jobs;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        String firmwareId = ctx.required("FirmwareId");
        String productKey = ctx.required("ProductKey");
        String targetSelection = ctx.required("TargetSelection");
        NewJob spec = new NewJob(JobType.UPGRADE, Job.STATIC, productKey, firmwareId, targetSelection,
                ctx.list("TargetDeviceName"), ctx.optional("DnListFileUrl").orElse(null),
                ctx.optional("GrayPercent").orElse(null), ctx.optional("GroupId").orElse(null),
                ctx.optional("GroupType").orElse(null), ctx.list("SrcVersion"), null,
                ctx.optionalLong("ScheduleTime").orElse(null), ctx.optionalLong("ScheduleFinishTime").orElse(null),
                ctx.optionalInt("TimeoutInMinutes").orElse(null), ctx.optionalInt("RetryInterval").orElse(null),
                ctx.optionalInt("RetryCount").orElse(null), ctx.optionalInt("MaximumPerMinute").orElse(null),
                ctx.optionalBoolean("NeedPush").orElse(null), ctx.optionalBoolean("NeedConfirm").orElse(null),
                ctx.optionalInt("OverwriteMode").orElse(null), ctx.optionalBoolean("MultiModuleMode").orElse(null),
                ctx.optional("DownloadProtocol").orElse(null), JobParameters.tags(ctx, "Tag"));
        return JobCreated.of(jobs.create(ctx.accountId(), ctx.instanceId(), spec));
    }
}
