package io.updraft.mqtt;

import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionInformation;
import com.hivemq.extension.sdk.api.client.parameter.ListenerType;
import com.hivemq.extension.sdk.api.interceptor.connect.ConnectInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.connect.parameter.ConnectInboundInput;
import com.hivemq.extension.sdk.api.interceptor.connect.parameter.ConnectInboundOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import io.updraft.device.DeviceService;
import io.updraft.store.Ids;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * CONNECT handling in HiveMQ. Alibaba keys a device's session by its certificate, not by the MQTT client identifier
 * the device chooses, so the connect interceptor replaces the identifier by {@code productKey&deviceName} (keeping
 * the original for the signature): HiveMQ's own session take-over then disconnects a device's older connection
 * whatever identifier either used, and two devices that happen to pick the same identifier cannot evict each other.
 * Before any of that, the source address's CONNECT budget is charged ({@link ConnectAttempts}), and fields over
 * the bounds are left alone (HiveMQ's connection attributes hold a few KB) for the authenticator to refuse.
 * Refusals are logged through {@link RefusalLog}, never one line per attempt of a flood.
 */
final class HiveMqAuthentication implements ConnectInboundInterceptor, SimpleAuthenticator {
    static final String TOO_MANY_ATTEMPTS = "TOO_MANY_ATTEMPTS";
    private final DeviceAuthenticator authenticator;
    private final DeviceService devices;
    private final ConnectAttempts attempts;
    private final RefusalLog refusals;
    private final LocalConnections connections;

    HiveMqAuthentication(DeviceAuthenticator authenticator, DeviceService devices, ConnectAttempts attempts,
                         RefusalLog refusals, LocalConnections connections) {
        this.authenticator = authenticator;
        this.devices = devices;
        this.attempts = attempts;
        this.refusals = refusals;
        this.connections = connections;
    }

    @Override
    public void onConnect(ConnectInboundInput input, ConnectInboundOutput output) {
        ConnectPacket connect = input.getConnectPacket();
        if (!DeviceAuthenticator.withinBounds(connect.getClientId(), connect.getUserName().orElse(null), null)) {
            return;
        }
        input.getConnectionInformation().getConnectionAttributeStore()
                .putAsString(DeviceConnection.ORIGINAL_CLIENT_ID, connect.getClientId());
        Optional<DeviceLogin> login = DeviceLogin.parse(connect.getClientId(), connect.getUserName().orElse(null));
        login.ifPresent(l -> output.getConnectPacket()
                .setClientId(DeviceConnection.sessionClientId(l.productKey(), l.deviceName())));
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        ConnectPacket connect = input.getConnectPacket();
        ConnectionInformation connection = input.getConnectionInformation();
        ConnectionAttributeStore attributes = connection.getConnectionAttributeStore();
        String clientIdentifier = attributes.getAsString(DeviceConnection.ORIGINAL_CLIENT_ID).orElse(connect.getClientId());
        String userName = connect.getUserName().orElse(null);
        InetAddress source = connection.getInetAddress().orElse(null);
        String address = source == null ? "unknown address" : source.getHostAddress();
        if (!attempts.admit(source)) {
            refusals.refused(address, clientIdentifier, userName, TOO_MANY_ATTEMPTS);
            output.failAuthentication(ConnackReasonCode.QUOTA_EXCEEDED, TOO_MANY_ATTEMPTS);
            return;
        }
        byte[] password = connect.getPassword().map(HiveMqAuthentication::bytes).orElse(null);
        boolean overTls = connection.getListener().map(l -> l.getListenerType() == ListenerType.TLS_TCP_LISTENER)
                .orElse(false);
        DeviceAuthenticator.Outcome outcome = authenticator.authenticate(clientIdentifier, userName, password,
                connect.getKeepAlive(), overTls);
        if (!outcome.accepted()) {
            refusals.refused(address, clientIdentifier, userName, outcome.refusal().name());
            output.failAuthentication(reasonCode(outcome.refusal()), outcome.refusal().name());
            return;
        }
        DeviceConnection device = new DeviceConnection(outcome.device().id(), outcome.device().productKey(),
                outcome.device().name(), Ids.alnum(16));
        attributes.putAsString(DeviceConnection.ATTRIBUTE, device.encode());
        devices.connected(outcome.device(), device.connectionId(), source == null ? null : address);
        connections.opened(device);
        output.authenticateSuccessfully();
    }

    private static ConnackReasonCode reasonCode(DeviceAuthenticator.Refusal refusal) {
        return switch (refusal) {
            case OVERSIZED_LOGIN, MALFORMED_LOGIN, UNKNOWN_DEVICE, WRONG_PASSWORD ->
                    ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD;
            case SECURE_MODE_MISMATCH, DEVICE_DISABLED, KEEP_ALIVE_OUT_OF_RANGE -> ConnackReasonCode.NOT_AUTHORIZED;
        };
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
