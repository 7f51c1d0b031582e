package io.updraft.api.product;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.product.ProductService;

/** UpdateProduct: renames a product and, when given, replaces its description. */
public final class UpdateProductAction implements Action {
    private final ProductService products;

    public UpdateProductAction(ProductService products) {
        this.products = products;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        String productKey = ctx.required("ProductKey");
        String name = ctx.required("ProductName");
        products.update(ctx.accountId(), ctx.instanceId(), productKey, name, ctx.optional("Description").orElse(null));
        return ActionResult.empty();
    }
}
