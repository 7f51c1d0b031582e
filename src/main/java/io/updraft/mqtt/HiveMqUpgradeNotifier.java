package io.updraft.mqtt;

import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.publish.PublishToClientResult;
import io.updraft.batch.UpgradeNotifier;
import io.updraft.batch.UpgradeOffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Pushes an upgrade (ota-api.md §F.3) at QoS 1 on {@code /ota/device/upgrade/{pk}/{dn}} to the device's session on
 * this node. "Handed over" means the device is connected here, subscribed to its upgrade topic, and HiveMQ took the
 * message into the session's queue; a device that is not connected here gets nothing (the dispatcher tries again
 * when it connects and subscribes). It pushes through its own broker's services ({@link BrokerServices}).
 */
public final class HiveMqUpgradeNotifier implements UpgradeNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(HiveMqUpgradeNotifier.class);
    private static final long WAIT_SECONDS = 10;
    private final BrokerServices services;
    private final Clock clock;

    HiveMqUpgradeNotifier(BrokerServices services, Clock clock) {
        this.services = services;
        this.clock = clock;
    }

    @Override
    public boolean push(String productKey, String deviceName, UpgradeOffer offer) {
        String clientId = DeviceConnection.sessionClientId(productKey, deviceName);
        byte[] payload = UpgradeMessages.push(offer, clock.millis());
        try {
            if (!services.clients().isClientConnected(clientId).get(WAIT_SECONDS, TimeUnit.SECONDS)) {
                return false;
            }
            PublishToClientResult result = services.publishes().publishToClient(Builders.publish()
                            .topic(DeviceTopic.upgrade(productKey, deviceName)).qos(Qos.AT_LEAST_ONCE)
                            .payload(ByteBuffer.wrap(payload)).build(), clientId)
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            return result == PublishToClientResult.SUCCESSFUL;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // RuntimeException: the broker is not running (not yet, or no longer) on this node
            LOG.warn("Could not push task {} to {}/{}: {}", offer.taskPk(), productKey, deviceName, e.toString());
            return false;
        }
    }
}
