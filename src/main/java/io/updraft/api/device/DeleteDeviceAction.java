package io.updraft.api.device;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.device.DeviceService;

/** DeleteDevice: by IotId or ProductKey + DeviceName; the device's reported versions go with it. */
public final class DeleteDeviceAction implements Action {
    private final DeviceService devices;

    public DeleteDeviceAction(DeviceService devices) {
        this.devices = devices;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        devices.delete(ctx.accountId(), ctx.instanceId(), DeviceParameters.ref(ctx));
        return ActionResult.empty();
    }
}
