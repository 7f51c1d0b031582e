package io.updraft.mqtt;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identity fields of an Alibaba device's MQTT CONNECT (ota-api.md §F.0): client identifier
 * {@code <clientId>|securemode=3,signmethod=hmacsha1,timestamp=<ms>|} and user name {@code <deviceName>&<productKey>}.
 * Unknown extended parameters (LinkSDK adds {@code _v}, {@code _ss}, {@code ext}, and a trailing comma) are ignored.
 */
public record DeviceLogin(String clientId, SignMethod signMethod, String timestamp, String productKey,
                          String deviceName, boolean tls) {
    private static final Pattern CLIENT_IDENTIFIER = Pattern.compile("([^|]{1,64})\\|([^|]*)\\|");
    private static final Pattern USER_NAME = Pattern.compile("([^&]+)&([^&]+)");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");

    /** Empty when either field does not have the documented shape. */
    public static Optional<DeviceLogin> parse(String clientIdentifier, String userName) {
        if (clientIdentifier == null || userName == null) {
            return Optional.empty();
        }
        Matcher id = CLIENT_IDENTIFIER.matcher(clientIdentifier);
        Matcher user = USER_NAME.matcher(userName);
        if (!id.matches() || !user.matches()) {
            return Optional.empty();
        }
        String secureMode = null;
        String signMethod = "hmacmd5";
        String timestamp = null;
        for (String param : id.group(2).split(",")) {
            int eq = param.indexOf('=');
            if (param.isEmpty()) {
                continue;
            }
            if (eq < 0) {
                return Optional.empty();
            }
            String value = param.substring(eq + 1);
            switch (param.substring(0, eq)) {
                case "securemode" -> secureMode = value;
                case "signmethod" -> signMethod = value;
                case "timestamp" -> timestamp = value;
                default -> { }
            }
        }
        // securemode 2 (TLS) or 3 (TCP); whether it matches the transport the device used is the authenticator's call
        if (!"2".equals(secureMode) && !"3".equals(secureMode)) {
            return Optional.empty();
        }
        if (timestamp != null && !DIGITS.matcher(timestamp).matches()) {
            return Optional.empty();
        }
        String ts = timestamp;
        boolean tls = "2".equals(secureMode);
        return SignMethod.of(signMethod)
                .map(method -> new DeviceLogin(id.group(1), method, ts, user.group(2), user.group(1), tls));
    }

    /** The signed content: parameters sorted by name, concatenated as name + value; timestamp only if sent. */
    public String signContent() {
        return "clientId" + clientId + "deviceName" + deviceName + "productKey" + productKey
                + (timestamp == null ? "" : "timestamp" + timestamp);
    }
}
