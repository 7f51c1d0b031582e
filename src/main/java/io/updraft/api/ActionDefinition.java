package io.updraft.api;

import java.util.List;

/**
 * A row of the Action table: the Action name on the wire, its documented per-account QPS (ota-api.md §B.2; shared by
 * the account's RAM users, overridable per account), its handler and its documented parameters (for the console's
 * API Explorer; empty when not yet described, then the Explorer offers free parameters). The RAM action is
 * {@code iot:<name>}.
 */
public record ActionDefinition(String name, int qps, Action handler, List<Parameter> parameters) {
}
