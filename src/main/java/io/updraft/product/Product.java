package io.updraft.product;

/**
 * A product: the template of a class of devices, owned by one account, in one instance ("" = default).
 * {@code deviceCount} is read with the product (0 when read for update, where it is not needed).
 */
public record Product(
        long id,
        String productKey,
        String accountId,
        String instanceId,
        String name,
        int nodeType,
        Integer dataFormat,
        String description,
        String aliyunCommodityCode,
        String authType,
        String netType,
        String protocolType,
        String categoryKey,
        int validateType,
        boolean id2,
        String productSecret,
        long gmtCreate,
        long gmtModified,
        int deviceCount) {

    /** QueryProduct reports the network type as a number: 3 Wi-Fi, 6 cellular, 7 Ethernet, 8 other. */
    public int netTypeCode() {
        return switch (netType) {
            case "WIFI" -> 3;
            case "CELLULAR" -> 6;
            case "ETHERNET" -> 7;
            default -> 8;
        };
    }
}
