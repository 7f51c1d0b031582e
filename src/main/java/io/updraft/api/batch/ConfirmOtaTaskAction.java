package io.updraft.api.batch;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.batch.TaskService;

/** ConfirmOTATask: up to 10 tasks of NeedConfirm batches go from CONFIRM to QUEUED. */
public final class ConfirmOtaTaskAction implements Action {
    private final TaskService tasks;

    public ConfirmOtaTaskAction(TaskService tasks) {
        this.tasks = tasks;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        tasks.confirm(ctx.accountId(), ctx.instanceId(), JobParameters.taskIds(ctx, TaskService.MAX_CONFIRM));
        return ActionResult.empty();
    }
}
