package io.updraft.api.product;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.product.ProductService;

/** DeleteProduct: the ProductKey becomes invalid and everything the product owned goes with it. */
public final class DeleteProductAction implements Action {
    private final ProductService products;

    public DeleteProductAction(ProductService products) {
        this.products = products;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        products.delete(ctx.accountId(), ctx.instanceId(), ctx.required("ProductKey"));
        return ActionResult.empty();
    }
}
