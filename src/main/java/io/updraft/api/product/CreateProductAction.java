package io.updraft.api.product;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.product.NewProduct;
import io.updraft.product.Product;
import io.updraft.product.ProductService;

import static io.updraft.api.ActionResult.object;

/** CreateProduct: ProductKey at the top level and in Data, with the new product's secret. */
public final class CreateProductAction implements Action {
    private final ProductService products;

    public CreateProductAction(ProductService products) {
        this.products = products;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        String name = ctx.required("ProductName");
        Integer nodeType = ctx.requiredInt("NodeType");
        NewProduct spec = new NewProduct(name, nodeType, ctx.optionalInt("DataFormat").orElse(null),
                ctx.optional("Description").orElse(null), ctx.optional("AliyunCommodityCode").orElse(null),
                ctx.optional("AuthType").orElse(null), ctx.optional("NetType").orElse(null),
                ctx.optional("ProtocolType").orElse(null), ctx.optional("CategoryKey").orElse(null),
                ctx.optionalInt("ValidateType").orElse(null), ctx.optionalBoolean("Id2").orElse(false));
        Product p = products.create(ctx.accountId(), ctx.instanceId(), spec);
        return ActionResult.empty()
                .put("ProductKey", p.productKey())
                .put("Data", object(
                        "ProductKey", p.productKey(),
                        "ProductName", p.name(),
                        "NodeType", p.nodeType(),
                        "DataFormat", p.dataFormat(),
                        "Description", p.description(),
                        "AliyunCommodityCode", p.aliyunCommodityCode(),
                        "Id2", p.id2(),
                        "ProtocolType", p.protocolType(),
                        "AuthType", p.authType(),
                        "ProductSecret", p.productSecret()));
    }
}
