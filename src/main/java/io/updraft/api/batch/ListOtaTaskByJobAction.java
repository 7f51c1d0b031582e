package io.updraft.api.batch;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.batch.Page;
import io.updraft.batch.Task;
import io.updraft.batch.TaskService;
import io.updraft.batch.TaskStatus;

import java.util.List;

/**
 * ListOTATaskByJob: a batch's device tasks, optionally of one state; with DeviceNames.N (at most 50) just those
 * devices' tasks, and paging is ignored as documented (the answer is one page).
 */
public final class ListOtaTaskByJobAction implements Action {
    static final int MAX_PAGE_SIZE = 100;
    static final int MAX_DEVICE_NAMES = 50;
    private final TaskService tasks;

    public ListOtaTaskByJobAction(TaskService tasks) {
        this.tasks = tasks;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        String jobId = ctx.required("JobId");
        TaskStatus status = ctx.optional("TaskStatus").filter(s -> !s.isEmpty()).map(TaskStatuses::parse).orElse(null);
        List<String> names = JobParameters.deviceNames(ctx.list("DeviceNames"), "DeviceNames", MAX_DEVICE_NAMES);
        Paging paging = names.isEmpty() ? Paging.optionalWithDepthLimit(ctx, MAX_PAGE_SIZE)
                : new Paging(1, names.size());
        Page<Task> page = tasks.listByJob(ctx.accountId(), ctx.instanceId(), jobId, status, names,
                paging.currentPage(), paging.pageSize());
        return paging.render(page, "SimpleOTATaskInfo", page.items().stream().map(TaskView::ofJob).toList());
    }
}
