package io.updraft.api.ota;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.firmware.FirmwareService;

import java.time.Clock;

/** ModifyOTAFirmware (newer than SDK 7.47.0): rename, describe, or change the UDI of a package. */
public final class ModifyOtaFirmwareAction implements Action {
    private final FirmwareService firmware;
    private final Clock clock;

    public ModifyOtaFirmwareAction(FirmwareService firmware, Clock clock) {
        this.firmware = firmware;
        this.clock = clock;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        String firmwareId = ctx.required("FirmwareId");
        String productKey = ctx.required("ProductKey");
        firmware.modify(ctx.accountId(), ctx.instanceId(), firmwareId, productKey,
                ctx.optional("FirmwareName").orElse(null), ctx.optional("FirmwareDesc").orElse(null),
                ctx.optional("FirmwareUdi").orElse(null), clock.millis());
        return ActionResult.empty();
    }
}
