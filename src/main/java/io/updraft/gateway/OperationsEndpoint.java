package io.updraft.gateway;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.updraft.metrics.UpdraftMetrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What operators and orchestrators poll: {@code /health} (kept as it was), {@code /health/live} (the process answers
 * HTTP), {@code /health/ready} (the store and the MQTT broker are up: send traffic) and the Prometheus
 * {@code /metrics}, on the API port or on a port of its own. None of them needs a signature, and none tells more
 * than up/down and counters.
 */
public final class OperationsEndpoint {
    private static final String JSON = "application/json;charset=utf-8";
    private final UpdraftMetrics metrics;
    private final Map<String, BooleanSupplier> readiness;
    private final boolean metricsOnApiPort;

    /**
     * @param readiness named checks that must all hold for {@code /health/ready}, e.g. "store", "mqtt"
     * @param metricsOnApiPort false when {@code /metrics} has a port of its own (or is off)
     */
    public OperationsEndpoint(UpdraftMetrics metrics, Map<String, BooleanSupplier> readiness, boolean metricsOnApiPort) {
        this.metrics = metrics;
        this.readiness = readiness;
        this.metricsOnApiPort = metricsOnApiPort;
    }

    void install(JavalinConfig config) {
        config.routes.get("/health", ctx -> ctx.contentType(JSON).result("{\"status\":\"UP\"}"));
        config.routes.get("/health/live", ctx -> ctx.contentType(JSON).result("{\"status\":\"UP\"}"));
        config.routes.get("/health/ready", this::ready);
        if (metricsOnApiPort) {
            config.routes.get("/metrics", this::scrape);
        }
    }

    private void ready(Context ctx) {
        Map<String, String> checks = new LinkedHashMap<>();
        boolean up = true;
        for (Map.Entry<String, BooleanSupplier> check : readiness.entrySet()) {
            boolean ok = check.getValue().getAsBoolean();
            up &= ok;
            checks.put(check.getKey(), ok ? "UP" : "DOWN");
        }
        StringBuilder body = new StringBuilder("{\"status\":\"").append(up ? "UP" : "DOWN").append("\",\"checks\":{");
        checks.forEach((name, state) -> body.append('"').append(name).append("\":\"").append(state).append("\","));
        if (!checks.isEmpty()) {
            body.setLength(body.length() - 1);
        }
        ctx.status(up ? 200 : 503).contentType(JSON).result(body.append("}}").toString());
    }

    private void scrape(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    /** {@code /metrics} alone on its own port (e.g. reachable only from the monitoring network). */
    public Javalin startMetricsServer(String host, int port) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.routes.get("/metrics", this::scrape);
        }).start(host, port);
    }
}
