package io.updraft.mqtt;

import com.aliyuncs.IAcsClient;
import io.updraft.testing.MqttDevice;
import io.updraft.testing.NodeDeviceSdk;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Alibaba's Node device SDK subscribes at every connect to 16 topics of its own device, in the /sys, /shadow and
 * /ext namespaces (most of them Updraft does not serve): every one is granted; another device's are not.
 */
class DeviceSdkSubscriptionsTest {
    private final TestServer server = TestServer.shared();
    private final IAcsClient core = Sdk.core(server, TestServer.ACME);

    @Test
    void everyPresetSubscriptionOfTheNodeDeviceSdkIsGranted() throws Exception {
        MqttDevice device = MqttDevice.register(core, MqttDevice.newProduct(core), "node-sdk-1");

        Map<String, Integer> granted = NodeDeviceSdk.presetSubscriptions(server, device);

        assertThat(granted).hasSize(16);
        assertThat(granted).containsKeys("/shadow/get/" + device.productKey() + "/" + device.deviceName(),
                "/ext/session/" + device.productKey() + "/" + device.deviceName() + "/combine/login_reply",
                "/ext/session/" + device.productKey() + "/" + device.deviceName() + "/combine/logout_reply");
        assertThat(granted.values()).as("granted QoS per topic: %s", granted).allMatch(qos -> qos >= 0 && qos <= 2);
    }

    @Test
    void anotherDevicesTopicsInTheSameNamespacesAreStillRefused() throws Exception {
        String productKey = MqttDevice.newProduct(core);
        MqttDevice device = MqttDevice.register(core, productKey, "node-sdk-2");
        MqttDevice other = MqttDevice.register(core, productKey, "node-sdk-3");
        MqttClient client = device.connect(server, "sub-1");
        for (String filter : new String[] {"/shadow/get/" + productKey + "/" + other.deviceName(),
                "/ext/session/" + productKey + "/" + other.deviceName() + "/combine/login_reply",
                "/shadow/get/" + productKey + "/+", "/ext/#"}) {
            assertThatThrownBy(() -> client.subscribe(filter, 1)).as(filter).isInstanceOf(MqttException.class);
        }
        client.disconnect();
        client.close();
    }
}
