package io.updraft.api.batch;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.batch.Job;
import io.updraft.batch.JobService;
import io.updraft.error.ApiException;
import io.updraft.error.ErrorCode;

import java.util.List;
import java.util.Locale;

/**
 * UpdateOTAJob (newer than both SDKs): rate, timeout, tags and (dynamic) source versions of an unfinished batch.
 * UpgradeType and TargetSelection name the batch's kind and cannot change it. As documented, absent Tags.N clear the
 * tags; absent SrcVersionList.N keep the source versions.
 */
public final class UpdateOtaJobAction implements Action {
    private final JobService jobs;

    public UpdateOtaJobAction(JobService jobs) {
        this.jobs = jobs;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        String jobId = ctx.required("JobId");
        String upgradeType = ctx.required("UpgradeType");
        String targetSelection = ctx.required("TargetSelection");
        int maximumPerMinute = ctx.requiredInt("MaximumPerMinute");
        Integer timeout = ctx.optionalInt("TimeoutInMinutes").orElse(null);
        List<String> srcVersionList = ctx.list("SrcVersionList");
        List<String> srcVersions = srcVersionList.isEmpty() ? null : srcVersionList;
        var tags = JobParameters.tags(ctx, "Tags");
        String instanceId = ctx.instanceId();
        Job job = jobs.get(ctx.accountId(), instanceId, jobId);
        if (!upgradeType.equalsIgnoreCase(job.selectionType())) {
            throw new ApiException(ErrorCode.UPGRADE_TYPE_INVALID, job.selectionType());
        }
        if (!targetSelection.equalsIgnoreCase(job.targetSelection())) {
            throw new ApiException(ErrorCode.OPERATION_FORBIDDEN, "TargetSelection cannot be changed: this job's is "
                    + job.targetSelection() + ", not " + targetSelection.toUpperCase(Locale.ROOT) + ".");
        }
        jobs.update(ctx.accountId(), instanceId, jobId, maximumPerMinute, timeout, srcVersions, tags);
        return ActionResult.empty();
    }
}
