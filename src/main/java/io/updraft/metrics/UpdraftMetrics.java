package io.updraft.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Every metric Updraft exposes, in one place (names as Prometheus shows them in the README's metric table). Tags are
 * bounded: an Action tag is a served Action name or {@code unknown}, a code comes from the error table, so no
 * client can create series at will.
 */
public final class UpdraftMetrics {
    /** Latency buckets from 1 ms to 10 s: API calls are milliseconds; a slow store shows in the upper buckets. */
    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter mqttConnects;
    private final Counter mqttReports;
    private final Counter uploadBytes;
    private final Counter downloadBytes;

    public UpdraftMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        mqttConnects = Counter.builder("updraft.mqtt.connects")
                .description("MQTT CONNECTs accepted (devices that proved their DeviceSecret)").register(registry);
        mqttReports = Counter.builder("updraft.mqtt.reports")
                .description("Version reports received on /ota/device/inform").register(registry);
        uploadBytes = Counter.builder("updraft.upload.bytes").baseUnit("bytes")
                .description("Package file bytes stored through the upload form").register(registry);
        downloadBytes = Counter.builder("updraft.download.bytes").baseUnit("bytes")
                .description("Package file bytes sent to downloaders").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** One API request through the gateway, as answered. */
    public void apiRequest(String action, int status, String code, long nanos) {
        registry.counter("updraft.api.requests", "action", action, "status", String.valueOf(status),
                "code", code.isEmpty() ? "none" : code).increment();
        Timer.builder("updraft.api.request.duration").tag("action", action)
                .description("Time from the request's arrival to the rendered response")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry).record(Duration.ofNanos(nanos));
    }

    public void throttled(String action) {
        registry.counter("updraft.api.throttled", "action", action).increment();
    }

    /** A request whose signature did not verify ({@code SignatureDoesNotMatch}, {@code IncompleteSignature}). */
    public void signatureFailure(String scheme, String code) {
        registry.counter("updraft.api.signature.failures", "scheme", scheme, "code", code).increment();
    }

    public void mqttConnected() {
        mqttConnects.increment();
    }

    public void mqttRefused(String reason) {
        registry.counter("updraft.mqtt.refused.logins", "reason", reason).increment();
    }

    public void mqttReport() {
        mqttReports.increment();
    }

    /** Open MQTT connections, as the broker counts them. */
    public void mqttConnections(Supplier<Number> open) {
        Gauge.builder("updraft.mqtt.connections", open).description("Open MQTT connections of this node")
                .register(registry);
    }

    public void uploaded(long bytes) {
        uploadBytes.increment(bytes);
    }

    public void downloaded(long bytes) {
        downloadBytes.increment(bytes);
    }
}
