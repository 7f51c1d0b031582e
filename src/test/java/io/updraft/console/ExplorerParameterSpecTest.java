package io.updraft.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.updraft.api.ActionDefinition;
import io.updraft.api.ActionTable;
import io.updraft.api.Parameter;
import io.updraft.testing.RawClient;
import io.updraft.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parameter specs the API Explorer builds its forms from (ActionTable) against what each Action itself demands:
 * every Action is called with nothing, then with each parameter it asked for ({@code Missing<Name>}) added, and each
 * parameter it asks for must be one the table marks required. Also: {@code /console/api/actions.json} lists exactly
 * the table's Actions.
 */
class ExplorerParameterSpecTest {
    private final TestServer server = TestServer.shared();
    private final RawClient raw = new RawClient(server);

    @Test
    void everyParameterAnActionDemandsIsMarkedRequiredInTheTable() {
        List<String> wrong = new ArrayList<>();
        int asked = 0;
        for (ActionDefinition action : ActionTable.unwired().all()) {
            Map<String, Parameter> specs = action.parameters().stream()
                    .collect(Collectors.toMap(Parameter::name, p -> p, (a, b) -> a, LinkedHashMap::new));
            Map<String, String> params = new LinkedHashMap<>();
            for (int round = 0; round < 30; round++) {
                Optional<String> missing = missing(action.name(), params);
                if (missing.isEmpty()) {
                    break;
                }
                asked++;
                Parameter spec = specs.get(missing.get());
                if (spec == null || !spec.required()) {
                    wrong.add(action.name() + " demands " + missing.get() + ", the table has "
                            + (spec == null ? "no such parameter" : "it optional"));
                    break;
                }
                params.put(spec.type() == Parameter.Type.LIST ? spec.name() + ".1" : spec.name(),
                        spec.type() == Parameter.Type.INTEGER ? "1" : "x");
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(asked).as("Actions that demanded a parameter").isGreaterThan(20);
    }

    /** The parameter the Action says is missing ({@code Missing<Name>}), if that is its answer. */
    private Optional<String> missing(String action, Map<String, String> params) {
        JsonNode answer = raw.v1(TestServer.ACME, action).params(params).send().json();
        String code = answer.path("Code").asText("");
        return code.startsWith("Missing") ? Optional.of(code.substring("Missing".length())) : Optional.empty();
    }

    @Test
    void theExplorerIsServedExactlyTheTablesActions() throws Exception {
        JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(raw.rawHttp(
                "GET /console/api/actions.json HTTP/1.1").body());
        Set<String> served = new java.util.TreeSet<>();
        doc.path("actions").forEach(a -> served.add(a.path("name").asText()));
        assertThat(served).isEqualTo(ActionTable.unwired().all().stream().map(ActionDefinition::name)
                .collect(Collectors.toCollection(java.util.TreeSet::new)));
    }
}
