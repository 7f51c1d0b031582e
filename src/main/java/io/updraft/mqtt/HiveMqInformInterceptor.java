package io.updraft.mqtt;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.services.Services;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Hands version reports to {@link InformHandler} synchronously, inside the interceptor: HiveMQ sends the PUBACK
 * only after the interceptor returns, so an acknowledged report is already stored. If storing fails (database
 * down), the connection is closed before the PUBACK can go out, and the device re-sends the report when it
 * reconnects. Malformed reports are dropped by the handler and the connection stays up.
 */
final class HiveMqInformInterceptor implements PublishInboundInterceptor {
    private static final Logger LOG = LoggerFactory.getLogger(HiveMqInformInterceptor.class);
    private final InformHandler handler;

    HiveMqInformInterceptor(InformHandler handler) {
        this.handler = handler;
    }

    @Override
    public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
        Optional<DeviceConnection> device = DeviceConnection.decode(input.getConnectionInformation()
                .getConnectionAttributeStore().getAsString(DeviceConnection.ATTRIBUTE));
        String topic = input.getPublishPacket().getTopic();
        if (device.isEmpty() || !InformHandler.isInformTopic(topic, device.get().productKey(), device.get().deviceName())) {
            return;
        }
        byte[] payload = input.getPublishPacket().getPayload().map(HiveMqInformInterceptor::bytes).orElse(new byte[0]);
        try {
            handler.handle(device.get().productKey(), device.get().deviceName(), payload);
        } catch (RuntimeException e) {
            LOG.error("Could not store a version report from {}/{}; closing its connection so that it is not "
                    + "acknowledged", device.get().productKey(), device.get().deviceName(), e);
            Services.clientService().disconnectClient(input.getClientInformation().getClientId());
            output.preventPublishDelivery();
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
