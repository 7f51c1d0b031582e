package io.updraft.mqtt;

import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionInformation;

import java.util.Optional;

/** Applies {@link TopicGuard} to every PUBLISH (and Will) and every SUBSCRIBE of a device connection. */
final class HiveMqAuthorization implements PublishAuthorizer, SubscriptionAuthorizer {

    @Override
    public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
        if (allowed(input.getConnectionInformation(), input.getPublishPacket().getTopic())) {
            output.authorizeSuccessfully();
        } else {
            output.failAuthorization();
        }
    }

    @Override
    public void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
        if (allowed(input.getConnectionInformation(), input.getSubscription().getTopicFilter())) {
            output.authorizeSuccessfully();
        } else {
            output.failAuthorization();
        }
    }

    private static boolean allowed(ConnectionInformation connection, String topic) {
        Optional<DeviceConnection> device = DeviceConnection.decode(
                connection.getConnectionAttributeStore().getAsString(DeviceConnection.ATTRIBUTE));
        return device.isPresent() && TopicGuard.allows(device.get().productKey(), device.get().deviceName(), topic);
    }
}
