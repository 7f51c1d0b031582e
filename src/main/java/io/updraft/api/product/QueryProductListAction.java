package io.updraft.api.product;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.product.ProductService;

import static io.updraft.api.ActionResult.object;

/** QueryProductList: a page of the caller's products in the instance, as Data.List.ProductInfo[]. */
public final class QueryProductListAction implements Action {
    private final ProductService products;

    public QueryProductListAction(ProductService products) {
        this.products = products;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        int currentPage = ctx.requiredInt("CurrentPage");
        int pageSize = ctx.requiredInt("PageSize");
        ProductService.Page page = products.list(ctx.accountId(), ctx.instanceId(),
                ctx.optional("AliyunCommodityCode").orElse(null), currentPage, pageSize);
        var items = page.products().stream().map(ProductFields::summary).toList();
        return ActionResult.empty().put("Data", object(
                "CurrentPage", currentPage,
                "PageCount", (page.total() + pageSize - 1) / pageSize,
                "PageSize", pageSize,
                "Total", page.total(),
                "List", object("ProductInfo", items)));
    }
}
