package io.updraft.product;

/** What CreateProduct asks for, validated by {@link ProductService}. */
public record NewProduct(
        String name,
        Integer nodeType,
        Integer dataFormat,
        String description,
        String aliyunCommodityCode,
        String authType,
        String netType,
        String protocolType,
        String categoryKey,
        Integer validateType,
        boolean id2) {
}
