package io.updraft.mqtt;

import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.publish.PublishService;
import com.hivemq.extension.sdk.api.services.session.ClientService;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The services of one embedded broker, taken when its extension starts. HiveMQ's {@link Services} are static and
 * point at the broker that started last: a process that starts a second broker (tests do, a restart does) would
 * otherwise push, reply and disconnect through the other one. Empty until the broker has started.
 */
final class BrokerServices {
    private record Bound(ClientService clients, PublishService publishes) {
    }

    private final AtomicReference<Bound> bound = new AtomicReference<>();

    /** Called from the extension's start, while {@link Services} point at this broker. */
    void capture() {
        bound.set(new Bound(Services.clientService(), Services.publishService()));
    }

    /** @throws IllegalStateException before the broker has started */
    ClientService clients() {
        return require().clients();
    }

    /** @throws IllegalStateException before the broker has started */
    PublishService publishes() {
        return require().publishes();
    }

    private Bound require() {
        Bound b = bound.get();
        if (b == null) {
            throw new IllegalStateException("the MQTT broker has not started");
        }
        return b;
    }
}
