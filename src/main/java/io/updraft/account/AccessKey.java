package io.updraft.account;

/** An AccessKey pair with its owner. The secret is plaintext here only in memory, never in logs or toString. */
public record AccessKey(String accessKeyId, String secret, boolean active, Principal principal) {
    @Override
    public String toString() {
        return "AccessKey[" + accessKeyId + ", active=" + active + ", principal=" + principal.accountName()
                + (principal.isRoot() ? "" : "/" + principal.ramUserName()) + "]";
    }
}
