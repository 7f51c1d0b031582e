package io.updraft.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Alibaba's official Node device SDK ({@code alibabacloud-iot-device-sdk}, installed by npm like pop-core) connecting
 * one device to the test broker; it subscribes to its preset topics at connect, as it does against Alibaba.
 */
public final class NodeDeviceSdk {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeDeviceSdk() {
    }

    /** Connects the device and returns each preset subscription's topic with the QoS the broker granted (128: refused). */
    public static Map<String, Integer> presetSubscriptions(TestServer server, MqttDevice device) {
        Path dir = PopCoreInstall.directory();
        Process node = null;
        try {
            Path stderr = Files.createTempFile(dir, "device-sdk-stderr", ".log");
            node = new ProcessBuilder(PopCoreInstall.nodeCommand(), PopCoreInstall.DEVICE_SCRIPT,
                    "mqtt://127.0.0.1:" + server.mqttPort(), device.productKey(), device.deviceName(),
                    device.deviceSecret())
                    .directory(dir.toFile()).redirectError(stderr.toFile()).start();
            node.getOutputStream().close();
            byte[] out = node.getInputStream().readAllBytes();
            if (!node.waitFor(30, TimeUnit.SECONDS) || node.exitValue() != 0) {
                throw new IllegalStateException("node " + PopCoreInstall.DEVICE_SCRIPT + " failed; stdout: "
                        + new String(out, StandardCharsets.UTF_8) + "; stderr: " + Files.readString(stderr));
            }
            Map<String, Integer> granted = new LinkedHashMap<>();
            for (JsonNode grant : JSON.readTree(out).path("granted")) {
                granted.put(grant.path("topic").asText(), grant.path("qos").asInt());
            }
            return granted;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (node != null && node.isAlive()) {
                node.destroyForcibly();
            }
        }
    }
}
