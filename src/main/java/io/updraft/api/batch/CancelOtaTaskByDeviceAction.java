package io.updraft.api.batch;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.batch.TaskService;

import java.util.List;

/** CancelOTATaskByDevice: the QUEUED, NOTIFIED and IN_PROGRESS tasks of a package for up to 200 devices. */
public final class CancelOtaTaskByDeviceAction implements Action {
    static final int MAX_DEVICE_NAMES = 200;
    private final TaskService tasks;

    public CancelOtaTaskByDeviceAction(TaskService tasks) {
        this.tasks = tasks;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        String firmwareId = ctx.required("FirmwareId");
        String productKey = ctx.required("ProductKey");
        List<String> names = JobParameters.deviceNames(JobParameters.requiredList(ctx, "DeviceName"), "DeviceName",
                MAX_DEVICE_NAMES);
        tasks.cancelByDevice(ctx.accountId(), ctx.instanceId(), firmwareId, productKey, names,
                ctx.optional("JobId").filter(id -> !id.isEmpty()).orElse(null));
        return ActionResult.empty();
    }
}
