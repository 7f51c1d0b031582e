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
 * either, and LinkSDK sends a fixed one. {@code securemode=2} must come over TLS and {@code securemode=3} over plain
 * TCP, so a device that asked for TLS is never served in the clear. Over-long fields are refused before anything
 * else: Alibaba's SDKs send identifiers of at most ~150 bytes, so the bounds leave room and cap what a hostile
 * client makes the server parse, store and log.
 */
public final class DeviceAuthenticator {
    public static final int MIN_KEEP_ALIVE = 30;
    public static final int MAX_KEEP_ALIVE = 1200;
    /** Bytes (UTF-8) of the client identifier: 64 characters of clientId plus Alibaba's extended parameters. */
    public static final int MAX_CLIENT_IDENTIFIER_BYTES = 256;
    /** Bytes of the user name {@code deviceName&productKey} (a DeviceName has at most 32 characters). */
    public static final int MAX_USER_NAME_BYTES = 256;
    /** Bytes of the password: an HMAC-SHA256 in hex is 64. */
    public static final int MAX_PASSWORD_BYTES = 256;
    private final DeviceService devices;
    private final UpdraftMetrics metrics;

    public DeviceAuthenticator(DeviceService devices, UpdraftMetrics metrics) {
        this.devices = devices;
        this.metrics = metrics;
    }

    public enum Refusal {
        OVERSIZED_LOGIN, MALFORMED_LOGIN, SECURE_MODE_MISMATCH, KEEP_ALIVE_OUT_OF_RANGE, UNKNOWN_DEVICE,
        DEVICE_DISABLED, WRONG_PASSWORD
    }

    /** Either the device, or why it is refused. */
    public record Outcome(Device device, Refusal refusal) {
        public boolean accepted() {
            return device != null;
        }
    }

    /** Whether the fields are within the bounds; null fields count as empty. */
    public static boolean withinBounds(String clientIdentifier, String userName, byte[] password) {
        return fits(clientIdentifier, MAX_CLIENT_IDENTIFIER_BYTES) && fits(userName, MAX_USER_NAME_BYTES)
                && (password == null || password.length <= MAX_PASSWORD_BYTES);
    }

    /** @param overTls whether the CONNECT came over the TLS listener */
    public Outcome authenticate(String clientIdentifier, String userName, byte[] password, int keepAliveSeconds,
                                boolean overTls) {
        Outcome outcome = decide(clientIdentifier, userName, password, keepAliveSeconds, overTls);
        if (outcome.accepted()) {
            metrics.mqttConnected();
        } else {
            metrics.mqttRefused(outcome.refusal().name());
        }
        return outcome;
    }

    private Outcome decide(String clientIdentifier, String userName, byte[] password, int keepAliveSeconds,
                           boolean overTls) {
        if (!withinBounds(clientIdentifier, userName, password)) {
            return refused(Refusal.OVERSIZED_LOGIN);
        }
        Optional<DeviceLogin> parsed = DeviceLogin.parse(clientIdentifier, userName);
        if (parsed.isEmpty() || password == null) {
            return refused(Refusal.MALFORMED_LOGIN);
        }
        if (parsed.get().tls() != overTls) {
            return refused(Refusal.SECURE_MODE_MISMATCH);
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

    private static boolean fits(String value, int maxBytes) {
        // UTF-8 takes at most 3 bytes per UTF-16 unit and at least 1: most values are decided without encoding
        return value == null || value.length() * 3 <= maxBytes
                || (value.length() <= maxBytes && value.getBytes(StandardCharsets.UTF_8).length <= maxBytes);
    }

    private static Outcome refused(Refusal refusal) {
        return new Outcome(null, refusal);
    }
}
