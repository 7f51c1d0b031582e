package io.updraft.mqtt;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static java.nio.charset.StandardCharsets.UTF_8;

/** The {@code signmethod} values of an Alibaba device's client identifier, and the HMAC each names. */
public enum SignMethod {
    HMACMD5("HmacMD5"), HMACSHA1("HmacSHA1"), HMACSHA256("HmacSHA256");

    private final String jcaName;

    SignMethod(String jcaName) {
        this.jcaName = jcaName;
    }

    public static Optional<SignMethod> of(String wireName) {
        for (SignMethod method : values()) {
            if (method.name().toLowerCase(Locale.ROOT).equals(wireName)) {
                return Optional.of(method);
            }
        }
        return Optional.empty();
    }

    /** Lower-case hex HMAC of {@code content} keyed with the DeviceSecret: the MQTT password. */
    public String sign(String deviceSecret, String content) {
        try {
            Mac mac = Mac.getInstance(jcaName);
            mac.init(new SecretKeySpec(deviceSecret.getBytes(UTF_8), jcaName));
            return HexFormat.of().formatHex(mac.doFinal(content.getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(jcaName + " unavailable in this JRE", e);
        }
    }
}
