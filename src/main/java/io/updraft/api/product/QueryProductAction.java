package io.updraft.api.product;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.product.Product;
import io.updraft.product.ProductService;

import static io.updraft.api.ActionResult.object;

/** QueryProduct: Data with GmtCreate as epoch milliseconds, as the SDKs' Long field expects. */
public final class QueryProductAction implements Action {
    private final ProductService products;

    public QueryProductAction(ProductService products) {
        this.products = products;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        Product p = products.get(ctx.accountId(), ctx.instanceId(), ctx.required("ProductKey"));
        return ActionResult.empty().put("Data", object(
                "GmtCreate", p.gmtCreate(),
                "DataFormat", p.dataFormat(),
                "Description", p.description(),
                "DeviceCount", 0,
                "NodeType", p.nodeType(),
                "ProductKey", p.productKey(),
                "ProductName", p.name(),
                "ProductSecret", p.productSecret(),
                "CategoryKey", p.categoryKey(),
                "AliyunCommodityCode", p.aliyunCommodityCode(),
                "Id2", p.id2(),
                "ProtocolType", p.protocolType(),
                "ProductStatus", "DEVELOPMENT_STATUS",
                "Owner", true,
                "NetType", p.netTypeCode(),
                "AuthType", p.authType(),
                "ValidateType", p.validateType()));
    }
}
