package io.updraft.account;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * The bootstrap file (and the admin endpoint's body): accounts with their keys, instances, QPS overrides and RAM
 * users. Applying it is idempotent: what it names is created or brought in line; what it does not name is kept.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record BootstrapDocument(List<AccountSpec> accounts) {

    public record AccountSpec(String name, List<KeySpec> accessKeys, List<String> instances,
                              Map<String, Integer> qpsLimits, List<RamUserSpec> ramUsers) {
    }

    public record RamUserSpec(String name, List<KeySpec> accessKeys, JsonNode policy) {
    }

    /** status: "Active" (default) or "Inactive". */
    public record KeySpec(String accessKeyId, String accessKeySecret, String status) {
        public boolean active() {
            return status == null || status.equalsIgnoreCase("Active");
        }
    }
}
