package io.updraft.product;

import io.updraft.error.ApiException;
import io.updraft.error.ErrorCode;
import io.updraft.store.Ids;
import io.updraft.store.SqlErrors;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Product rules: names, node types, descriptions, and tenancy (account + instance) on every lookup. */
public final class ProductService {
    private static final Set<String> AUTH_TYPES = Set.of("secret", "id2", "x509");
    private static final Set<String> NET_TYPES = Set.of("WIFI", "CELLULAR", "ETHERNET", "OTHER", "LORA");
    private static final Set<String> COMMODITY_CODES = Set.of("iothub", "iothub_senior");
    private static final int MAX_DESCRIPTION = 100;
    private final ProductRepository repository;
    private final List<DeletionHook> deletionHooks = new CopyOnWriteArrayList<>();

    public ProductService(ProductRepository repository) {
        this.repository = repository;
    }

    /**
     * What a product owns besides the rows that cascade with it (files in the blob store, live connections),
     * given by the packages that own it; DeleteProduct runs every hook.
     */
    @FunctionalInterface
    public interface DeletionHook {
        /**
         * Runs in the deleting transaction, the product row locked and still there; returns what to do once the
         * deletion committed (never before it: a crash in between must leave rows, not rows without their files).
         */
        Runnable prepare(Handle h, Product product);
    }

    public void onDelete(DeletionHook hook) {
        deletionHooks.add(hook);
    }

    public Product create(String accountId, String instanceId, NewProduct spec) {
        checkName(spec.name());
        if (spec.nodeType() == null || spec.nodeType() != 0 && spec.nodeType() != 1) {
            throw new ApiException(ErrorCode.PRODUCT_NODE_TYPE_INVALID);
        }
        checkDescription(spec.description());
        String code = spec.aliyunCommodityCode() == null || spec.aliyunCommodityCode().isEmpty()
                ? "iothub" : spec.aliyunCommodityCode();
        if (!COMMODITY_CODES.contains(code)) {
            throw new ApiException(ErrorCode.INVALID_FORMATTED_PARAMETER,
                    "AliyunCommodityCode must be iothub_senior (a Thing Specification Language product) or iothub.");
        }
        Integer dataFormat = spec.dataFormat();
        if (code.equals("iothub_senior")) {
            if (dataFormat == null) {
                dataFormat = 1;
            } else if (dataFormat != 0 && dataFormat != 1) {
                throw new ApiException(ErrorCode.INVALID_FORMATTED_PARAMETER,
                        "DataFormat must be 0 (custom) or 1 (Alink JSON).");
            }
        } else {
            dataFormat = null;
        }
        String authType = spec.authType() == null || spec.authType().isEmpty() ? "secret" : spec.authType();
        if (!AUTH_TYPES.contains(authType)) {
            throw new ApiException(ErrorCode.INVALID_FORMATTED_PARAMETER, "AuthType must be secret, id2 or x509.");
        }
        String netType = spec.netType() == null || spec.netType().isEmpty() ? "WIFI" : spec.netType();
        if (!NET_TYPES.contains(netType)) {
            throw new ApiException(ErrorCode.INVALID_FORMATTED_PARAMETER,
                    "NetType must be WIFI, CELLULAR, ETHERNET, OTHER or LORA.");
        }
        int validateType = spec.validateType() == null ? 1 : spec.validateType();
        if (validateType != 1 && validateType != 2) {
            throw new ApiException(ErrorCode.INVALID_FORMATTED_PARAMETER, "ValidateType must be 1 (weak) or 2 (none).");
        }
        long now = System.currentTimeMillis();
        Product product = new Product(0, Ids.productKey(), accountId, instanceId, spec.name(), spec.nodeType(),
                dataFormat, spec.description(), code, authType, netType, emptyToNull(spec.protocolType()),
                emptyToNull(spec.categoryKey()), validateType, spec.id2(), Ids.secret(16), now, now, 0);
        try {
            repository.insert(product);
        } catch (RuntimeException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new ApiException(ErrorCode.PRODUCT_NAME_EXISTS);
            }
            throw e;
        }
        return product;
    }

    public Product get(String accountId, String instanceId, String productKey) {
        requireKey(productKey);
        return repository.find(accountId, instanceId, productKey)
                .orElseThrow(() -> new ApiException(ErrorCode.PRODUCT_NOT_FOUND));
    }

    public record Page(List<Product> products, int total) {
    }

    public Page list(String accountId, String instanceId, String commodityCode, int currentPage, int pageSize) {
        if (currentPage < 1 || pageSize < 1 || pageSize > 200) {
            throw new ApiException(ErrorCode.INVALID_PAGE_PARAMS,
                    "CurrentPage must be at least 1 and PageSize between 1 and 200.");
        }
        String filter = commodityCode == null || commodityCode.isEmpty() ? null : commodityCode;
        long offset = (long) (currentPage - 1) * pageSize;
        int total = repository.count(accountId, instanceId, filter);
        List<Product> products = offset >= total ? List.of()
                : repository.list(accountId, instanceId, filter, (int) offset, pageSize);
        return new Page(products, total);
    }

    public void update(String accountId, String instanceId, String productKey, String name, String description) {
        requireKey(productKey);
        checkName(name);
        checkDescription(description);
        try {
            if (!repository.update(accountId, instanceId, productKey, name, description, description != null,
                    System.currentTimeMillis())) {
                throw new ApiException(ErrorCode.PRODUCT_NOT_FOUND);
            }
        } catch (RuntimeException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new ApiException(ErrorCode.PRODUCT_NAME_EXISTS);
            }
            throw e;
        }
    }

    /** DeleteProduct: the product, by cascade everything it owns, and through the hooks its files and connections. */
    public void delete(String accountId, String instanceId, String productKey) {
        requireKey(productKey);
        List<Runnable> afterCommit = repository.jdbi().inTransaction(h -> {
            Product product = repository.find(h, accountId, instanceId, productKey, true)
                    .orElseThrow(() -> new ApiException(ErrorCode.PRODUCT_NOT_FOUND));
            List<Runnable> after = new ArrayList<>();
            for (DeletionHook hook : deletionHooks) {
                after.add(hook.prepare(h, product));
            }
            repository.delete(h, product.id());
            return after;
        });
        afterCommit.forEach(Runnable::run);
    }

    private static void requireKey(String productKey) {
        if (productKey == null || productKey.isEmpty()) {
            throw new ApiException(ErrorCode.PRODUCT_KEY_NULL);
        }
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new ApiException(ErrorCode.PRODUCT_NAME_NULL);
        }
        if (!ProductNames.isValid(name)) {
            throw new ApiException(ErrorCode.PRODUCT_NAME_INVALID);
        }
    }

    private static void checkDescription(String description) {
        if (description != null && description.codePointCount(0, description.length()) > MAX_DESCRIPTION) {
            throw new ApiException(ErrorCode.PRODUCT_DESC_TOO_LONG);
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
