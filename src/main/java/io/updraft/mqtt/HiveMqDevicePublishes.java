package io.updraft.mqtt;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.publish.PublishToClientResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;

/**
 * Routes a device's publishes on its OTA topics ({@link DeviceTopic}) to their handlers, synchronously, inside the
 * interceptor: HiveMQ sends the PUBACK only after the interceptor returns, so an acknowledged report is already
 * stored. If storing fails (database down), the connection is closed before the PUBACK can go out, and the device
 * re-sends when it reconnects. A handler's reply goes to the device's own session on its reply topic.
 */
final class HiveMqDevicePublishes implements PublishInboundInterceptor {
    private final BrokerServices services;
    private static final Logger LOG = LoggerFactory.getLogger(HiveMqDevicePublishes.class);
    private final Map<DeviceTopic, DeviceMessageHandler> handlers;

    HiveMqDevicePublishes(Map<DeviceTopic, DeviceMessageHandler> handlers, BrokerServices services) {
        this.services = services;
        this.handlers = Map.copyOf(handlers);
    }

    @Override
    public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
        Optional<DeviceConnection> device = DeviceConnection.decode(input.getConnectionInformation()
                .getConnectionAttributeStore().getAsString(DeviceConnection.ATTRIBUTE));
        if (device.isEmpty()) {
            return;
        }
        String productKey = device.get().productKey();
        String deviceName = device.get().deviceName();
        Optional<DeviceMessageHandler> handler = DeviceTopic.of(input.getPublishPacket().getTopic(), productKey,
                deviceName).map(handlers::get);
        if (handler.isEmpty()) {
            return;
        }
        byte[] payload = input.getPublishPacket().getPayload().map(HiveMqDevicePublishes::bytes).orElse(new byte[0]);
        Optional<DeviceMessageHandler.DeviceReply> reply;
        try {
            reply = handler.get().handle(productKey, deviceName, payload);
        } catch (RuntimeException e) {
            LOG.error("Could not handle a publish from {}/{} on {}; closing its connection so that it is not "
                    + "acknowledged", productKey, deviceName, input.getPublishPacket().getTopic(), e);
            services.clients().disconnectClient(input.getClientInformation().getClientId());
            output.preventPublishDelivery();
            return;
        }
        reply.ifPresent(r -> send(input.getClientInformation().getClientId(), r));
    }

    private void send(String clientId, DeviceMessageHandler.DeviceReply reply) {
        services.publishes().publishToClient(Builders.publish().topic(reply.topic()).qos(Qos.AT_LEAST_ONCE)
                        .payload(ByteBuffer.wrap(reply.payload())).build(), clientId)
                .whenComplete((result, failure) -> {
                    if (failure != null) {
                        LOG.warn("Could not send {} to {}: {}", reply.topic(), clientId, failure.toString());
                    } else if (result != PublishToClientResult.SUCCESSFUL) {
                        LOG.info("Reply on {} not sent: {} has not subscribed to it", reply.topic(), clientId);
                    }
                });
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
