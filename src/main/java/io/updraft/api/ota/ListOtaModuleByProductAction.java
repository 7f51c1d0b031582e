package io.updraft.api.ota;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.ota.OtaModuleService;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static io.updraft.api.ActionResult.object;

/**
 * ListOTAModuleByProduct: Data is a bare array (the old SDK reads this response in hide-item mode); in XML each
 * module is an {@code <OtaModuleDTO>} inside {@code <Data>}. Times in the documented UTC form {@code 2020-10-13T09:46Z}.
 */
public final class ListOtaModuleByProductAction implements Action {
    static final DateTimeFormatter GMT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);
    private final OtaModuleService modules;

    public ListOtaModuleByProductAction(OtaModuleService modules) {
        this.modules = modules;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        String productKey = ctx.required("ProductKey"); // a missing parameter is reported before the instance check
        var items = modules.list(ctx.accountId(), ctx.instanceId(), productKey).stream()
                .map(m -> object(
                        "ProductKey", m.productKey(),
                        "ModuleName", m.name(),
                        "AliasName", m.aliasName() == null ? "" : m.aliasName(),
                        "Desc", m.description() == null ? "" : m.description(),
                        "GmtCreate", GMT.format(Instant.ofEpochMilli(m.gmtCreate())),
                        "GmtModified", GMT.format(Instant.ofEpochMilli(m.gmtModified()))))
                .toList();
        return ActionResult.empty().put("Data", new ActionResult.ItemList("OtaModuleDTO", items));
    }
}
