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
import io.updraft.batch.TaskStatus;
import io.updraft.batch.UpgradeNotifier;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
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
    private final Counter batchPushes;
    /** Gauges whose values come from one store query per scrape, refreshed just before the registry renders. */
    private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();

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
        batchPushes = Counter.builder("updraft.batch.pushes")
                .description("Upgrade pushes handed to a device's MQTT connection by this node").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        beforeScrape.forEach(Runnable::run);
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

    /**
     * Upgrade tasks of every account by state ({@code updraft_batch_tasks{state}}), counted in the store once per
     * scrape. Every node of a cluster reads the same store, so every node shows the same numbers: aggregate with
     * {@code max}, not {@code sum}. When the store does not answer, the gauges read NaN for that scrape.
     */
    public void tasksByState(Supplier<Map<TaskStatus, Integer>> counts) {
        AtomicReference<Map<TaskStatus, Integer>> last = new AtomicReference<>(Map.of());
        for (TaskStatus state : TaskStatus.values()) {
            Gauge.builder("updraft.batch.tasks", last, l -> {
                        Map<TaskStatus, Integer> now = l.get();
                        return now == null ? Double.NaN : now.getOrDefault(state, 0);
                    })
                    .tag("state", state.name()).description("Upgrade tasks in this state, all accounts")
                    .register(registry);
        }
        beforeScrape.add(() -> {
            try {
                last.set(counts.get());
            } catch (RuntimeException e) {
                last.set(null);
            }
        });
    }

    /** Counts the pushes the notifier handed to a device's connection ({@code rate()} gives pushes/s). */
    public UpgradeNotifier countingPushes(UpgradeNotifier notifier) {
        return (productKey, deviceName, offer) -> {
            boolean pushed = notifier.push(productKey, deviceName, offer);
            if (pushed) {
                batchPushes.increment();
            }
            return pushed;
        };
    }
}
