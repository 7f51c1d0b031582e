package io.updraft.bench.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.updraft.bench.mqtt.SimulatedDevices;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What each simulated device does with an upgrade push (ota-api.md §F.3–F.5), without blocking the MQTT client's
 * threads: progress 50, for every {@code downloadEvery}-th device a download of the pushed URL over HTTP (whole file,
 * size checked; at most {@link #DOWNLOADS_IN_FLIGHT} at once), progress 100, then the version report with the pushed
 * version — from which the server decides success. Each step is a QoS 1 publish sent once the previous one's PUBACK
 * is in. Records when (wall clock, ms) each push arrived and how many pushes each device got.
 */
final class RolloutFleet {
    /** The bench's own HTTP client threads: downloads beyond this many wait on the client side. */
    static final int DOWNLOADS_IN_FLIGHT = 8;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SimulatedDevices devices;
    private final int downloadEvery;
    private final AtomicIntegerArray pushesPerDevice;
    private final AtomicLongArray firstPushAt;
    private final ConcurrentLinkedQueue<Long> receivedAt = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    private final AtomicLong downloads = new AtomicLong();
    private final AtomicLong downloadedBytes = new AtomicLong();
    private final ExecutorService downloadThreads = Executors.newFixedThreadPool(DOWNLOADS_IN_FLIGHT, r -> {
        Thread t = new Thread(r, "rollout-download");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** @param downloadEvery device {@code i} downloads when {@code i % downloadEvery == 0}; 0: none downloads */
    RolloutFleet(SimulatedDevices devices, int downloadEvery) {
        this.devices = devices;
        this.downloadEvery = downloadEvery;
        this.pushesPerDevice = new AtomicIntegerArray(devices.size());
        this.firstPushAt = new AtomicLongArray(devices.size());
    }

    /** Subscribes all devices to their upgrade topic; returns the number of failed subscriptions. */
    int subscribe() throws InterruptedException {
        return devices.subscribeUpgrades(this::pushed);
    }

    /** Every connected device reports {@code version} (QoS 1); returns once all are acknowledged, or failed. */
    long reportAll(String version) {
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            acks.add(devices.report(i, version));
        }
        long failed = 0;
        for (CompletableFuture<?> ack : acks) {
            try {
                ack.get();
            } catch (Exception e) {
                failed++;
            }
        }
        return failed;
    }

    private void pushed(int index, byte[] payload) {
        long now = System.currentTimeMillis();
        receivedAt.add(now);
        firstPushAt.compareAndSet(index, 0, now);
        pushesPerDevice.incrementAndGet(index);
        JsonNode data;
        try {
            data = JSON.readTree(payload).path("data");
        } catch (IOException e) {
            errors.add("unreadable push: " + e);
            return;
        }
        String version = data.path("version").asText();
        boolean download = downloadEvery > 0 && index % downloadEvery == 0;
        progress(index, 50, "downloading")
                .thenCompose(ack -> download
                        ? CompletableFuture.runAsync(() -> download(data.path("url").asText(), data.path("size").asLong()),
                        downloadThreads)
                        : CompletableFuture.completedFuture(null))
                .thenCompose(done -> progress(index, 100, "flashed"))
                .thenCompose(ack -> devices.report(index, version))
                .whenComplete((ack, error) -> {
                    if (error != null) {
                        errors.add(devices.device(index).deviceName() + ": " + error);
                    }
                });
    }

    private CompletableFuture<?> progress(int index, int step, String desc) {
        return devices.publish(index, "progress", "{\"id\":\"" + step + "\",\"params\":{\"step\":\"" + step
                + "\",\"desc\":\"" + desc + "\"}}");
    }

    private void download(String url, long size) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200 || response.body().length != size) {
                throw new IllegalStateException("GET " + url + ": " + response.statusCode() + ", "
                        + response.body().length + " bytes, expected " + size);
            }
            downloads.incrementAndGet();
            downloadedBytes.addAndGet(size);
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** When each push arrived (epoch ms), in no particular order. */
    List<Long> receivedAt() {
        return List.copyOf(receivedAt);
    }

    /** When device {@code index}'s first push arrived (epoch ms), 0 if none did. */
    long firstPushAt(int index) {
        return firstPushAt.get(index);
    }

    int devicesPushed() {
        int pushed = 0;
        for (int i = 0; i < pushesPerDevice.length(); i++) {
            pushed += pushesPerDevice.get(i) > 0 ? 1 : 0;
        }
        return pushed;
    }

    /** Pushes beyond the first one per device. */
    int repeatedPushes() {
        int repeated = 0;
        for (int i = 0; i < pushesPerDevice.length(); i++) {
            repeated += Math.max(0, pushesPerDevice.get(i) - 1);
        }
        return repeated;
    }

    long downloads() {
        return downloads.get();
    }

    long downloadedBytes() {
        return downloadedBytes.get();
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    void close() {
        downloadThreads.shutdownNow();
    }
}
