package io.updraft.product;

import io.updraft.store.SecretCipher;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.List;
import java.util.Optional;

/** Products, always addressed within one account and instance: another tenant's product is simply not found. */
public final class ProductRepository {
    /** Read with every product for QueryProduct/QueryProductList; devices cascade from products, so they are ours. */
    private static final String DEVICE_COUNT =
            ", (SELECT COUNT(*) FROM device d WHERE d.product_id = product.id) AS device_count";
    private static final String COLUMNS = """
            id, product_key, account_id, instance_id, name, node_type, data_format, description, aliyun_commodity_code,
            auth_type, net_type, protocol_type, category_key, validate_type, id2, product_secret_enc, gmt_create, gmt_modified""";
    private final Jdbi jdbi;
    private final SecretCipher cipher;
    private final RowMapper<Product> mapper;

    public ProductRepository(Jdbi jdbi, SecretCipher cipher) {
        this.jdbi = jdbi;
        this.cipher = cipher;
        this.mapper = (rs, ctx) -> new Product(rs.getLong("id"), rs.getString("product_key"),
                rs.getString("account_id"), rs.getString("instance_id"), rs.getString("name"), rs.getInt("node_type"),
                (Integer) rs.getObject("data_format"), rs.getString("description"),
                rs.getString("aliyun_commodity_code"), rs.getString("auth_type"), rs.getString("net_type"),
                rs.getString("protocol_type"), rs.getString("category_key"), rs.getInt("validate_type"),
                rs.getBoolean("id2"), cipher.decrypt(rs.getString("product_secret_enc")),
                rs.getLong("gmt_create"), rs.getLong("gmt_modified"), rs.getInt("device_count"));
    }

    public void insert(Product p) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO product (" + COLUMNS.replace("id, product_key", "product_key") + """
                        ) VALUES (:key, :account, :instance, :name, :nodeType, :dataFormat, :description, :code,
                        :authType, :netType, :protocolType, :categoryKey, :validateType, :id2, :secret, :created, :modified)""")
                .bind("key", p.productKey()).bind("account", p.accountId()).bind("instance", p.instanceId())
                .bind("name", p.name()).bind("nodeType", p.nodeType()).bind("dataFormat", p.dataFormat())
                .bind("description", p.description()).bind("code", p.aliyunCommodityCode())
                .bind("authType", p.authType()).bind("netType", p.netType()).bind("protocolType", p.protocolType())
                .bind("categoryKey", p.categoryKey()).bind("validateType", p.validateType()).bind("id2", p.id2())
                .bind("secret", cipher.encrypt(p.productSecret()))
                .bind("created", p.gmtCreate()).bind("modified", p.gmtModified())
                .execute());
    }

    public Optional<Product> find(String accountId, String instanceId, String productKey) {
        return jdbi.withHandle(h -> find(h, accountId, instanceId, productKey, false));
    }

    /** Within a transaction; {@code forUpdate} locks the product row, serialising changes to what it owns. */
    public Optional<Product> find(Handle h, String accountId, String instanceId, String productKey, boolean forUpdate) {
        return h.createQuery("SELECT " + COLUMNS + (forUpdate ? ", 0 AS device_count" : DEVICE_COUNT) + " FROM product"
                        + " WHERE product_key = :key AND account_id = :account AND instance_id = :instance"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .bind("key", productKey).bind("account", accountId).bind("instance", instanceId)
                .map(mapper).findOne();
    }

    public List<Product> list(String accountId, String instanceId, String commodityCode, int offset, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + DEVICE_COUNT + " FROM product"
                        + " WHERE account_id = :account AND instance_id = :instance"
                        + (commodityCode == null ? "" : " AND aliyun_commodity_code = :code")
                        + " ORDER BY id OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY")
                .bind("account", accountId).bind("instance", instanceId).bind("code", commodityCode)
                .bind("offset", offset).bind("limit", limit)
                .map(mapper).list());
    }

    public int count(String accountId, String instanceId, String commodityCode) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM product"
                        + " WHERE account_id = :account AND instance_id = :instance"
                        + (commodityCode == null ? "" : " AND aliyun_commodity_code = :code"))
                .bind("account", accountId).bind("instance", instanceId).bind("code", commodityCode)
                .mapTo(Integer.class).one());
    }

    public boolean update(String accountId, String instanceId, String productKey, String name, String description,
                          boolean setDescription, long now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE product SET name = :name, gmt_modified = :now"
                        + (setDescription ? ", description = :description" : "")
                        + " WHERE product_key = :key AND account_id = :account AND instance_id = :instance")
                .bind("name", name).bind("description", description).bind("now", now)
                .bind("key", productKey).bind("account", accountId).bind("instance", instanceId)
                .execute() > 0);
    }

    /** Within DeleteProduct's transaction: the product and, by cascade, every row it owns (modules, devices, ...). */
    public void delete(Handle h, long productId) {
        h.createUpdate("DELETE FROM product WHERE id = :id").bind("id", productId).execute();
    }

    public Jdbi jdbi() {
        return jdbi;
    }
}
