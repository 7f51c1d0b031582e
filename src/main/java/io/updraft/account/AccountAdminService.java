package io.updraft.account;

import io.updraft.store.Ids;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Objects;

/** Applies bootstrap documents: the operator's way to create accounts, keys, instances, quotas and RAM users. */
public final class AccountAdminService {
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final java.util.regex.Pattern KEY_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private final AccountRepository repository;
    private final IdentityService identities;

    public AccountAdminService(AccountRepository repository, IdentityService identities) {
        this.repository = repository;
        this.identities = identities;
    }

    /** @throws IllegalArgumentException when the document is invalid; then nothing is changed */
    public void apply(BootstrapDocument document) {
        validate(document);
        long now = System.currentTimeMillis();
        repository.jdbi().useTransaction(h -> {
            for (BootstrapDocument.AccountSpec spec : document.accounts()) {
                String accountId = repository.accountIdByName(h, spec.name()).orElseGet(() -> {
                    String id = Ids.accountId();
                    repository.insertAccount(h, id, spec.name(), now);
                    return id;
                });
                for (BootstrapDocument.KeySpec key : list(spec.accessKeys())) {
                    upsertKey(h, key, accountId, null, now);
                }
                for (String instance : list(spec.instances())) {
                    repository.insertInstanceIfAbsent(h, accountId, instance, now);
                }
                if (spec.qpsLimits() != null) {
                    repository.replaceQpsLimits(h, accountId, spec.qpsLimits());
                }
                for (BootstrapDocument.RamUserSpec user : list(spec.ramUsers())) {
                    String policy = user.policy() == null ? "{\"Version\":\"1\",\"Statement\":[]}" : user.policy().toString();
                    String userId = repository.ramUserId(h, accountId, user.name()).orElse(null);
                    if (userId == null) {
                        userId = Ids.alnum(16);
                        repository.insertRamUser(h, userId, accountId, user.name(), policy, now);
                    } else if (user.policy() != null) {
                        repository.updateRamUserPolicy(h, userId, policy);
                    }
                    for (BootstrapDocument.KeySpec key : list(user.accessKeys())) {
                        upsertKey(h, key, accountId, userId, now);
                    }
                }
            }
        });
        identities.invalidate();
    }

    private void upsertKey(Handle h, BootstrapDocument.KeySpec key, String accountId, String ramUserId, long now) {
        var owner = repository.accessKeyOwner(h, key.accessKeyId());
        if (owner.isEmpty()) {
            repository.insertAccessKey(h, key.accessKeyId(), accountId, ramUserId, key.accessKeySecret(), key.active(), now);
            return;
        }
        if (!owner.get().get(0).equals(accountId) || !Objects.equals(owner.get().get(1), ramUserId)) {
            throw new IllegalArgumentException("AccessKey " + key.accessKeyId() + " already belongs to another identity");
        }
        repository.updateAccessKey(h, key.accessKeyId(), key.accessKeySecret(), key.active());
    }

    private static void validate(BootstrapDocument document) {
        if (document == null || document.accounts() == null) {
            throw new IllegalArgumentException("the document needs an \"accounts\" array");
        }
        for (BootstrapDocument.AccountSpec account : document.accounts()) {
            requireName(account.name(), "account name");
            list(account.accessKeys()).forEach(AccountAdminService::validateKey);
            list(account.instances()).forEach(i -> {
                if (i == null || !i.matches("[A-Za-z0-9._*-]{1,128}")) {
                    throw new IllegalArgumentException("invalid instance ID: " + i);
                }
            });
            if (account.qpsLimits() != null) {
                account.qpsLimits().forEach((action, qps) -> {
                    if (qps == null || qps < 1) {
                        throw new IllegalArgumentException("qpsLimits." + action + " must be a positive integer");
                    }
                });
            }
            for (BootstrapDocument.RamUserSpec user : list(account.ramUsers())) {
                requireName(user.name(), "RAM user name");
                list(user.accessKeys()).forEach(AccountAdminService::validateKey);
                if (user.policy() != null) {
                    RamPolicy.parse(user.policy().toString());
                }
            }
        }
    }

    private static void validateKey(BootstrapDocument.KeySpec key) {
        if (key.accessKeyId() == null || !KEY_ID.matcher(key.accessKeyId()).matches()) {
            throw new IllegalArgumentException("accessKeyId must be 1-128 letters, digits, '.', '_' or '-'");
        }
        if (key.accessKeySecret() == null || key.accessKeySecret().length() < 8 || key.accessKeySecret().length() > 256) {
            throw new IllegalArgumentException("accessKeySecret of " + key.accessKeyId() + " must be 8-256 characters");
        }
        if (key.status() != null && !key.status().equalsIgnoreCase("Active") && !key.status().equalsIgnoreCase("Inactive")) {
            throw new IllegalArgumentException("status of " + key.accessKeyId() + " must be Active or Inactive");
        }
    }

    private static void requireName(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be 1-64 letters, digits, '.', '_', '@' or '-': " + name);
        }
    }

    private static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }
}
