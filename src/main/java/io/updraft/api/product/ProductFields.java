package io.updraft.api.product;

import io.updraft.product.Product;

import java.util.Map;

import static io.updraft.api.ActionResult.object;

/** The fields QueryProduct's Data and QueryProductList's ProductInfo share, in the documented order. */
final class ProductFields {
    private ProductFields() {
    }

    static Map<String, Object> summary(Product p) {
        return object(
                "GmtCreate", p.gmtCreate(),
                "DataFormat", p.dataFormat(),
                "Description", p.description(),
                "DeviceCount", p.deviceCount(),
                "NodeType", p.nodeType(),
                "ProductKey", p.productKey(),
                "ProductName", p.name(),
                "AuthType", p.authType());
    }
}
