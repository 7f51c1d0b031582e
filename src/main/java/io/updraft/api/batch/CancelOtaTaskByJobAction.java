package io.updraft.api.batch;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.batch.CancelScope;
import io.updraft.batch.TaskService;
import io.updraft.error.ApiException;
import io.updraft.error.ErrorCode;

/** CancelOTATaskByJob: cancels a batch's tasks in the states the Cancel* flags name (at least one). */
public final class CancelOtaTaskByJobAction implements Action {
    private final TaskService tasks;

    public CancelOtaTaskByJobAction(TaskService tasks) {
        this.tasks = tasks;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        String jobId = ctx.required("JobId");
        CancelScope scope = new CancelScope(flag(ctx, "CancelScheduledTask"),
                ctx.optionalBoolean("CancelUnconfirmedTask").orElse(null), flag(ctx, "CancelQueuedTask"),
                flag(ctx, "CancelNotifiedTask"), flag(ctx, "CancelInProgressTask"));
        if (!scope.any()) {
            throw new ApiException(ErrorCode.CANCEL_SCOPE_EMPTY);
        }
        tasks.cancelByJob(ctx.accountId(), ctx.instanceId(), jobId, scope);
        return ActionResult.empty();
    }

    private static boolean flag(ActionContext ctx, String name) {
        return ctx.optionalBoolean(name).orElse(false);
    }
}
