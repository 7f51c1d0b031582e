package io.updraft.bench.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import io.updraft.bench.startup.DeviceSeeder;
import io.updraft.testing.MqttDevice;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Many devices on HiveMQ's async MQTT client (all connections share a few Netty threads), each signing in as an
 * Alibaba device does: {@code clientId|securemode=3,signmethod=<method>,timestamp=..|}, user
 * {@code deviceName&productKey}, password the HMAC of the sorted fields keyed with the device secret.
 */
public final class SimulatedDevices implements AutoCloseable {
    private static final int CONNECTS_IN_FLIGHT = 200;
    private final List<Mqtt3AsyncClient> clients = new ArrayList<>();
    private final List<MqttDevice> devices = new ArrayList<>();
    private int refused;

    /** Connects devices {@code 0..count-1} of the seeded product; returns when every attempt has finished. */
    public static SimulatedDevices connect(String host, int port, String productKey, int count)
            throws InterruptedException {
        List<MqttDevice> devices = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = DeviceSeeder.nameOf(i);
            devices.add(new MqttDevice(productKey, name, DeviceSeeder.secretOf(name), null));
        }
        return connect(host, port, devices, "hmacsha256", 600);
    }

    /**
     * Connects these devices (client identifier {@code c<index>}, the given sign method and Keep Alive); returns
     * when every attempt has finished. Failed attempts are counted by {@link #refused()}.
     */
    public static SimulatedDevices connect(String host, int port, List<MqttDevice> devices, String signMethod,
                                           int keepAlive) throws InterruptedException {
        SimulatedDevices fleet = new SimulatedDevices();
        Semaphore inFlight = new Semaphore(CONNECTS_IN_FLIGHT);
        AtomicInteger refused = new AtomicInteger();
        List<CompletableFuture<?>> attempts = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            MqttDevice device = devices.get(i);
            String clientId = "c" + i;
            String timestamp = String.valueOf(System.currentTimeMillis());
            Mqtt3AsyncClient client = MqttClient.builder().useMqttVersion3()
                    .identifier(device.clientIdentifier(clientId, signMethod, timestamp))
                    .serverHost(host).serverPort(port).buildAsync();
            inFlight.acquire();
            attempts.add(client.connectWith()
                    .simpleAuth().username(device.userName())
                    .password(device.password(clientId, signMethod, timestamp, device.deviceSecret())
                            .getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                    .keepAlive(keepAlive).cleanSession(true).send()
                    .whenComplete((ack, error) -> {
                        inFlight.release();
                        if (error != null) {
                            refused.incrementAndGet();
                        }
                    }));
            fleet.clients.add(client);
            fleet.devices.add(device);
        }
        for (CompletableFuture<?> attempt : attempts) {
            try {
                attempt.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                // counted as refused above (or timed out: counted by connected() being lower)
            }
        }
        fleet.refused = refused.get();
        return fleet;
    }

    public int size() {
        return clients.size();
    }

    public int connected() {
        return (int) clients.stream().filter(c -> c.getState().isConnected()).count();
    }

    public int refused() {
        return refused;
    }

    /** A QoS 1 version report of the default module; completes when the broker acknowledged (= stored) it. */
    public CompletableFuture<?> report(int index, String version) {
        return report(index, null, version);
    }

    /** A QoS 1 version report of {@code module} ({@code null}: no module field, i.e. {@code default}). */
    public CompletableFuture<?> report(int index, String module, String version) {
        return publish(index, "inform", "{\"id\":\"" + index + "\",\"params\":{\"version\":\"" + version + "\""
                + (module == null ? "" : ",\"module\":\"" + module + "\"") + "}}");
    }

    /** A QoS 1 publish of {@code json} on the device's {@code /ota/device/<kind>/<pk>/<dn>}; completes on the PUBACK. */
    public CompletableFuture<?> publish(int index, String kind, String json) {
        return clients.get(index).publishWith().topic(otaTopic(index, kind)).qos(MqttQos.AT_LEAST_ONCE)
                .payload(json.getBytes(StandardCharsets.UTF_8)).send();
    }

    /**
     * Subscribes every connected device to its upgrade topic (QoS 1), as the device SDKs do after connecting;
     * returns once every SUBACK is in. {@code onPush} receives (device index, payload) on an MQTT client thread,
     * so it must not block.
     * @return how many subscriptions the broker refused or that failed
     */
    public int subscribeUpgrades(BiConsumer<Integer, byte[]> onPush) throws InterruptedException {
        Semaphore inFlight = new Semaphore(CONNECTS_IN_FLIGHT);
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<?>> subscriptions = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            if (!clients.get(i).getState().isConnected()) {
                continue;
            }
            int index = i;
            inFlight.acquire();
            subscriptions.add(clients.get(i).subscribeWith().topicFilter(otaTopic(i, "upgrade"))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .callback(publish -> onPush.accept(index, publish.getPayloadAsBytes())).send()
                    .whenComplete((ack, error) -> {
                        inFlight.release();
                        if (error != null || ack.getReturnCodes().stream().anyMatch(c -> c.isError())) {
                            failed.incrementAndGet();
                        }
                    }));
        }
        for (CompletableFuture<?> subscription : subscriptions) {
            try {
                subscription.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                // counted above, or timed out: then the device simply receives nothing
            }
        }
        return failed.get();
    }

    private String otaTopic(int index, String kind) {
        MqttDevice device = devices.get(index);
        return "/ota/device/" + kind + "/" + device.productKey() + "/" + device.deviceName();
    }

    public MqttDevice device(int index) {
        return devices.get(index);
    }

    @Override
    public void close() {
        List<CompletableFuture<?>> closing = new ArrayList<>();
        for (Mqtt3AsyncClient client : clients) {
            if (client.getState().isConnected()) {
                closing.add(client.disconnect());
            }
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the server is stopped next anyway
        }
    }
}
