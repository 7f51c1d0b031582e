package io.updraft.api.ota;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.firmware.FirmwareService;

/** DeleteOTAFirmware: common response fields only; the package's files go once no package uses them. */
public final class DeleteOtaFirmwareAction implements Action {
    private final FirmwareService firmware;

    public DeleteOtaFirmwareAction(FirmwareService firmware) {
        this.firmware = firmware;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        String firmwareId = ctx.required("FirmwareId");
        firmware.delete(ctx.accountId(), ctx.instanceId(), firmwareId);
        return ActionResult.empty();
    }
}
