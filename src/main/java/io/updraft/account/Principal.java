package io.updraft.account;

/**
 * Who signed a request: an account's root identity, or one of its RAM users acting for it with the permissions of
 * its policy. Resources and quotas always belong to the account.
 */
public record Principal(String accountId, String accountName, String ramUserName, RamPolicy policy) {
    public boolean isRoot() {
        return ramUserName == null;
    }

    public RamPolicy.Decision authorize(String action) {
        return isRoot() ? RamPolicy.Decision.ALLOW : policy.evaluate("iot:" + action);
    }
}
