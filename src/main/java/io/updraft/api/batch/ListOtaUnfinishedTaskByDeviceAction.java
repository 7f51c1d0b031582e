package io.updraft.api.batch;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.batch.TaskService;
import io.updraft.batch.TaskStatus;
import io.updraft.device.DeviceRef;
import io.updraft.error.ApiException;
import io.updraft.error.ErrorCode;
import io.updraft.ota.OtaModuleService;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.updraft.api.ActionResult.object;

/**
 * ListOTAUnfinishedTaskByDevice: a device's CONFIRM, QUEUED, NOTIFIED and IN_PROGRESS tasks, optionally of one
 * module and of the states in TaskStatus / TaskStatusList.N; {@code Data.SimpleOTATaskInfo[]}, no paging.
 */
public final class ListOtaUnfinishedTaskByDeviceAction implements Action {
    private final TaskService tasks;

    public ListOtaUnfinishedTaskByDeviceAction(TaskService tasks) {
        this.tasks = tasks;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        DeviceRef device = new DeviceRef(ctx.optional("IotId").orElse(null), ctx.optional("ProductKey").orElse(null),
                ctx.optional("DeviceName").orElse(null));
        if (!device.byIotId() && (isEmpty(device.productKey()) || isEmpty(device.deviceName()))) {
            throw new ApiException(ErrorCode.EMPTY_DEVICE_INFO);
        }
        String module = ctx.optional("ModuleName").orElse(null);
        if (module != null) {
            OtaModuleService.checkName(module);
        }
        List<String> requested = new ArrayList<>(ctx.list("TaskStatusList"));
        ctx.optional("TaskStatus").filter(s -> !s.isEmpty()).ifPresent(requested::add);
        Set<TaskStatus> statuses = EnumSet.noneOf(TaskStatus.class);
        for (String value : requested) {
            TaskStatus status = TaskStatuses.parse(value);
            if (!status.unfinished()) {
                throw new ApiException(ErrorCode.TASK_STATUS_INVALID,
                        value + " (this list has only CONFIRM, QUEUED, NOTIFIED and IN_PROGRESS tasks)");
            }
            statuses.add(status);
        }
        var items = tasks.unfinishedByDevice(ctx.accountId(), ctx.instanceId(), device, module, statuses).stream()
                .map(TaskView::ofDevice).toList();
        return ActionResult.empty().put("Data", object("SimpleOTATaskInfo", items));
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }
}
