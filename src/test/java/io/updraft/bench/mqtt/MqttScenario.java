package io.updraft.bench.mqtt;

import io.updraft.bench.http.ApiCaller;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N devices connect, then each publishes a version report every {@code interval} (phases spread evenly); after a
 * warm-up of one interval, acknowledged reports are counted for {@code measured}. Meanwhile a probe device reports
 * unique versions and polls ListOTAModuleVersionsByDevice until each shows up.
 */
public final class MqttScenario {
    private final Duration interval;
    private final Duration measured;

    public MqttScenario(Duration interval, Duration measured) {
        this.interval = interval;
        this.measured = measured;
    }

    /** Devices {@code 0..devices-1} of {@code productKey} load the broker; device {@code devices} is the probe. */
    public MqttResult run(String store, String host, int mqttPort, ApiCaller api, String productKey, int devices)
            throws InterruptedException {
        long connectStart = System.nanoTime();
        try (SimulatedDevices fleet = SimulatedDevices.connect(host, mqttPort, productKey, devices + 1)) {
            double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
            int connected = fleet.connected();
            System.out.printf("mqtt %-10s %d of %d devices connected in %.1f s%n", store, connected, devices + 1,
                    connectSeconds);
            AtomicLong offered = new AtomicLong();
            AtomicLong stored = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            long measureFrom = System.nanoTime() + interval.toNanos();
            long measureUntil = measureFrom + measured.toNanos();
            ScheduledExecutorService publisher = Executors.newScheduledThreadPool(1);
            long periodMicros = interval.toNanos() / 1000;
            for (int i = 0; i < devices; i++) {
                int index = i;
                AtomicLong sequence = new AtomicLong();
                publisher.scheduleAtFixedRate(() -> {
                    long sent = System.nanoTime();
                    boolean counted = sent >= measureFrom && sent < measureUntil;
                    if (counted) {
                        offered.incrementAndGet();
                    }
                    fleet.report(index, "1.0." + sequence.incrementAndGet()).whenComplete((ack, error) -> {
                        // counted by arrival: when the server falls behind, the acks of the window are those of
                        // earlier reports, and counting by send time would report the backlog as zero throughput
                        long acked = System.nanoTime();
                        if (acked >= measureFrom && acked < measureUntil) {
                            (error == null ? stored : failed).incrementAndGet();
                        }
                    });
                }, periodMicros * i / devices, periodMicros, TimeUnit.MICROSECONDS);
            }
            List<Double> delays = probeVisibility(fleet, devices, api, productKey, measureUntil);
            publisher.shutdownNow();
            Thread.sleep(Math.max(0, (measureUntil - System.nanoTime()) / 1_000_000) + 2000); // let acks land
            double seconds = measured.toNanos() / 1e9;
            Collections.sort(delays);
            return new MqttResult(store, devices + 1, connected, fleet.refused(), round(connectSeconds),
                    round(connected / connectSeconds), round(offered.get() / seconds), round(stored.get() / seconds),
                    failed.get(), delays.size(), delays.isEmpty() ? Double.NaN : delays.get(delays.size() / 2),
                    delays.isEmpty() ? Double.NaN : delays.get(delays.size() - 1));
        }
    }

    /** Until the window ends: report a unique version from the probe, poll the API until it is there. */
    private static List<Double> probeVisibility(SimulatedDevices fleet, int probe, ApiCaller api, String productKey,
                                                long until) throws InterruptedException {
        List<Double> delays = new ArrayList<>();
        Map<String, String> query = Map.of("ProductKey", productKey, "DeviceName", fleet.device(probe).deviceName(),
                "PageSize", "10", "CurrentPage", "1");
        for (int k = 1; System.nanoTime() < until; k++) {
            String version = "9." + k + "." + (System.currentTimeMillis() % 100_000);
            long sent = System.nanoTime();
            fleet.report(probe, version);
            while (!api.call("ListOTAModuleVersionsByDevice", query).toString().contains("\"" + version + "\"")) {
                if (System.nanoTime() - sent > 30_000_000_000L) {
                    break; // lost: not counted
                }
                Thread.sleep(1);
            }
            if (System.nanoTime() - sent <= 30_000_000_000L) {
                delays.add(Math.round((System.nanoTime() - sent) / 1e3) / 1e3);
            }
            Thread.sleep(200);
        }
        return delays;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
