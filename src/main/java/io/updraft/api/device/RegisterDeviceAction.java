package io.updraft.api.device;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.device.Device;
import io.updraft.device.DeviceService;

import static io.updraft.api.ActionResult.object;

/** RegisterDevice: returns the device certificate (ProductKey, DeviceName, DeviceSecret) and its IotId. */
public final class RegisterDeviceAction implements Action {
    private final DeviceService devices;

    public RegisterDeviceAction(DeviceService devices) {
        this.devices = devices;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        Device d = devices.register(ctx.accountId(), ctx.instanceId(), ctx.required("ProductKey"),
                ctx.optional("DeviceName").orElse(null), ctx.optional("Nickname").orElse(null));
        return ActionResult.empty().put("Data", object(
                "IotId", d.iotId(),
                "ProductKey", d.productKey(),
                "DeviceName", d.name(),
                "DeviceSecret", d.secret(),
                "Nickname", d.nickname()));
    }
}
