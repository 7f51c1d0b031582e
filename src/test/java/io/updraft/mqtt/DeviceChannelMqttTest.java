package io.updraft.mqtt;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.DeleteDeviceRequest;
import com.aliyuncs.iot.model.v20180120.ListOTAModuleVersionsByDeviceRequest;
import com.aliyuncs.iot.model.v20180120.ListOTAModuleVersionsByDeviceResponse;
import com.aliyuncs.iot.model.v20180120.QueryDeviceDetailRequest;
import com.aliyuncs.iot.model.v20180120.QueryDeviceDetailResponse;
import io.updraft.testing.MqttDevice;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Devices connect, are refused, are taken over, stay in their topics and report versions over MQTT 3.1.1 (Paho). */
class DeviceChannelMqttTest {
    private final TestServer server = TestServer.shared();
    private final IAcsClient core = Sdk.core(server, TestServer.ACME);

    private MqttDevice newDevice(String name) throws Exception {
        return MqttDevice.register(core, MqttDevice.newProduct(core), name);
    }

    private QueryDeviceDetailResponse.Data detail(MqttDevice device) throws Exception {
        QueryDeviceDetailRequest request = new QueryDeviceDetailRequest();
        request.setIotId(device.iotId());
        return core.getAcsResponse(request).getData();
    }

    private ListOTAModuleVersionsByDeviceResponse versions(MqttDevice device) throws Exception {
        ListOTAModuleVersionsByDeviceRequest request = new ListOTAModuleVersionsByDeviceRequest();
        request.setProductKey(device.productKey());
        request.setDeviceName(device.deviceName());
        request.setPageSize(200);
        request.setCurrentPage(1);
        return core.getAcsResponse(request);
    }

    private static void eventually(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.get()) {
            assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void report(MqttClient client, MqttDevice device, String payload) throws MqttException {
        // QoS 1 and a synchronous client: publish() returns once the broker's PUBACK arrived.
        client.publish("/ota/device/inform/" + device.productKey() + "/" + device.deviceName(),
                payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hmacmd5", "hmacsha1", "hmacsha256"})
    void aRegisteredDeviceConnectsWithEachSignMethod(String signMethod) throws Exception {
        MqttDevice device = newDevice("sign-" + signMethod);
        MqttClient client = device.client(server, "SN-1", signMethod);
        client.connect(device.options("SN-1", signMethod, device.deviceSecret(), 60));
        assertThat(client.isConnected()).isTrue();
        client.disconnect();
        client.close();
    }

    @Test
    void connectingActivatesTheDeviceAndDisconnectingMakesItOffline() throws Exception {
        MqttDevice device = newDevice("presence");
        assertThat(detail(device).getStatus()).isEqualTo("UNACTIVE");
        MqttClient client = device.connect(server, "presence-1");
        QueryDeviceDetailResponse.Data online = detail(device);
        assertThat(online.getStatus()).isEqualTo("ONLINE");
        assertThat(online.getGmtActive()).isNotNull();
        assertThat(online.getGmtOnline()).isNotNull();
        assertThat(online.getIpAddress()).isEqualTo("127.0.0.1");
        client.disconnect();
        client.close();
        eventually(() -> status(device).equals("OFFLINE"));
    }

    private String status(MqttDevice device) {
        try {
            return detail(device).getStatus();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertRefused(MqttDevice device, String clientId, String signMethod, String secret,
                                      int keepAlive, int reasonCode) throws MqttException {
        MqttClient client = device.client(server(), clientId, signMethod);
        assertThatThrownBy(() -> client.connect(device.options(clientId, signMethod, secret, keepAlive)))
                .isInstanceOf(MqttSecurityException.class)
                .extracting(e -> ((MqttException) e).getReasonCode()).isEqualTo(reasonCode);
        client.close();
    }

    private static TestServer server() {
        return TestServer.shared();
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        MqttDevice device = newDevice("wrong-pass");
        assertRefused(device, "c1", "hmacsha1", "x".repeat(32), 60, MqttException.REASON_CODE_FAILED_AUTHENTICATION);
        assertThat(detail(device).getStatus()).isEqualTo("UNACTIVE");
    }

    @Test
    void anUnknownDeviceIsRefused() throws Exception {
        MqttDevice ghost = new MqttDevice(MqttDevice.newProduct(core), "ghost-1", "s".repeat(32), null);
        assertRefused(ghost, "c1", "hmacsha1", ghost.deviceSecret(), 60, MqttException.REASON_CODE_FAILED_AUTHENTICATION);
    }

    @Test
    void deletingAConnectedDeviceDisconnectsItAndItCannotComeBack() throws Exception {
        MqttDevice device = newDevice("deleted-live");
        MqttDevice neighbour = newDevice("deleted-neighbour");
        MqttClient live = device.connect(server, "live-1");
        MqttClient other = neighbour.connect(server, "neighbour-2");
        DeleteDeviceRequest delete = new DeleteDeviceRequest();
        delete.setIotId(device.iotId());
        assertThat(core.getAcsResponse(delete).getSuccess()).isTrue();
        eventually(() -> !live.isConnected());
        live.close();
        assertThat(other.isConnected()).as("only the deleted device's connection ends").isTrue();
        assertRefused(device, "live-2", "hmacsha1", device.deviceSecret(), 60, MqttException.REASON_CODE_FAILED_AUTHENTICATION);
        other.disconnect();
        other.close();
    }

    @Test
    void aDeletedDeviceIsRefused() throws Exception {
        MqttDevice device = newDevice("deleted-1");
        DeleteDeviceRequest delete = new DeleteDeviceRequest();
        delete.setIotId(device.iotId());
        assertThat(core.getAcsResponse(delete).getSuccess()).isTrue();
        assertRefused(device, "c1", "hmacsha1", device.deviceSecret(), 60, MqttException.REASON_CODE_FAILED_AUTHENTICATION);
    }

    @Test
    void aKeepAliveOutsideThirtyToTwelveHundredSecondsIsRefused() throws Exception {
        MqttDevice device = newDevice("keepalive");
        assertRefused(device, "c1", "hmacsha1", device.deviceSecret(), 29, MqttException.REASON_CODE_NOT_AUTHORIZED);
        assertRefused(device, "c1", "hmacsha1", device.deviceSecret(), 1201, MqttException.REASON_CODE_NOT_AUTHORIZED);
        assertRefused(device, "c1", "hmacsha1", device.deviceSecret(), 0, MqttException.REASON_CODE_NOT_AUTHORIZED);
        for (int keepAlive : new int[] {30, 1200}) {
            MqttClient client = device.client(server, "c1", "hmacsha1");
            client.connect(device.options("c1", "hmacsha1", device.deviceSecret(), keepAlive));
            client.disconnect();
            client.close();
        }
    }

    @Test
    void aClientIdentifierWithoutAlibabaParametersIsRefused() throws Exception {
        MqttDevice device = newDevice("plain-id");
        MqttClient client = new MqttClient(server.mqttUri(), "just-a-client-id",
                new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        assertThatThrownBy(() -> client.connect(device.options("just-a-client-id", "hmacsha1", device.deviceSecret(), 60)))
                .isInstanceOf(MqttSecurityException.class);
        client.close();
    }

    @Test
    void aSecondConnectionWithTheSameCertificateDisconnectsTheFirst() throws Exception {
        MqttDevice device = newDevice("takeover");
        MqttClient first = device.connect(server, "first-id");
        CountDownLatch lost = new CountDownLatch(1);
        first.setCallback(new MqttCallback() {
            @Override public void connectionLost(Throwable cause) { lost.countDown(); }
            @Override public void messageArrived(String topic, MqttMessage message) { }
            @Override public void deliveryComplete(IMqttDeliveryToken token) { }
        });
        MqttClient second = device.connect(server, "second-id");
        assertThat(lost.await(10, TimeUnit.SECONDS)).as("first connection closed").isTrue();
        assertThat(second.isConnected()).isTrue();
        Thread.sleep(300);
        assertThat(detail(device).getStatus()).as("the old connection's end does not mark the device offline")
                .isEqualTo("ONLINE");
        second.disconnect();
        second.close();
        first.close();
    }

    @Test
    void anotherDeviceUsingTheSameClientIdDoesNotDisconnectTheFirst() throws Exception {
        MqttDevice a = newDevice("same-id-a");
        MqttDevice b = MqttDevice.register(core, a.productKey(), "same-id-b");
        MqttClient first = a.connect(server, "shared");
        MqttClient second = b.connect(server, "shared");
        Thread.sleep(300);
        assertThat(first.isConnected()).isTrue();
        assertThat(second.isConnected()).isTrue();
        first.disconnect();
        second.disconnect();
        first.close();
        second.close();
    }

    @Test
    void aDeviceCannotSubscribeToAnotherDevicesTopics() throws Exception {
        MqttDevice a = newDevice("iso-sub-a");
        MqttDevice b = MqttDevice.register(core, a.productKey(), "iso-sub-b");
        MqttClient client = a.connect(server, "a");
        for (String filter : new String[] {"/ota/device/upgrade/" + b.productKey() + "/" + b.deviceName(),
                "/sys/" + b.productKey() + "/" + b.deviceName() + "/#", "#", "/ota/device/upgrade/+/+"}) {
            assertThatThrownBy(() -> client.subscribe(filter, 1)).as(filter).isInstanceOf(MqttException.class);
        }
        client.subscribe("/ota/device/upgrade/" + a.productKey() + "/" + a.deviceName(), 1);
        client.subscribe("/sys/" + a.productKey() + "/" + a.deviceName() + "/#", 1);
        client.disconnect();
        client.close();
    }

    @Test
    void aDeviceCannotPublishToAnotherDevicesTopics() throws Exception {
        MqttDevice a = newDevice("iso-pub-a");
        MqttDevice b = MqttDevice.register(core, a.productKey(), "iso-pub-b");
        MqttClient victim = b.connect(server, "b");
        String victimTopic = "/" + b.productKey() + "/" + b.deviceName() + "/user/get";
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        victim.subscribe(victimTopic, 1, (topic, message) -> received.add(new String(message.getPayload(), StandardCharsets.UTF_8)));

        MqttClient intruder = a.connect(server, "a");
        try {
            intruder.publish(victimTopic, "forged".getBytes(StandardCharsets.UTF_8), 1, false);
        } catch (MqttException refused) {
            // MQTT 3.1.1 has no negative PUBACK: HiveMQ closes the connection instead.
        }
        victim.publish(victimTopic, "own".getBytes(StandardCharsets.UTF_8), 1, false);
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("own");
        assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
        victim.disconnect();
        victim.close();
        intruder.close();
    }

    @Test
    void aReportedVersionIsListedAndTheDefaultModuleIsTheFirmwareVersion() throws Exception {
        MqttDevice device = newDevice("reporter");
        MqttClient client = device.connect(server, "reporter-1");
        report(client, device, "{\"id\":\"123\",\"params\":{\"version\":\"1.0.1\",\"module\":\"MCU\"}}");
        report(client, device, "{\"id\":1,\"params\":{\"version\":\"2.0.0\"}}");
        // No waiting: a report is stored before its PUBACK.
        ListOTAModuleVersionsByDeviceResponse listed = versions(device);
        assertThat(listed.getTotal()).isEqualTo(2);
        assertThat(listed.getCurrentPage()).isEqualTo(1);
        assertThat(listed.getPageCount()).isEqualTo(1);
        assertThat(listed.getData()).extracting(ListOTAModuleVersionsByDeviceResponse.SimpleOTAModuleInfo::getModuleName,
                        ListOTAModuleVersionsByDeviceResponse.SimpleOTAModuleInfo::getModuleVersion)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("MCU", "1.0.1"),
                        org.assertj.core.groups.Tuple.tuple("default", "2.0.0"));
        assertThat(listed.getData()).allSatisfy(row -> {
            assertThat(row.getIotId()).isEqualTo(device.iotId());
            assertThat(row.getProductKey()).isEqualTo(device.productKey());
            assertThat(row.getDeviceName()).isEqualTo(device.deviceName());
        });
        assertThat(detail(device).getFirmwareVersion()).isEqualTo("2.0.0");

        report(client, device, "{\"id\":2,\"params\":{\"version\":\"2.0.1\",\"module\":\"default\"}}");
        assertThat(detail(device).getFirmwareVersion()).as("a new report replaces the old").isEqualTo("2.0.1");
        assertThat(versions(device).getTotal()).isEqualTo(2);

        com.aliyun.iot20180120.Client tea = Sdk.tea(server, TestServer.ACME, false);
        var teaListed = tea.listOTAModuleVersionsByDevice(new com.aliyun.iot20180120.models.ListOTAModuleVersionsByDeviceRequest()
                .setIotId(device.iotId()).setPageSize(1).setCurrentPage(2)).getBody();
        assertThat(teaListed.getTotal()).isEqualTo(2);
        assertThat(teaListed.getPageCount()).isEqualTo(2);
        assertThat(teaListed.getData().getSimpleOTAModuleInfo()).singleElement()
                .satisfies(row -> assertThat(row.getModuleName()).isEqualTo("default"));
        client.disconnect();
        client.close();
    }

    @Test
    void malformedReportsAreDroppedAndTheConnectionStaysUp() throws Exception {
        MqttDevice device = newDevice("garbage");
        MqttClient client = device.connect(server, "garbage-1");
        for (String payload : new String[] {"{not json", "[]", "42", "{}", "{\"params\":{}}",
                "{\"id\":1,\"params\":{\"version\":7}}", "{\"id\":{},\"params\":{\"version\":\"1\"}}",
                "{\"id\":1,\"params\":{\"version\":\"1\",\"module\":\"bad module!\"}}",
                "{\"id\":1,\"params\":{\"version\":\"" + "9".repeat(65) + "\"}}", ""}) {
            report(client, device, payload);
        }
        client.publish("/ota/device/inform/" + device.productKey() + "/" + device.deviceName(),
                new byte[] {(byte) 0xff, 0, 1}, 1, false);
        assertThat(client.isConnected()).isTrue();
        assertThat(versions(device).getTotal()).isZero();
        report(client, device, "{\"id\":\"9\",\"params\":{\"version\":\"3.0\"}}");
        assertThat(detail(device).getFirmwareVersion()).isEqualTo("3.0");
        client.disconnect();
        client.close();
    }

    @Test
    void aPayloadOverTheSizeLimitClosesOnlyThatConnectionAndStoresNothing() throws Exception {
        MqttDevice flooder = newDevice("flooder");
        MqttDevice neighbour = newDevice("neighbour");
        MqttClient flooding = flooder.connect(server, "flood-1");
        MqttClient bystander = neighbour.connect(server, "neighbour-1");
        String huge = "{\"id\":1,\"params\":{\"version\":\"1.0\",\"pad\":\"" + "x".repeat(1_048_576) + "\"}}";
        assertThatThrownBy(() -> report(flooding, flooder, huge)).isInstanceOf(MqttException.class);
        eventually(() -> !flooding.isConnected());
        flooding.close();
        assertThat(versions(flooder).getTotal()).isZero();
        assertThat(bystander.isConnected()).isTrue();
        report(bystander, neighbour, "{\"id\":2,\"params\":{\"version\":\"2.0\"}}");
        assertThat(detail(neighbour).getFirmwareVersion()).isEqualTo("2.0");
        MqttClient again = flooder.connect(server, "flood-2");
        report(again, flooder, "{\"id\":3,\"params\":{\"version\":\"1.1\"}}");
        assertThat(detail(flooder).getFirmwareVersion()).isEqualTo("1.1");
        again.disconnect();
        again.close();
        bystander.disconnect();
        bystander.close();
    }

    @Test
    void reportsForModulesTheProductDoesNotDefineAreStored() throws Exception {
        MqttDevice device = newDevice("undefined-module");
        MqttClient client = device.connect(server, "u-1");
        report(client, device, "{\"id\":1,\"params\":{\"version\":\"0.9\",\"module\":\"notYetCreated\"}}");
        assertThat(versions(device).getData()).singleElement()
                .satisfies(row -> assertThat(row.getModuleName()).isEqualTo("notYetCreated"));
        client.disconnect();
        client.close();
    }

    @Test
    void deletingADeviceDeletesItsReportedVersions() throws Exception {
        MqttDevice device = newDevice("forget-me");
        MqttClient client = device.connect(server, "f-1");
        report(client, device, "{\"id\":1,\"params\":{\"version\":\"1.0\"}}");
        client.disconnect();
        client.close();
        DeleteDeviceRequest delete = new DeleteDeviceRequest();
        delete.setIotId(device.iotId());
        core.getAcsResponse(delete);
        MqttDevice again = MqttDevice.register(core, device.productKey(), device.deviceName());
        assertThat(versions(again).getTotal()).isZero();
        assertThat(detail(again).getFirmwareVersion()).isNull();
    }
}
