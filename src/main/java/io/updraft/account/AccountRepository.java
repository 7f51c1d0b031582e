package io.updraft.account;

import io.updraft.store.SecretCipher;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Accounts, RAM users, AccessKeys, instances and QPS overrides: plain SQL. */
public final class AccountRepository {
    private final Jdbi jdbi;
    private final SecretCipher cipher;

    public AccountRepository(Jdbi jdbi, SecretCipher cipher) {
        this.jdbi = jdbi;
        this.cipher = cipher;
    }

    public Optional<AccessKey> findAccessKey(String accessKeyId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT k.access_key_id, k.secret_enc, k.status, a.id AS account_id, a.name AS account_name,
                               u.name AS ram_user_name, u.policy
                        FROM access_key k
                        JOIN account a ON a.id = k.account_id
                        LEFT JOIN ram_user u ON u.id = k.ram_user_id
                        WHERE k.access_key_id = :id""")
                .bind("id", accessKeyId)
                .map((rs, ctx) -> {
                    String ramUser = rs.getString("ram_user_name");
                    Principal principal = new Principal(rs.getString("account_id"), rs.getString("account_name"),
                            ramUser, ramUser == null ? null : RamPolicy.parse(rs.getString("policy")));
                    return new AccessKey(rs.getString("access_key_id"), cipher.decrypt(rs.getString("secret_enc")),
                            "Active".equals(rs.getString("status")), principal);
                })
                .findOne());
    }

    public boolean instanceExists(String accountId, String instanceId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM iot_instance WHERE account_id = :a AND instance_id = :i")
                .bind("a", accountId).bind("i", instanceId).mapTo(Integer.class).one() > 0);
    }

    public Map<String, Integer> qpsLimits(String accountId) {
        Map<String, Integer> limits = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT action, qps FROM qps_limit WHERE account_id = :a")
                .bind("a", accountId)
                .map((rs, ctx) -> Map.entry(rs.getString("action"), rs.getInt("qps")))
                .forEach(e -> limits.put(e.getKey(), e.getValue())));
        return limits;
    }

    /**
     * Decrypts one stored secret, if there is one. Nodes sharing a database must share the master key: a node with
     * another key would fail every request, and its bootstrap would re-encrypt secrets the others cannot read.
     *
     * @throws IllegalStateException if the stored secrets were written with another master key
     */
    public void requireReadableSecrets() {
        jdbi.withHandle(h -> h.createQuery("SELECT secret_enc FROM access_key FETCH FIRST 1 ROWS ONLY")
                .mapTo(String.class).findOne()).ifPresent(cipher::decrypt);
    }

    public long countAccounts() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM account").mapTo(Long.class).one());
    }

    // ---- writes, used by the bootstrap and the admin endpoint inside one transaction ----

    public Optional<String> accountIdByName(Handle h, String name) {
        return h.createQuery("SELECT id FROM account WHERE name = :n").bind("n", name).mapTo(String.class).findOne();
    }

    public void insertAccount(Handle h, String id, String name, long now) {
        h.createUpdate("INSERT INTO account (id, name, created_at) VALUES (:id, :name, :now)")
                .bind("id", id).bind("name", name).bind("now", now).execute();
    }

    public Optional<String> ramUserId(Handle h, String accountId, String name) {
        return h.createQuery("SELECT id FROM ram_user WHERE account_id = :a AND name = :n")
                .bind("a", accountId).bind("n", name).mapTo(String.class).findOne();
    }

    public void insertRamUser(Handle h, String id, String accountId, String name, String policy, long now) {
        h.createUpdate("INSERT INTO ram_user (id, account_id, name, policy, created_at) VALUES (:id, :a, :n, :p, :now)")
                .bind("id", id).bind("a", accountId).bind("n", name).bind("p", policy).bind("now", now).execute();
    }

    public void updateRamUserPolicy(Handle h, String id, String policy) {
        h.createUpdate("UPDATE ram_user SET policy = :p WHERE id = :id").bind("p", policy).bind("id", id).execute();
    }

    /** Owner of an existing key as (account id, ram user id or null). */
    public Optional<List<String>> accessKeyOwner(Handle h, String accessKeyId) {
        return h.createQuery("SELECT account_id, ram_user_id FROM access_key WHERE access_key_id = :k")
                .bind("k", accessKeyId)
                .map((rs, ctx) -> java.util.Arrays.asList(rs.getString("account_id"), rs.getString("ram_user_id")))
                .findOne();
    }

    public void insertAccessKey(Handle h, String accessKeyId, String accountId, String ramUserId, String secret,
                                boolean active, long now) {
        h.createUpdate("""
                        INSERT INTO access_key (access_key_id, account_id, ram_user_id, secret_enc, status, created_at)
                        VALUES (:k, :a, :u, :s, :st, :now)""")
                .bind("k", accessKeyId).bind("a", accountId).bind("u", ramUserId)
                .bind("s", cipher.encrypt(secret)).bind("st", active ? "Active" : "Inactive").bind("now", now)
                .execute();
    }

    public void updateAccessKey(Handle h, String accessKeyId, String secret, boolean active) {
        h.createUpdate("UPDATE access_key SET secret_enc = :s, status = :st WHERE access_key_id = :k")
                .bind("s", cipher.encrypt(secret)).bind("st", active ? "Active" : "Inactive").bind("k", accessKeyId)
                .execute();
    }

    public void insertInstanceIfAbsent(Handle h, String accountId, String instanceId, long now) {
        int exists = h.createQuery("SELECT COUNT(*) FROM iot_instance WHERE account_id = :a AND instance_id = :i")
                .bind("a", accountId).bind("i", instanceId).mapTo(Integer.class).one();
        if (exists == 0) {
            h.createUpdate("INSERT INTO iot_instance (account_id, instance_id, created_at) VALUES (:a, :i, :now)")
                    .bind("a", accountId).bind("i", instanceId).bind("now", now).execute();
        }
    }

    public void replaceQpsLimits(Handle h, String accountId, Map<String, Integer> limits) {
        h.createUpdate("DELETE FROM qps_limit WHERE account_id = :a").bind("a", accountId).execute();
        limits.forEach((action, qps) -> h.createUpdate(
                        "INSERT INTO qps_limit (account_id, action, qps) VALUES (:a, :action, :qps)")
                .bind("a", accountId).bind("action", action).bind("qps", qps).execute());
    }

    public Jdbi jdbi() {
        return jdbi;
    }
}
