package io.updraft.api.ota;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.firmware.FirmwareService;
import io.updraft.firmware.PublicUrls;

import java.time.Clock;

/** QueryOTAFirmware: FirmwareInfo with fresh download links; MultiFiles a bare array (hide-item response). */
public final class QueryOtaFirmwareAction implements Action {
    private final FirmwareService firmware;
    private final FirmwareView view;

    public QueryOtaFirmwareAction(FirmwareService firmware, PublicUrls urls, Clock clock) {
        this.firmware = firmware;
        this.view = new FirmwareView(urls, clock);
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        String firmwareId = ctx.required("FirmwareId");
        return ActionResult.empty().put("FirmwareInfo",
                view.detail(firmware.query(ctx.accountId(), ctx.instanceId(), firmwareId)));
    }
}
