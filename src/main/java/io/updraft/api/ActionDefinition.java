package io.updraft.api;

/**
 * A row of the Action table: the Action name on the wire, its documented per-account QPS (ota-api.md §B.2; shared by
 * the account's RAM users, overridable per account) and its handler. The RAM action is {@code iot:<name>}.
 */
public record ActionDefinition(String name, int qps, Action handler) {
}
