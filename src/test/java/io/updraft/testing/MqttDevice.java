package io.updraft.testing;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.CreateProductRequest;
import com.aliyuncs.iot.model.v20180120.ListOTAModuleVersionsByDeviceRequest;
import com.aliyuncs.iot.model.v20180120.ListOTAModuleVersionsByDeviceResponse;
import com.aliyuncs.iot.model.v20180120.RegisterDeviceRequest;
import com.aliyuncs.iot.model.v20180120.RegisterDeviceResponse;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * A device registered through the official SDK, with its certificate, and the MQTT CONNECT fields an Alibaba
 * device computes from it (signed here independently of the server's code, with javax.crypto).
 */
public record MqttDevice(String productKey, String deviceName, String deviceSecret, String iotId) {

    public static String newProduct(IAcsClient core) throws Exception {
        CreateProductRequest create = new CreateProductRequest();
        create.setProductName("mqtt_" + UUID.randomUUID().toString().substring(0, 8));
        create.setNodeType(0);
        return core.getAcsResponse(create).getProductKey();
    }

    public static MqttDevice register(IAcsClient core, String productKey, String deviceName) throws Exception {
        RegisterDeviceRequest request = new RegisterDeviceRequest();
        request.setProductKey(productKey);
        request.setDeviceName(deviceName);
        RegisterDeviceResponse.Data data = core.getAcsResponse(request).getData();
        return new MqttDevice(data.getProductKey(), data.getDeviceName(), data.getDeviceSecret(), data.getIotId());
    }

    public String clientIdentifier(String clientId, String signMethod, String timestamp) {
        return clientIdentifier(clientId, 3, signMethod, timestamp);
    }

    /** @param secureMode 2 (TLS) or 3 (plain TCP) */
    public String clientIdentifier(String clientId, int secureMode, String signMethod, String timestamp) {
        return clientId + "|securemode=" + secureMode + ",signmethod=" + signMethod
                + (timestamp == null ? "" : ",timestamp=" + timestamp) + "|";
    }

    public String userName() {
        return deviceName + "&" + productKey;
    }

    public String password(String clientId, String signMethod, String timestamp, String secret) {
        String content = "clientId" + clientId + "deviceName" + deviceName + "productKey" + productKey
                + (timestamp == null ? "" : "timestamp" + timestamp);
        String algorithm = switch (signMethod) {
            case "hmacmd5" -> "HmacMD5";
            case "hmacsha1" -> "HmacSHA1";
            default -> "HmacSHA256";
        };
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Paho 3.1.1 client for this device, not yet connected. */
    public MqttClient client(TestServer server, String clientId, String signMethod) throws MqttException {
        return new MqttClient(server.mqttUri(), clientIdentifier(clientId, signMethod, "1700000000000"),
                new MemoryPersistence());
    }

    public MqttConnectOptions options(String clientId, String signMethod, String secret, int keepAlive) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setUserName(userName());
        options.setPassword(password(clientId, signMethod, "1700000000000", secret).toCharArray());
        options.setKeepAliveInterval(keepAlive);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        return options;
    }

    /**
     * Paho 3.1.1 client to {@code uri} announcing {@code secureMode}, connected with the right password (hmacsha1)
     * and the given socket factory: a TLS one for {@code ssl://} URIs.
     */
    public MqttClient connect(String uri, int secureMode, String clientId, javax.net.SocketFactory sockets)
            throws MqttException {
        MqttClient client = new MqttClient(uri, clientIdentifier(clientId, secureMode, "hmacsha1", "1700000000000"),
                new MemoryPersistence());
        MqttConnectOptions options = options(clientId, "hmacsha1", deviceSecret, 60);
        options.setSocketFactory(sockets);
        try {
            client.connect(options);
        } catch (MqttException e) {
            client.close();
            throw e;
        }
        return client;
    }

    /** Connected with the right password, hmacsha1, keep alive 60 s. */
    public MqttClient connect(TestServer server, String clientId) throws MqttException {
        MqttClient client = client(server, clientId, "hmacsha1");
        client.connect(options(clientId, "hmacsha1", deviceSecret, 60));
        return client;
    }

    /** The versions this device reported, one per module, as {@code ListOTAModuleVersionsByDevice} lists them. */
    public List<String> reportedVersions(IAcsClient core) throws Exception {
        ListOTAModuleVersionsByDeviceRequest request = new ListOTAModuleVersionsByDeviceRequest();
        request.setProductKey(productKey);
        request.setDeviceName(deviceName);
        request.setCurrentPage(1);
        request.setPageSize(200);
        return core.getAcsResponse(request).getData().stream()
                .map(ListOTAModuleVersionsByDeviceResponse.SimpleOTAModuleInfo::getModuleVersion).toList();
    }
}
