package io.updraft.mqtt;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.QueryDeviceDetailRequest;
import io.updraft.testing.MqttDevice;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The same device channel over MQTT 5 (Paho mqttv5): sign check, refusal reason codes, a version report. */
class DeviceChannelMqtt5Test {
    private static final String TIMESTAMP = "1700000000000";
    private final TestServer server = TestServer.shared();
    private final IAcsClient core = Sdk.core(server, TestServer.ACME);

    private MqttClient client(MqttDevice device, String clientId) throws MqttException {
        return new MqttClient(server.mqttUri(), device.clientIdentifier(clientId, "hmacsha256", TIMESTAMP),
                new MemoryPersistence());
    }

    private static MqttConnectionOptions options(MqttDevice device, String clientId, String secret, int keepAlive) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(device.userName());
        options.setPassword(device.password(clientId, "hmacsha256", TIMESTAMP, secret).getBytes(StandardCharsets.UTF_8));
        options.setKeepAliveInterval(keepAlive);
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        return options;
    }

    @Test
    void anMqtt5DeviceConnectsAndReportsItsFirmwareVersion() throws Exception {
        MqttDevice device = MqttDevice.register(core, MqttDevice.newProduct(core), "v5-device");
        MqttClient client = client(device, "v5");
        client.connect(options(device, "v5", device.deviceSecret(), 300));
        client.publish("/ota/device/inform/" + device.productKey() + "/" + device.deviceName(),
                "{\"id\":7,\"params\":{\"version\":\"5.0.0\"}}".getBytes(StandardCharsets.UTF_8), 1, false);
        QueryDeviceDetailRequest request = new QueryDeviceDetailRequest();
        request.setIotId(device.iotId());
        assertThat(core.getAcsResponse(request).getData().getFirmwareVersion()).isEqualTo("5.0.0");
        client.disconnect();
        client.close();
    }

    @Test
    void aWrongPasswordIsRefusedWithBadUserNameOrPassword() throws Exception {
        MqttDevice device = MqttDevice.register(core, MqttDevice.newProduct(core), "v5-wrong");
        MqttClient client = client(device, "v5");
        assertThatThrownBy(() -> client.connect(options(device, "v5", "y".repeat(32), 300)))
                .isInstanceOf(MqttException.class)
                .extracting(e -> ((MqttException) e).getReasonCode()).isEqualTo(0x86);
        client.close();
    }

    @Test
    void aKeepAliveOutOfRangeIsRefusedAsNotAuthorized() throws Exception {
        MqttDevice device = MqttDevice.register(core, MqttDevice.newProduct(core), "v5-keepalive");
        MqttClient client = client(device, "v5");
        assertThatThrownBy(() -> client.connect(options(device, "v5", device.deviceSecret(), 10)))
                .isInstanceOf(MqttException.class)
                .extracting(e -> ((MqttException) e).getReasonCode()).isEqualTo(0x87);
        client.close();
    }

    @Test
    void aSubscriptionToAnotherDevicesTopicIsRefused() throws Exception {
        MqttDevice device = MqttDevice.register(core, MqttDevice.newProduct(core), "v5-sub");
        MqttAsyncClient client = new MqttAsyncClient(server.mqttUri(),
                device.clientIdentifier("v5", "hmacsha256", TIMESTAMP), new MemoryPersistence());
        client.connect(options(device, "v5", device.deviceSecret(), 300)).waitForCompletion(10_000);
        IMqttToken token = client.subscribe(new MqttSubscription(
                "/ota/device/upgrade/" + device.productKey() + "/someone-else", 1));
        token.waitForCompletion(10_000);
        assertThat(token.getReasonCodes()).containsExactly(0x87);
        client.disconnect().waitForCompletion(10_000);
        client.close();
    }
}
