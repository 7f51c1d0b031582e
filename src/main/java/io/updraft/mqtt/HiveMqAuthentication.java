package io.updraft.mqtt;

import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.interceptor.connect.ConnectInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.connect.parameter.ConnectInboundInput;
import com.hivemq.extension.sdk.api.interceptor.connect.parameter.ConnectInboundOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import io.updraft.device.DeviceService;
import io.updraft.store.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * CONNECT handling in HiveMQ. Alibaba keys a device's session by its certificate, not by the MQTT client identifier
 * the device chooses, so the connect interceptor replaces the identifier by {@code productKey&deviceName} (keeping
 * the original for the signature): HiveMQ's own session take-over then disconnects a device's older connection
 * whatever identifier either used, and two devices that happen to pick the same identifier cannot evict each other.
 */
final class HiveMqAuthentication implements ConnectInboundInterceptor, SimpleAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(HiveMqAuthentication.class);
    private final DeviceAuthenticator authenticator;
    private final DeviceService devices;
    private final LocalConnections connections;

    HiveMqAuthentication(DeviceAuthenticator authenticator, DeviceService devices, LocalConnections connections) {
        this.authenticator = authenticator;
        this.devices = devices;
        this.connections = connections;
    }

    @Override
    public void onConnect(ConnectInboundInput input, ConnectInboundOutput output) {
        ConnectPacket connect = input.getConnectPacket();
        input.getConnectionInformation().getConnectionAttributeStore()
                .putAsString(DeviceConnection.ORIGINAL_CLIENT_ID, connect.getClientId());
        Optional<DeviceLogin> login = DeviceLogin.parse(connect.getClientId(), connect.getUserName().orElse(null));
        login.ifPresent(l -> output.getConnectPacket()
                .setClientId(DeviceConnection.sessionClientId(l.productKey(), l.deviceName())));
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        ConnectPacket connect = input.getConnectPacket();
        ConnectionAttributeStore attributes = input.getConnectionInformation().getConnectionAttributeStore();
        String clientIdentifier = attributes.getAsString(DeviceConnection.ORIGINAL_CLIENT_ID).orElse(connect.getClientId());
        byte[] password = connect.getPassword().map(HiveMqAuthentication::bytes).orElse(null);
        DeviceAuthenticator.Outcome outcome = authenticator.authenticate(clientIdentifier,
                connect.getUserName().orElse(null), password, connect.getKeepAlive());
        if (!outcome.accepted()) {
            LOG.info("Refused MQTT connection {} ({}): {}", clientIdentifier, connect.getUserName().orElse(""),
                    outcome.refusal());
            output.failAuthentication(reasonCode(outcome.refusal()), outcome.refusal().name());
            return;
        }
        DeviceConnection connection = new DeviceConnection(outcome.device().id(), outcome.device().productKey(),
                outcome.device().name(), Ids.alnum(16));
        attributes.putAsString(DeviceConnection.ATTRIBUTE, connection.encode());
        devices.connected(outcome.device(), connection.connectionId(),
                input.getConnectionInformation().getInetAddress().map(InetAddress::getHostAddress).orElse(null));
        connections.opened(connection);
        output.authenticateSuccessfully();
    }

    private static ConnackReasonCode reasonCode(DeviceAuthenticator.Refusal refusal) {
        return switch (refusal) {
            case MALFORMED_LOGIN, UNKNOWN_DEVICE, WRONG_PASSWORD -> ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD;
            case DEVICE_DISABLED, KEEP_ALIVE_OUT_OF_RANGE -> ConnackReasonCode.NOT_AUTHORIZED;
        };
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
