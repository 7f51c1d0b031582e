package io.updraft.api.ota;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.ota.OtaModuleService;

/** CreateOTAModule: common response fields only. */
public final class CreateOtaModuleAction implements Action {
    private final OtaModuleService modules;

    public CreateOtaModuleAction(OtaModuleService modules) {
        this.modules = modules;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        String productKey = ctx.required("ProductKey");
        String name = ctx.required("ModuleName");
        modules.create(ctx.accountId(), ctx.instanceId(), productKey, name,
                ctx.optional("AliasName").orElse(null), ctx.optional("Desc").orElse(null));
        return ActionResult.empty();
    }
}
