package io.updraft.mqtt;

import com.hivemq.extension.sdk.api.interceptor.suback.SubackOutboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.suback.parameter.SubackOutboundInput;
import com.hivemq.extension.sdk.api.interceptor.suback.parameter.SubackOutboundOutput;
import com.hivemq.extension.sdk.api.interceptor.subscribe.SubscribeInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.subscribe.parameter.SubscribeInboundInput;
import com.hivemq.extension.sdk.api.interceptor.subscribe.parameter.SubscribeInboundOutput;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.Subscription;
import io.updraft.batch.DeviceUpgrades;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * One per connection: when the device subscribes to a filter that receives its upgrade topic and the broker grants
 * it, the batch engine is told ({@link DeviceUpgrades#upgradeTopicSubscribed}) so that a task the device should
 * already have is pushed (again): a device that was offline gets its push when it comes back. The SUBSCRIBE is
 * remembered by packet id until its SUBACK, which is built after the subscription is in place; the engine is called
 * on {@code executor}, off HiveMQ's threads, so the SUBACK leaves first and the push has a subscription to go to.
 */
final class HiveMqUpgradeSubscriptions implements SubscribeInboundInterceptor, SubackOutboundInterceptor {
    private static final Logger LOG = LoggerFactory.getLogger(HiveMqUpgradeSubscriptions.class);
    private final DeviceUpgrades upgrades;
    private final Executor executor;
    /** SUBSCRIBE packet id -> positions of its filters that match the upgrade topic. */
    private final Map<Integer, List<Integer>> pending = new ConcurrentHashMap<>();

    HiveMqUpgradeSubscriptions(DeviceUpgrades upgrades, Executor executor) {
        this.upgrades = upgrades;
        this.executor = executor;
    }

    @Override
    public void onInboundSubscribe(SubscribeInboundInput input, SubscribeInboundOutput output) {
        Optional<DeviceConnection> device = device(input.getConnectionInformation().getConnectionAttributeStore()
                .getAsString(DeviceConnection.ATTRIBUTE));
        if (device.isEmpty()) {
            return;
        }
        List<Subscription> subscriptions = input.getSubscribePacket().getSubscriptions();
        List<Integer> matching = new ArrayList<>();
        for (int i = 0; i < subscriptions.size(); i++) {
            if (DeviceTopic.filterMatchesUpgrade(subscriptions.get(i).getTopicFilter(), device.get().productKey(),
                    device.get().deviceName())) {
                matching.add(i);
            }
        }
        if (!matching.isEmpty()) {
            pending.put(input.getSubscribePacket().getPacketId(), matching);
        }
    }

    @Override
    public void onOutboundSuback(SubackOutboundInput input, SubackOutboundOutput output) {
        List<Integer> matching = pending.remove(input.getSubackPacket().getPacketIdentifier());
        if (matching == null) {
            return;
        }
        List<SubackReasonCode> codes = input.getSubackPacket().getReasonCodes();
        boolean granted = matching.stream().anyMatch(i -> i < codes.size() && isGranted(codes.get(i)));
        Optional<DeviceConnection> device = device(input.getConnectionInformation().getConnectionAttributeStore()
                .getAsString(DeviceConnection.ATTRIBUTE));
        if (!granted || device.isEmpty()) {
            return;
        }
        String productKey = device.get().productKey();
        String deviceName = device.get().deviceName();
        executor.execute(() -> {
            try {
                upgrades.upgradeTopicSubscribed(productKey, deviceName);
            } catch (RuntimeException e) {
                LOG.warn("Could not look up the pending upgrade of {}/{} after it subscribed: {}", productKey,
                        deviceName, e.toString());
            }
        });
    }

    private static boolean isGranted(SubackReasonCode code) {
        return code == SubackReasonCode.GRANTED_QOS_0 || code == SubackReasonCode.GRANTED_QOS_1
                || code == SubackReasonCode.GRANTED_QOS_2;
    }

    private static Optional<DeviceConnection> device(Optional<String> attribute) {
        return DeviceConnection.decode(attribute);
    }
}
