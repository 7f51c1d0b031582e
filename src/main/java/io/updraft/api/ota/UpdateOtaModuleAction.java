package io.updraft.api.ota;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.ota.OtaModuleService;

/** UpdateOTAModule: new AliasName and/or Desc; an empty value clears the field. */
public final class UpdateOtaModuleAction implements Action {
    private final OtaModuleService modules;

    public UpdateOtaModuleAction(OtaModuleService modules) {
        this.modules = modules;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        String productKey = ctx.required("ProductKey");
        String name = ctx.required("ModuleName");
        modules.update(ctx.accountId(), ctx.instanceId(), productKey, name,
                ctx.optional("AliasName").orElse(null), ctx.optional("Desc").orElse(null));
        return ActionResult.empty();
    }
}
