package io.updraft.ota;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Locale;

/** Modules of a product; names are matched through the lower-cased column the unique index covers. */
public final class OtaModuleRepository {
    private final Jdbi jdbi;

    public OtaModuleRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public int count(Handle h, long productId) {
        return h.createQuery("SELECT COUNT(*) FROM ota_module WHERE product_id = :p")
                .bind("p", productId).mapTo(Integer.class).one();
    }

    public boolean exists(Handle h, long productId, String name) {
        return h.createQuery("SELECT COUNT(*) FROM ota_module WHERE product_id = :p AND name_lc = :n")
                .bind("p", productId).bind("n", name.toLowerCase(Locale.ROOT)).mapTo(Integer.class).one() > 0;
    }

    public void insert(Handle h, long productId, String name, String alias, String description, long now) {
        h.createUpdate("""
                        INSERT INTO ota_module (product_id, name, alias_name, description, gmt_create, gmt_modified)
                        VALUES (:p, :name, :alias, :description, :now, :now)""")
                .bind("p", productId).bind("name", name).bind("alias", alias).bind("description", description)
                .bind("now", now).execute();
    }

    /** Sets only the fields given (null = leave as is; "" = clear). @return false if no such module */
    public boolean update(Handle h, long productId, String name, String alias, String description, long now) {
        StringBuilder sql = new StringBuilder("UPDATE ota_module SET gmt_modified = :now");
        if (alias != null) {
            sql.append(", alias_name = :alias");
        }
        if (description != null) {
            sql.append(", description = :description");
        }
        sql.append(" WHERE product_id = :p AND name_lc = :n");
        return h.createUpdate(sql.toString())
                .bind("now", now).bind("alias", alias == null || alias.isEmpty() ? null : alias)
                .bind("description", description == null || description.isEmpty() ? null : description)
                .bind("p", productId).bind("n", name.toLowerCase(Locale.ROOT))
                .execute() > 0;
    }

    public boolean delete(Handle h, long productId, String name) {
        return h.createUpdate("DELETE FROM ota_module WHERE product_id = :p AND name_lc = :n")
                .bind("p", productId).bind("n", name.toLowerCase(Locale.ROOT)).execute() > 0;
    }

    public List<OtaModule> list(long productId, String productKey) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT name, alias_name, description, gmt_create, gmt_modified FROM ota_module
                        WHERE product_id = :p ORDER BY gmt_create, id""")
                .bind("p", productId)
                .map((rs, ctx) -> new OtaModule(productKey, rs.getString("name"), rs.getString("alias_name"),
                        rs.getString("description"), rs.getLong("gmt_create"), rs.getLong("gmt_modified")))
                .list());
    }

    public Jdbi jdbi() {
        return jdbi;
    }
}
