package io.updraft.api;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every Action Updraft serves, by wire name. Built once from {@link ActionTable}. */
public final class ActionRegistry {
    private final Map<String, ActionDefinition> actions = new LinkedHashMap<>();

    public ActionRegistry register(String name, int qps, Action handler, Parameter... parameters) {
        if (actions.putIfAbsent(name, new ActionDefinition(name, qps, handler, List.of(parameters))) != null) {
            throw new IllegalStateException("Action registered twice: " + name);
        }
        return this;
    }

    public Optional<ActionDefinition> find(String name) {
        return Optional.ofNullable(actions.get(name));
    }

    public Collection<ActionDefinition> all() {
        return actions.values();
    }
}
