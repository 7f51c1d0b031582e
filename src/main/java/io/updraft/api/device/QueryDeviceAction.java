package io.updraft.api.device;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.device.DeviceService;

import static io.updraft.api.ActionResult.object;
import static io.updraft.api.device.DeviceParameters.GMT_LIST;
import static io.updraft.api.device.DeviceParameters.UTC;
import static io.updraft.api.device.DeviceParameters.format;

/**
 * QueryDevice: a page of a product's devices, paging fields at the top level and Data.DeviceInfo[]. Offset paging
 * works at any depth, so NextToken is accepted and ignored, and never returned.
 */
public final class QueryDeviceAction implements Action {
    private final DeviceService devices;

    public QueryDeviceAction(DeviceService devices) {
        this.devices = devices;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        int currentPage = ctx.optionalInt("CurrentPage").orElse(1);
        int pageSize = ctx.optionalInt("PageSize").orElse(10);
        DeviceService.Page page = devices.list(ctx.accountId(), ctx.instanceId(), ctx.required("ProductKey"),
                currentPage, pageSize);
        var items = page.devices().stream().map(d -> object(
                "DeviceId", d.iotId(),
                "DeviceSecret", d.secret(),
                "ProductKey", d.productKey(),
                "DeviceStatus", d.status().name(),
                "DeviceName", d.name(),
                "GmtCreate", format(GMT_LIST, d.gmtCreate()),
                "GmtModified", format(GMT_LIST, d.gmtModified()),
                "UtcCreate", format(UTC, d.gmtCreate()),
                "UtcModified", format(UTC, d.gmtModified()),
                "IotId", d.iotId(),
                "Nickname", d.nickname())).toList();
        return ActionResult.empty()
                .put("Total", page.total())
                .put("PageSize", pageSize)
                .put("PageCount", (page.total() + pageSize - 1) / pageSize)
                .put("Page", currentPage)
                .put("Data", object("DeviceInfo", items));
    }
}
