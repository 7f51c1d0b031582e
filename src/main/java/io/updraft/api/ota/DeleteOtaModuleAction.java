package io.updraft.api.ota;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.ota.OtaModuleService;

/** DeleteOTAModule: never the default module, never a module that still has update packages. */
public final class DeleteOtaModuleAction implements Action {
    private final OtaModuleService modules;

    public DeleteOtaModuleAction(OtaModuleService modules) {
        this.modules = modules;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        String productKey = ctx.required("ProductKey");
        String name = ctx.required("ModuleName");
        modules.delete(ctx.accountId(), ctx.instanceId(), productKey, name);
        return ActionResult.empty();
    }
}
