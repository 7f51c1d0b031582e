package io.updraft.ota;

import io.updraft.error.ApiException;
import io.updraft.error.ErrorCode;
import io.updraft.product.Product;
import io.updraft.product.ProductRepository;
import io.updraft.store.SqlErrors;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The module rules of ota-api.md §B.1. Limits hold under concurrency because the database enforces them: each
 * change runs in a transaction holding the product row's lock (so the count check and the insert are atomic), and a
 * unique index on (product, lower-cased name) refuses case-variants even if two requests race past the check.
 */
public final class OtaModuleService {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9._\\-\\p{IsHan}]+");
    private static final int MAX_DESC = 100;
    private final ProductRepository products;
    private final OtaModuleRepository modules;
    private final ModuleUsage usage;
    private final int moduleLimit;

    public OtaModuleService(ProductRepository products, OtaModuleRepository modules, ModuleUsage usage, int moduleLimit) {
        this.products = products;
        this.modules = modules;
        this.usage = usage;
        this.moduleLimit = moduleLimit;
    }

    public void create(String accountId, String instanceId, String productKey, String name, String alias, String desc) {
        checkName(name);
        String aliasValue = checkAlias(alias);
        String descValue = checkDesc(desc);
        try {
            modules.jdbi().useTransaction(h -> {
                Product product = lockProduct(h, accountId, instanceId, productKey);
                if (name.equalsIgnoreCase(OtaModule.DEFAULT) || modules.exists(h, product.id(), name)) {
                    throw new ApiException(ErrorCode.MODULE_EXISTS);
                }
                if (modules.count(h, product.id()) >= moduleLimit) {
                    throw new ApiException(ErrorCode.MODULE_COUNT_EXCEEDED, moduleLimit);
                }
                modules.insert(h, product.id(), name, aliasValue, descValue, System.currentTimeMillis());
            });
        } catch (RuntimeException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new ApiException(ErrorCode.MODULE_EXISTS);
            }
            throw e;
        }
    }

    /** Changes only the alias and description; "" clears a field, null leaves it. One of them must be given. */
    public void update(String accountId, String instanceId, String productKey, String name, String alias, String desc) {
        checkName(name);
        if (alias == null && desc == null) {
            throw new ApiException(ErrorCode.MODULE_UPDATE_EMPTY);
        }
        if (alias != null && !alias.isEmpty()) {
            checkAlias(alias);
        }
        checkDesc(desc);
        modules.jdbi().useTransaction(h -> {
            Product product = lockProduct(h, accountId, instanceId, productKey);
            if (name.equalsIgnoreCase(OtaModule.DEFAULT)) {
                throw new ApiException(ErrorCode.DEFAULT_MODULE_NOT_UPDATABLE);
            }
            if (!modules.update(h, product.id(), name, alias, desc, System.currentTimeMillis())) {
                throw new ApiException(ErrorCode.MODULE_NOT_FOUND);
            }
        });
    }

    public void delete(String accountId, String instanceId, String productKey, String name) {
        checkName(name);
        modules.jdbi().useTransaction(h -> {
            Product product = lockProduct(h, accountId, instanceId, productKey);
            if (name.equalsIgnoreCase(OtaModule.DEFAULT)) {
                throw new ApiException(ErrorCode.DEFAULT_MODULE_NOT_DELETABLE);
            }
            if (!modules.exists(h, product.id(), name)) {
                throw new ApiException(ErrorCode.MODULE_NOT_FOUND);
            }
            if (usage.hasPackages(h, product.id(), name)) {
                throw new ApiException(ErrorCode.MODULE_HAS_FIRMWARE);
            }
            modules.delete(h, product.id(), name);
        });
    }

    /** The product's custom modules, oldest first; the built-in default module is not listed. */
    public List<OtaModule> list(String accountId, String instanceId, String productKey) {
        requireProductKey(productKey);
        Product product = products.find(accountId, instanceId, productKey)
                .orElseThrow(() -> new ApiException(ErrorCode.PRODUCT_NOT_FOUND));
        return modules.list(product.id(), product.productKey());
    }

    private Product lockProduct(Handle h, String accountId, String instanceId, String productKey) {
        requireProductKey(productKey);
        return products.find(h, accountId, instanceId, productKey, true)
                .orElseThrow(() -> new ApiException(ErrorCode.PRODUCT_NOT_FOUND));
    }

    private static void requireProductKey(String productKey) {
        if (productKey.isEmpty()) {
            throw new ApiException(ErrorCode.PRODUCT_KEY_NULL);
        }
    }

    /** The rule every ModuleName parameter follows (also ListOTAUnfinishedTaskByDevice's filter). */
    public static void checkName(String name) {
        if (name.isEmpty()) {
            throw new ApiException(ErrorCode.MODULE_NAME_NULL);
        }
        if (!NAME.matcher(name).matches()) {
            throw new ApiException(ErrorCode.MODULE_NAME_INVALID);
        }
    }

    /** @return the alias to store: null when absent or empty */
    private static String checkAlias(String alias) {
        if (alias == null || alias.isEmpty()) {
            return null;
        }
        if (!ALIAS.matcher(alias).matches() || alias.codePointCount(0, alias.length()) > 64) {
            throw new ApiException(ErrorCode.INVALID_FORMATTED_PARAMETER,
                    "AliasName must be 1 to 64 letters, digits, Chinese characters, periods (.), hyphens (-) or underscores (_).");
        }
        return alias;
    }

    private static String checkDesc(String desc) {
        if (desc == null || desc.isEmpty()) {
            return null;
        }
        if (desc.codePointCount(0, desc.length()) > MAX_DESC) {
            throw new ApiException(ErrorCode.INVALID_FORMATTED_PARAMETER,
                    "Desc must be at most " + MAX_DESC + " characters.");
        }
        return desc;
    }
}
