package io.updraft.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One device connecting through Alibaba's official Node device SDK {@code alibabacloud-iot-device-sdk}, unmodified
 * (installed with pop-core, see {@link PopCoreInstall}); for {@code mqtts://} URLs Node trusts the given CA through
 * NODE_EXTRA_CA_CERTS, as a user would set it up (the SDK passes no TLS options of its own to mqtt.js).
 */
public final class NodeDeviceSdk {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeDeviceSdk() {
    }

    /** What the SDK reported: connected (CONNACK accepted) and the version report acknowledged. */
    public record Outcome(boolean connected, boolean informed, String error) {
    }

    public static Outcome connectAndReport(String brokerUrl, MqttDevice device, String version, Path caPem) {
        byte[] input;
        try {
            input = JSON.writeValueAsBytes(Map.of("brokerUrl", brokerUrl, "productKey", device.productKey(),
                    "deviceName", device.deviceName(), "deviceSecret", device.deviceSecret(), "version", version,
                    "timeoutMs", 20_000));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = caPem == null ? Map.of()
                : Map.of("NODE_EXTRA_CA_CERTS", caPem.toAbsolutePath().toString());
        JsonNode out = PopCoreClient.runNode(PopCoreInstall.DEVICE_SCRIPT, PopCoreInstall.directory(), input, 40, env);
        return new Outcome(out.path("connected").asBoolean(), out.path("informed").asBoolean(),
                out.path("error").asText(null));
    }
}
