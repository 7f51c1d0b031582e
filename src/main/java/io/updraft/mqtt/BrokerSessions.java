package io.updraft.mqtt;

import io.updraft.device.DeviceSessions;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The domain's {@link DeviceSessions} on top of the broker, which starts after the services that call it: until it
 * has started, and after it closed, there is no connection to end.
 */
public final class BrokerSessions implements DeviceSessions {
    private final AtomicReference<DeviceBroker> broker = new AtomicReference<>();

    public void bind(DeviceBroker started) {
        broker.set(started);
    }

    @Override
    public void end(String productKey, String deviceName) {
        DeviceBroker b = broker.get();
        if (b != null) {
            b.disconnect(productKey, deviceName);
        }
    }

    @Override
    public void endIfCurrent(String productKey, String deviceName, String connectionId) {
        DeviceBroker b = broker.get();
        if (b != null) {
            b.disconnectIfCurrent(productKey, deviceName, connectionId);
        }
    }

    @Override
    public void endAll() {
        DeviceBroker b = broker.get();
        if (b != null) {
            b.disconnectAll();
        }
    }
}
