package io.updraft.api.product;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.product.Product;
import io.updraft.product.ProductService;

import java.util.Map;

/** QueryProduct: Data with GmtCreate as epoch milliseconds, as the SDKs' Long field expects. */
public final class QueryProductAction implements Action {
    private final ProductService products;

    public QueryProductAction(ProductService products) {
        this.products = products;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        Product p = products.get(ctx.accountId(), ctx.instanceId(), ctx.required("ProductKey"));
        Map<String, Object> data = ProductFields.summary(p);
        data.put("ProductSecret", p.productSecret());
        data.put("CategoryKey", p.categoryKey());
        data.put("AliyunCommodityCode", p.aliyunCommodityCode());
        data.put("Id2", p.id2());
        data.put("ProtocolType", p.protocolType());
        data.put("ProductStatus", "DEVELOPMENT_STATUS");
        data.put("Owner", true);
        data.put("NetType", p.netTypeCode());
        data.put("ValidateType", p.validateType());
        return ActionResult.empty().put("Data", data);
    }
}
