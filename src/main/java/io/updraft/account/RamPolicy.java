package io.updraft.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A RAM identity policy as IoT Platform evaluates it: statements with {@code Effect}, {@code Action} patterns
 * ({@code iot:*}, {@code iot:List*}; matched ignoring case) and {@code Resource} ({@code *} only: IoT authorizes
 * per API, not per resource). An explicit Deny wins; no matching Allow is an implicit deny.
 */
public final class RamPolicy {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String document;
    private final List<Statement> statements;

    public enum Decision { ALLOW, IMPLICIT_DENY, EXPLICIT_DENY }

    private record Statement(boolean allow, List<Pattern> actions, boolean appliesToIot) {
    }

    private RamPolicy(String document, List<Statement> statements) {
        this.document = document;
        this.statements = statements;
    }

    /** @throws IllegalArgumentException naming what is wrong with the document */
    public static RamPolicy parse(String document) {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (Exception e) {
            throw new IllegalArgumentException("the policy is not valid JSON: " + e.getMessage());
        }
        JsonNode statementNodes = root == null ? null : root.get("Statement");
        if (statementNodes == null || !statementNodes.isArray()) {
            throw new IllegalArgumentException("the policy needs a \"Statement\" array");
        }
        List<Statement> statements = new ArrayList<>();
        for (JsonNode node : statementNodes) {
            String effect = node.path("Effect").asText("");
            if (!effect.equals("Allow") && !effect.equals("Deny")) {
                throw new IllegalArgumentException("each statement needs \"Effect\": \"Allow\" or \"Deny\"");
            }
            List<String> actions = strings(node.get("Action"));
            if (actions.isEmpty()) {
                throw new IllegalArgumentException("each statement needs an \"Action\"");
            }
            List<String> resources = strings(node.get("Resource"));
            boolean appliesToIot = resources.isEmpty() || resources.stream().anyMatch(RamPolicy::coversIot);
            if (node.has("Condition") && effect.equals("Allow")) {
                appliesToIot = false; // IoT has no condition keys: an Allow that depends on one never applies
            }
            statements.add(new Statement(effect.equals("Allow"),
                    actions.stream().map(RamPolicy::glob).toList(), appliesToIot));
        }
        return new RamPolicy(document, List.copyOf(statements));
    }


    private static boolean coversIot(String resource) {
        return resource.equals("*") || resource.toLowerCase(Locale.ROOT).matches("acs:(iot|\\*):[^:]*:[^:]*:.*");
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(item -> out.add(item.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }

    /** @param ramAction e.g. {@code iot:CreateOTAModule} */
    public Decision evaluate(String ramAction) {
        boolean allowed = false;
        for (Statement statement : statements) {
            if (!statement.appliesToIot() || statement.actions().stream().noneMatch(p -> p.matcher(ramAction).matches())) {
                continue;
            }
            if (!statement.allow()) {
                return Decision.EXPLICIT_DENY;
            }
            allowed = true;
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    public String document() {
        return document;
    }
}
