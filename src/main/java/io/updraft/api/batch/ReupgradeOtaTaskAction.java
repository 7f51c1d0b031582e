package io.updraft.api.batch;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.batch.TaskService;

/** ReupgradeOTATask: up to 10 FAILED tasks of one batch are queued again. */
public final class ReupgradeOtaTaskAction implements Action {
    private final TaskService tasks;

    public ReupgradeOtaTaskAction(TaskService tasks) {
        this.tasks = tasks;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        String jobId = ctx.required("JobId");
        tasks.reupgrade(ctx.accountId(), ctx.instanceId(), jobId, JobParameters.taskIds(ctx, TaskService.MAX_REUPGRADE));
        return ActionResult.empty();
    }
}
