package io.updraft.api.ota;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.device.DeviceRef;
import io.updraft.device.ModuleVersionService;

import static io.updraft.api.ActionResult.object;

/**
 * ListOTAModuleVersionsByDevice: the versions a device reported, one row per module (default included), paging
 * fields at the top level and the rows wrapped in Data.SimpleOTAModuleInfo[].
 */
public final class ListOtaModuleVersionsByDeviceAction implements Action {
    private final ModuleVersionService versions;

    public ListOtaModuleVersionsByDeviceAction(ModuleVersionService versions) {
        this.versions = versions;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        int pageSize = ctx.requiredInt("PageSize");
        int currentPage = ctx.requiredInt("CurrentPage");
        DeviceRef ref = new DeviceRef(ctx.optional("IotId").orElse(null), ctx.optional("ProductKey").orElse(null),
                ctx.optional("DeviceName").orElse(null));
        ModuleVersionService.Page page = versions.list(ctx.accountId(), ctx.instanceId(), ref, currentPage, pageSize);
        var items = page.versions().stream().map(v -> object(
                "ProductKey", page.device().productKey(),
                "DeviceName", page.device().name(),
                "IotId", page.device().iotId(),
                "ModuleName", v.moduleName(),
                "ModuleVersion", v.version())).toList();
        return ActionResult.empty()
                .put("CurrentPage", currentPage)
                .put("PageSize", pageSize)
                .put("PageCount", (page.total() + pageSize - 1) / pageSize)
                .put("Total", page.total())
                .put("Data", object("SimpleOTAModuleInfo", items));
    }
}
