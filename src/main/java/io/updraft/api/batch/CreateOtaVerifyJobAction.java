package io.updraft.api.batch;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.batch.Job;
import io.updraft.batch.JobService;
import io.updraft.batch.JobType;
import io.updraft.batch.NewJob;

import java.util.List;

/** CreateOTAVerifyJob: a verification batch over 1 to 10 named devices; the package becomes "verifying". */
public final class CreateOtaVerifyJobAction implements Action {
    private final JobService jobs;

    public CreateOtaVerifyJobAction(JobService jobs) {
        this.jobs = jobs;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        String firmwareId = ctx.required("FirmwareId");
        String productKey = ctx.required("ProductKey");
        List<String> devices = JobParameters.requiredList(ctx, "TargetDeviceName");
        NewJob spec = new NewJob(JobType.VERIFY, Job.STATIC, productKey, firmwareId, "SPECIFIC", devices, null,
                null, null, null, List.of(), null, null, null,
                ctx.optionalInt("TimeoutInMinutes").orElse(null), null, null, null,
                ctx.optionalBoolean("NeedPush").orElse(null), ctx.optionalBoolean("NeedConfirm").orElse(null),
                null, null, ctx.optional("DownloadProtocol").orElse(null), JobParameters.tags(ctx, "Tag"));
        return JobCreated.of(jobs.create(ctx.accountId(), ctx.instanceId(), spec));
    }
}
