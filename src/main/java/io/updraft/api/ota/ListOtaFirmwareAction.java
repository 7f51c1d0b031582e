package io.updraft.api.ota;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.error.ApiException;
import io.updraft.error.ErrorCode;
import io.updraft.firmware.FirmwareService;
import io.updraft.firmware.PublicUrls;

import java.time.Clock;

import static io.updraft.api.ActionResult.object;

/** ListOTAFirmware: newest first; {@code FirmwareInfo.SimpleFirmwareInfo[]} (show-item response). */
public final class ListOtaFirmwareAction implements Action {
    static final int MAX_PAGE_SIZE = 100;
    private final FirmwareService firmware;
    private final FirmwareView view;

    public ListOtaFirmwareAction(FirmwareService firmware, PublicUrls urls, Clock clock) {
        this.firmware = firmware;
        this.view = new FirmwareView(urls, clock);
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        int pageSize = ctx.requiredInt("PageSize");
        int currentPage = ctx.requiredInt("CurrentPage");
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE || currentPage < 1) {
            throw new ApiException(ErrorCode.INVALID_PAGE_PARAMS,
                    "PageSize must be 1 to " + MAX_PAGE_SIZE + " and CurrentPage at least 1.");
        }
        FirmwareService.Page page = firmware.list(ctx.accountId(), ctx.instanceId(),
                ctx.optional("ProductKey").orElse(null), ctx.optional("DestVersion").orElse(null), currentPage, pageSize);
        return ActionResult.empty()
                .put("CurrentPage", currentPage)
                .put("PageSize", pageSize)
                .put("PageCount", (page.total() + pageSize - 1) / pageSize)
                .put("Total", page.total())
                .put("FirmwareInfo", object("SimpleFirmwareInfo", page.items().stream().map(view::summary).toList()));
    }
}
