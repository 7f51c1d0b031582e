package io.updraft.mqtt;

import io.updraft.device.Device;
import io.updraft.device.DeviceService;

import io.updraft.metrics.UpdraftMetrics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether an MQTT CONNECT is a registered device proving it holds its DeviceSecret, exactly as Alibaba's
 * devices sign (ota-api.md §F.0). The timestamp is signed but not checked for freshness: Alibaba does not check it
 * either, and LinkSDK sends a fixed one.
 */
public final class DeviceAuthenticator {
    public static final int MIN_KEEP_ALIVE = 30;
    public static final int MAX_KEEP_ALIVE = 1200;
    private final DeviceService devices;
    private final UpdraftMetrics metrics;

    public DeviceAuthenticator(DeviceService devices, UpdraftMetrics metrics) {
        this.devices = devices;
        this.metrics = metrics;
    }

    public enum Refusal {
        MALFORMED_LOGIN, KEEP_ALIVE_OUT_OF_RANGE, UNKNOWN_DEVICE, DEVICE_DISABLED, WRONG_PASSWORD
    }

    /** Either the device, or why it is refused. */
    public record Outcome(Device device, Refusal refusal) {
        public boolean accepted() {
            return device != null;
        }
    }

    public Outcome authenticate(String clientIdentifier, String userName, byte[] password, int keepAliveSeconds) {
        Outcome outcome = decide(clientIdentifier, userName, password, keepAliveSeconds);
        if (outcome.accepted()) {
            metrics.mqttConnected();
        } else {
            metrics.mqttRefused(outcome.refusal().name());
        }
        return outcome;
    }

    private Outcome decide(String clientIdentifier, String userName, byte[] password, int keepAliveSeconds) {
        Optional<DeviceLogin> parsed = DeviceLogin.parse(clientIdentifier, userName);
        if (parsed.isEmpty() || password == null) {
            return refused(Refusal.MALFORMED_LOGIN);
        }
        if (keepAliveSeconds < MIN_KEEP_ALIVE || keepAliveSeconds > MAX_KEEP_ALIVE) {
            return refused(Refusal.KEEP_ALIVE_OUT_OF_RANGE);
        }
        DeviceLogin login = parsed.get();
        Optional<Device> found = devices.findForConnection(login.productKey(), login.deviceName());
        if (found.isEmpty()) {
            return refused(Refusal.UNKNOWN_DEVICE);
        }
        Device device = found.get();
        String expected = login.signMethod().sign(device.secret(), login.signContent());
        String received = new String(password, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        // Constant time, so that response timing does not reveal how much of a guessed password was right.
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), received.getBytes(StandardCharsets.UTF_8))) {
            return refused(Refusal.WRONG_PASSWORD);
        }
        if (device.disabled()) {
            return refused(Refusal.DEVICE_DISABLED);
        }
        return new Outcome(device, null);
    }

    private static Outcome refused(Refusal refusal) {
        return new Outcome(null, refusal);
    }
}
