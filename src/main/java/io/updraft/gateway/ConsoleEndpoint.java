package io.updraft.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import io.updraft.api.ActionDefinition;
import io.updraft.api.ActionRegistry;
import io.updraft.error.ErrorCode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The web console at {@code /console/}: static files from the jar ({@code src/main/resources/console}) and two
 * documents generated from the server's own tables, so the console cannot drift from the API: the Action table
 * (the Explorer's forms and sample code) and the error table (the Error Center). The console is only a client of
 * the public, signed Actions; these documents hold no account data and need no signature.
 */
public final class ConsoleEndpoint {
    static final String PATH = "/console";
    /** Scripts only from this server, no inline code: the page that holds an AccessKey secret runs nothing foreign. */
    private static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                    + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-cache");
    private final String actionsJson;
    private final String errorsJson;

    public ConsoleEndpoint(ActionRegistry actions) {
        ObjectMapper json = new ObjectMapper();
        try {
            this.actionsJson = json.writeValueAsString(Map.of("version", RpcGateway.API_VERSION,
                    "actions", describe(actions)));
            this.errorsJson = json.writeValueAsString(describeErrors());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot describe the Action and error tables", e);
        }
    }

    private static List<Map<String, Object>> describe(ActionRegistry actions) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ActionDefinition action : actions.all()) {
            List<Map<String, Object>> parameters = new ArrayList<>();
            action.parameters().forEach(p -> {
                Map<String, Object> parameter = new LinkedHashMap<>();
                parameter.put("name", p.name());
                parameter.put("type", p.type().name());
                parameter.put("required", p.required());
                parameter.put("limits", p.limits());
                parameter.put("fields", p.fields());
                parameters.add(parameter);
            });
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", action.name());
            row.put("qps", action.qps());
            row.put("ramAction", "iot:" + action.name());
            row.put("parameters", parameters);
            out.add(row);
        }
        return out;
    }

    private static List<Map<String, Object>> describeErrors() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ErrorCode error : ErrorCode.values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", error.name());
            row.put("code", error.code().replace("%s", "<Parameter>"));
            // The table's own grouping: UPLOAD_* answer the upload form, DOWNLOAD_* the package links, the rest the API
            row.put("endpoint", error.name().startsWith("UPLOAD_") ? "upload"
                    : error.name().startsWith("DOWNLOAD_") ? "download" : "api");
            row.put("httpStatus", error.httpStatus());
            row.put("kind", error.isGateway() ? "gateway" : "business");
            row.put("message", error.messageTemplate());
            row.put("remedy", error.remedy());
            out.add(row);
        }
        return out;
    }

    void install(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = PATH;
            files.directory = "/console";
            files.location = Location.CLASSPATH;
            files.headers = HEADERS;
        });
        config.routes.get(PATH + "/api/actions.json", ctx -> ctx.contentType("application/json;charset=utf-8")
                .header("Cache-Control", "no-cache").result(actionsJson));
        config.routes.get(PATH + "/api/errors.json", ctx -> ctx.contentType("application/json;charset=utf-8")
                .header("Cache-Control", "no-cache").result(errorsJson));
    }
}
