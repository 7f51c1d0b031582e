package io.updraft.mqtt;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.ListOTAModuleVersionsByDeviceRequest;
import com.aliyuncs.iot.model.v20180120.ListOTAModuleVersionsByDeviceResponse;
import com.aliyuncs.iot.model.v20180120.QueryDeviceDetailRequest;
import io.updraft.bench.mqtt.SimulatedDevices;
import io.updraft.testing.MqttDevice;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import io.updraft.testing.TestStore;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fleet of 1,000 devices (registered through the official SDK) connects over MQTT 3.1.1 with the Alibaba sign
 * scheme, each device reports two modules at QoS 1, and after every PUBACK each report is visible: through the API
 * (ListOTAModuleVersionsByDevice by IotId and by ProductKey + DeviceName, with paging; QueryDeviceDetail) and as
 * exactly 2,000 rows of the store. HiveMQ's async client keeps the connections on a few Netty threads. Runs on both
 * stores.
 */
class DeviceFleetMqttTest {
    private static final int DEVICES = 1000;
    private final TestServer server = TestServer.shared();
    private final IAcsClient core = Sdk.core(server, TestServer.ACME);

    private static String firmware(int i) {
        return "1." + i + ".0";
    }

    private static String mcu(int i) {
        return "mcu-" + i;
    }

    @Test
    void thousandDevicesReportAndEveryReportIsVisible() throws Exception {
        long started = System.nanoTime();
        String productKey = MqttDevice.newProduct(core);
        List<MqttDevice> devices = register(productKey);
        long registered = System.nanoTime();

        try (SimulatedDevices fleet = SimulatedDevices.connect("127.0.0.1", server.mqttPort(), devices, "hmacsha1", 60)) {
            assertThat(fleet.refused()).as("refused connections").isZero();
            assertThat(fleet.connected()).isEqualTo(DEVICES);
            long connected = System.nanoTime();

            List<CompletableFuture<?>> acks = new ArrayList<>(2 * DEVICES);
            for (int i = 0; i < DEVICES; i++) {
                acks.add(fleet.report(i, firmware(i)));
                acks.add(fleet.report(i, "MCU", mcu(i)));
            }
            // every PUBACK arrives (a report is stored before its PUBACK goes out), none fails
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            long acknowledged = System.nanoTime();

            assertStoreHoldsExactlyTheReports(productKey, devices);
            for (int i = 0; i < DEVICES; i += 97) {
                assertVisibleThroughTheApi(devices.get(i), i);
            }
            assertVisibleThroughTheApi(devices.get(DEVICES - 1), DEVICES - 1);

            long checked = System.nanoTime();
            fleet.close();
            assertThat(fleet.connected()).as("still connected after DISCONNECT").isZero();
            for (MqttDevice device : List.of(devices.get(0), devices.get(DEVICES - 1))) {
                eventuallyOffline(device);
            }
            System.out.printf("fleet of %d: registered in %.1f s, connected in %.1f s, %d reports acknowledged in "
                            + "%.1f s, checked in %.1f s, disconnected in %.1f s%n", DEVICES, seconds(started, registered),
                    seconds(registered, connected), 2 * DEVICES, seconds(connected, acknowledged),
                    seconds(acknowledged, checked), seconds(checked, System.nanoTime()));
        }
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }

    /** RegisterDevice through the official SDK, in parallel. */
    private List<MqttDevice> register(String productKey) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<MqttDevice>> registered = new ArrayList<>(DEVICES);
            for (int i = 0; i < DEVICES; i++) {
                String name = String.format("fleet-%04d", i);
                registered.add(pool.submit(() -> MqttDevice.register(core, productKey, name)));
            }
            List<MqttDevice> devices = new ArrayList<>(DEVICES);
            for (Future<MqttDevice> device : registered) {
                devices.add(device.get(60, TimeUnit.SECONDS));
            }
            return devices;
        } finally {
            pool.shutdownNow();
        }
    }

    private void assertStoreHoldsExactlyTheReports(String productKey, List<MqttDevice> devices) throws Exception {
        Map<String, String> expected = new HashMap<>();
        for (int i = 0; i < DEVICES; i++) {
            expected.put(devices.get(i).deviceName() + "/default", firmware(i));
            expected.put(devices.get(i).deviceName() + "/MCU", mcu(i));
        }
        Map<String, String> stored = new HashMap<>();
        int rows = 0;
        try (Connection c = TestStore.connect(server.dataDir());
             PreparedStatement query = c.prepareStatement("""
                     SELECT d.name, v.module_name, v.version FROM device_module_version v
                     JOIN device d ON d.id = v.device_id JOIN product p ON p.id = d.product_id
                     WHERE p.product_key = ?""")) {
            query.setString(1, productKey);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows++;
                    stored.put(rs.getString(1) + "/" + rs.getString(2), rs.getString(3));
                }
            }
        }
        assertThat(rows).as("version rows").isEqualTo(2 * DEVICES);
        assertThat(stored).isEqualTo(expected);
    }

    private void assertVisibleThroughTheApi(MqttDevice device, int i) throws Exception {
        Map<String, String> expected = Map.of("default", firmware(i), "MCU", mcu(i));

        ListOTAModuleVersionsByDeviceRequest byIotId = new ListOTAModuleVersionsByDeviceRequest();
        byIotId.setIotId(device.iotId());
        byIotId.setPageSize(200);
        byIotId.setCurrentPage(1);
        ListOTAModuleVersionsByDeviceResponse all = core.getAcsResponse(byIotId);
        assertThat(all.getTotal()).isEqualTo(2);
        assertThat(modules(all)).isEqualTo(expected);

        // ProductKey + DeviceName, one module per page: the two pages hold both modules
        Map<String, String> paged = new HashMap<>();
        for (int page = 1; page <= 2; page++) {
            ListOTAModuleVersionsByDeviceRequest byName = new ListOTAModuleVersionsByDeviceRequest();
            byName.setProductKey(device.productKey());
            byName.setDeviceName(device.deviceName());
            byName.setPageSize(1);
            byName.setCurrentPage(page);
            ListOTAModuleVersionsByDeviceResponse response = core.getAcsResponse(byName);
            assertThat(response.getTotal()).isEqualTo(2);
            assertThat(response.getData()).hasSize(1);
            assertThat(response.getData().get(0).getIotId()).isEqualTo(device.iotId());
            paged.putAll(modules(response));
        }
        assertThat(paged).isEqualTo(expected);

        QueryDeviceDetailRequest detail = new QueryDeviceDetailRequest();
        detail.setIotId(device.iotId());
        assertThat(core.getAcsResponse(detail).getData().getFirmwareVersion()).isEqualTo(firmware(i));
    }

    private void eventuallyOffline(MqttDevice device) throws Exception {
        QueryDeviceDetailRequest detail = new QueryDeviceDetailRequest();
        detail.setIotId(device.iotId());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!"OFFLINE".equals(core.getAcsResponse(detail).getData().getStatus())) {
            assertThat(System.nanoTime()).as(device.deviceName() + " not OFFLINE within 10 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static Map<String, String> modules(ListOTAModuleVersionsByDeviceResponse response) {
        Map<String, String> modules = new HashMap<>();
        for (ListOTAModuleVersionsByDeviceResponse.SimpleOTAModuleInfo info : response.getData()) {
            modules.put(info.getModuleName(), info.getModuleVersion());
        }
        return modules;
    }
}
