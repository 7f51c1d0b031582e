package io.updraft.api;

import io.updraft.error.ApiException;
import io.updraft.error.ErrorCode;

import io.updraft.account.IdentityService;
import io.updraft.account.Principal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;

/** The parameters of one call and who makes it, with the binding rules every Action shares. */
public final class ActionContext {
    public static final String DEFAULT_INSTANCE = "";
    private final Map<String, String> params;
    private final Principal caller;
    private final IdentityService identities;

    public ActionContext(Map<String, String> params, Principal caller, IdentityService identities) {
        this.params = params;
        this.caller = caller;
        this.identities = identities;
    }

    public Principal caller() {
        return caller;
    }

    public String accountId() {
        return caller.accountId();
    }

    /** Present (possibly empty) or a gateway {@code Missing<Name>} error. */
    public String required(String name) {
        String value = params.get(name);
        if (value == null) {
            throw ApiException.missing(name);
        }
        return value;
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(params.get(name));
    }

    public boolean has(String name) {
        return params.containsKey(name);
    }

    /**
     * A flattened list of structures, {@code Prefix.N.Field=value} with N from 1 as the SDKs send them: one map of
     * Field → value per N, in N order. A non-numeric N is {@code Invalid<Prefix>}.
     */
    public List<Map<String, String>> indexed(String prefix) {
        TreeMap<Integer, Map<String, String>> items = new TreeMap<>();
        String start = prefix + ".";
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!e.getKey().startsWith(start)) {
                continue;
            }
            String rest = e.getKey().substring(start.length());
            int dot = rest.indexOf('.');
            if (dot < 1) {
                throw ApiException.invalid(prefix);
            }
            int index = parseInt(prefix, rest.substring(0, dot));
            items.computeIfAbsent(index, i -> new LinkedHashMap<>()).put(rest.substring(dot + 1), e.getValue());
        }
        return new ArrayList<>(items.values());
    }

    /**
     * A flattened list of values, {@code Prefix.N=value} with N from 1 as the SDKs send repeat lists (SrcVersion.N,
     * TaskId.N …), in N order; empty when absent. A non-numeric N is {@code Invalid<Prefix>}.
     */
    public List<String> list(String prefix) {
        TreeMap<Integer, String> items = new TreeMap<>();
        String start = prefix + ".";
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getKey().startsWith(start)) {
                items.put(parseInt(prefix, e.getKey().substring(start.length())), e.getValue());
            }
        }
        return new ArrayList<>(items.values());
    }

    public int requiredInt(String name) {
        return parseInt(name, required(name));
    }

    public Optional<Integer> optionalInt(String name) {
        return optional(name).filter(v -> !v.isEmpty()).map(v -> parseInt(name, v));
    }

    /** A decimal Long (13-digit epoch milliseconds and the like); anything else is {@code Invalid<Name>}. */
    public Optional<Long> optionalLong(String name) {
        return optional(name).filter(v -> !v.isEmpty()).map(v -> {
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                throw ApiException.invalid(name);
            }
        });
    }

    /** {@code true}/{@code false} as the SDKs send booleans; anything else is {@code Invalid<Name>}. */
    public Optional<Boolean> optionalBoolean(String name) {
        return optional(name).filter(v -> !v.isEmpty()).map(v -> {
            if (v.equalsIgnoreCase("true")) {
                return true;
            }
            if (v.equalsIgnoreCase("false")) {
                return false;
            }
            throw ApiException.invalid(name);
        });
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name);
        }
    }

    /**
     * The instance the call addresses: {@code IotInstanceId} if given (it must be one of the caller's account),
     * else the account's default instance, which has no ID.
     */
    public String instanceId() {
        String id = params.get("IotInstanceId");
        if (id == null || id.isEmpty()) {
            return DEFAULT_INSTANCE;
        }
        if (!identities.hasInstance(caller.accountId(), id)) {
            throw new ApiException(ErrorCode.INSTANCE_NOT_FOUND);
        }
        return id;
    }
}
