package io.updraft.mqtt;

import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import io.updraft.device.DeviceService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks a device OFFLINE when its connection ends, whatever the cause. The device is marked ONLINE at
 * authentication; a taken-over connection ending later does not mark the new one offline, because the status
 * update names the connection.
 */
final class HiveMqPresence implements ClientLifecycleEventListener {
    private static final Logger LOG = LoggerFactory.getLogger(HiveMqPresence.class);
    private final DeviceService devices;
    private final LocalConnections connections;

    HiveMqPresence(DeviceService devices, LocalConnections connections) {
        this.devices = devices;
        this.connections = connections;
    }

    @Override
    public void onMqttConnectionStart(ConnectionStartInput input) {
    }

    @Override
    public void onAuthenticationSuccessful(AuthenticationSuccessfulInput input) {
    }

    @Override
    public void onDisconnect(DisconnectEventInput input) {
        DeviceConnection.decode(input.getConnectionInformation().getConnectionAttributeStore()
                .getAsString(DeviceConnection.ATTRIBUTE)).ifPresent(device -> {
            connections.closed(device);
            try {
                devices.disconnected(device.deviceId(), device.connectionId());
            } catch (RuntimeException e) {
                LOG.warn("Could not mark {}/{} offline", device.productKey(), device.deviceName(), e);
            }
        });
    }
}
