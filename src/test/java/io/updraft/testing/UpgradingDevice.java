package io.updraft.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A device that follows Alibaba's OTA protocol (ota-api.md §F) over Paho MQTT 3.1.1, written from the protocol and
 * independently of the server's code: it subscribes to its upgrade topic and the get_reply / download_reply topics,
 * records every push, reports versions and progress (string steps, as the SDKs send them), pulls, and downloads a
 * pushed file over HTTP with Range requests or over MQTT in blocks, checking each block's CRC16 and the whole
 * file's size and digest against the push. {@link #failNextUpgrade} makes {@link #upgrade} report a failure step.
 */
public final class UpgradingDevice implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final TestServer server;
    private final MqttDevice device;
    private final String clientId;
    private final List<JsonNode> pushes = new CopyOnWriteArrayList<>();
    private final BlockingQueue<JsonNode> pushQueue = new LinkedBlockingQueue<>();
    private final BlockingQueue<JsonNode> pullReplies = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> blockReplies = new LinkedBlockingQueue<>();
    private final AtomicLong ids = new AtomicLong();
    /** The CA a TLS device trusts (MQTT over TLS with securemode=2, HTTPS downloads); null for plain TCP and HTTP. */
    private final Path ca;
    private final HttpClient http;
    private MqttClient client;
    private int failStep;
    private String failDesc;
    private int blockSize = 5 * 1024;

    private UpgradingDevice(TestServer server, MqttDevice device, String clientId, Path ca) {
        this.server = server;
        this.device = device;
        this.clientId = clientId;
        this.ca = ca;
        this.http = ca == null ? HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                : TestTls.httpClient(ca);
    }

    /** Connected and subscribed to its OTA downlink topics (the upgrade topic last, as the SDKs do after connecting). */
    public static UpgradingDevice connect(TestServer server, MqttDevice device) throws MqttException {
        UpgradingDevice upgrading = new UpgradingDevice(server, device, "upd-" + device.deviceName(), null);
        upgrading.connect();
        return upgrading;
    }

    /** As {@link #connect(TestServer, MqttDevice)}, over MQTT with TLS ({@code securemode=2}) trusting {@code ca}. */
    public static UpgradingDevice connectOverTls(TestServer server, MqttDevice device, Path ca) throws MqttException {
        UpgradingDevice upgrading = new UpgradingDevice(server, device, "upd-" + device.deviceName(), ca);
        upgrading.connect();
        return upgrading;
    }

    /** Not connected yet: {@link #connect()} later, e.g. to be the device that was offline when a batch started. */
    public static UpgradingDevice offline(TestServer server, MqttDevice device) {
        return new UpgradingDevice(server, device, "upd-" + device.deviceName(), null);
    }

    public void connect() throws MqttException {
        if (client != null) {
            close();
        }
        client = ca == null ? device.client(server, clientId, "hmacsha1")
                : new MqttClient(server.mqttsUri(), device.clientIdentifier(clientId, 2, "hmacsha1", "1700000000000"),
                new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions options = device.options(clientId, "hmacsha1", device.deviceSecret(), 60);
        if (ca != null) {
            options.setSocketFactory(TestTls.sslContext(ca).getSocketFactory());
        }
        client.connect(options);
        client.subscribe(new String[]{sys("thing/ota/firmware/get_reply"), sys("thing/file/download_reply"),
                ota("upgrade")}, new int[]{1, 1, 1});
    }

    /**
     * What a device's reconnect loop does after its server went away (a kill, a restart): drops the old connection
     * without waiting for it, then connects and subscribes again, retrying for up to 20 s while the broker is not
     * (yet) up. The server pushes again what the device was told and has not finished.
     */
    public void reconnect() throws MqttException, InterruptedException {
        if (client != null) {
            try {
                client.disconnectForcibly(0, 1000);
            } catch (MqttException alreadyGone) {
                // the connection died with the server
            }
            try {
                client.close(true);
            } catch (MqttException alreadyClosed) {
                // nothing left to release
            }
            client = null;
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                connect();
                return;
            } catch (MqttException refused) {
                if (System.nanoTime() > deadline) {
                    throw refused;
                }
                Thread.sleep(200);
            }
        }
    }

    public MqttDevice device() {
        return device;
    }

    public boolean isConnected() {
        return client != null && client.isConnected();
    }

    /** Every push received so far, in order (the whole message: code, data, id, message). */
    public List<JsonNode> pushes() {
        return List.copyOf(pushes);
    }

    /** The next push not yet taken, waiting up to 20 s. */
    public JsonNode awaitPush() throws InterruptedException {
        JsonNode push = pushQueue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (push == null) {
            throw new AssertionError(device.deviceName() + " received no upgrade push within " + WAIT);
        }
        return push;
    }

    /** Fails if a push arrives within {@code quiet}. */
    public void assertNoPush(Duration quiet) throws InterruptedException {
        JsonNode push = pushQueue.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
        if (push != null) {
            throw new AssertionError(device.deviceName() + " received an unexpected push: " + push);
        }
    }

    /** Reports the default module's version, as C SDK 3.x does on connect ({@code id} a string). */
    public void reportVersion(String version) throws MqttException {
        reportVersion(null, version);
    }

    public void reportVersion(String module, String version) throws MqttException {
        ObjectNode params = JSON.createObjectNode().put("version", version);
        if (module != null) {
            params.put("module", module);
        }
        publish(ota("inform"), JSON.createObjectNode().put("id", String.valueOf(ids.incrementAndGet()))
                .set("params", params));
    }

    /** A progress report with the step as a string, as both SDK generations send it. */
    public void progress(int step, String desc) throws MqttException {
        progress(null, step, desc);
    }

    public void progress(String module, int step, String desc) throws MqttException {
        ObjectNode params = JSON.createObjectNode().put("step", String.valueOf(step)).put("desc", desc);
        if (module != null) {
            params.put("module", module);
        }
        publish(ota("progress"), JSON.createObjectNode().put("id", ids.incrementAndGet()).set("params", params));
    }

    /** Pulls as LinkSDK does ({@code {"id":N,"params":{}}}) and returns the get_reply. */
    public JsonNode pull(String module) throws Exception {
        ObjectNode params = JSON.createObjectNode();
        if (module != null) {
            params.put("module", module);
        }
        long id = ids.incrementAndGet();
        publish(sys("thing/ota/firmware/get"), JSON.createObjectNode().put("id", id).set("params", params));
        while (true) {
            JsonNode reply = pullReplies.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (reply == null) {
                throw new AssertionError(device.deviceName() + " got no firmware/get reply within " + WAIT);
            }
            if (reply.path("id").asText().equals(String.valueOf(id))) {
                return reply;
            }
        }
    }

    /** The next upgrade makes {@link #upgrade} report {@code step} (-1..-4) with {@code desc} instead of succeeding. */
    public UpgradingDevice failNextUpgrade(int step, String desc) {
        this.failStep = step;
        this.failDesc = desc;
        return this;
    }

    /** Block size of MQTT downloads (LinkSDK's default is 5 KiB). */
    public UpgradingDevice blockSize(int bytes) {
        this.blockSize = bytes;
        return this;
    }

    /**
     * What a device does with a push (or a pull reply's data): reports 0 and 50 % while downloading, downloads and
     * verifies the file, reports 100, and then reports the new version; or reports the configured failure step.
     * @return the downloaded file (empty when told to fail before downloading)
     */
    public byte[] upgrade(JsonNode data) throws Exception {
        String module = data.hasNonNull("module") ? data.get("module").asText() : null;
        progress(module, 0, "entering download");
        if (failStep == -2 || failStep == -1) {
            return failed(module);
        }
        byte[] file = download(data);
        progress(module, 50, "downloaded");
        if (failStep != 0) {
            return failed(module);
        }
        progress(module, 100, "flashed");
        reportVersion(module, data.path("version").asText());
        return file;
    }

    private byte[] failed(String module) throws MqttException {
        progress(module, failStep, failDesc);
        failStep = 0;
        failDesc = null;
        return new byte[0];
    }

    /** Downloads the single file of a push's data by its protocol, and checks its size and digest against the push. */
    public byte[] download(JsonNode data) throws Exception {
        byte[] file = "mqtt".equals(data.path("dProtocol").asText())
                ? downloadOverMqtt(data.path("streamId").asLong(), data.path("streamFileId").asInt(),
                data.path("size").asLong())
                : downloadOverHttp(data.path("url").asText(), data.path("size").asLong());
        verify(file, data.path("size").asLong(), data.path("signMethod").asText(), data.path("sign").asText(),
                data.path("md5").asText(null));
        return file;
    }

    /** Two Range requests, as a resuming device makes: the first half, then from the middle to the end. */
    public byte[] downloadOverHttp(String url, long size) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long middle = size / 2;
        if (middle > 0) {
            out.write(range(url, "bytes=0-" + (middle - 1), middle));
        }
        out.write(range(url, "bytes=" + middle + "-", size - middle));
        return out.toByteArray();
    }

    private byte[] range(String url, String range, long expected) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Range", range)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 206 || response.body().length != expected) {
            throw new AssertionError("GET " + url + " with Range " + range + ": " + response.statusCode() + ", "
                    + response.body().length + " bytes, expected 206 and " + expected);
        }
        return response.body();
    }

    /** Block by block on file/download, as LinkSDK does; every block's CRC16, offset and the file length checked. */
    public byte[] downloadOverMqtt(long streamId, int fileId, long size) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() < size) {
            int want = (int) Math.min(blockSize, size - out.size());
            Block block = requestBlock(streamId, fileId, out.size(), want);
            if (block.code() != 200) {
                throw new AssertionError("block at " + out.size() + " refused: " + block.header());
            }
            if (block.offset() != out.size() || block.fileLength() != size || block.data().length != want) {
                throw new AssertionError("block at " + out.size() + " of " + want + " bytes, file " + size
                        + ": got " + block.header());
            }
            out.write(block.data());
        }
        return out.toByteArray();
    }

    /** One download_reply frame, parsed and its CRC checked. */
    public record Block(JsonNode header, byte[] data) {
        public int code() {
            return header.path("code").asInt();
        }

        public long offset() {
            return header.path("data").path("bOffset").asLong();
        }

        public long fileLength() {
            return header.path("data").path("fileLength").asLong();
        }
    }

    /** Requests one block with LinkSDK's exact payload, trailing comma inside fileInfo included. */
    public Block requestBlock(long streamId, int fileId, long offset, int size) throws Exception {
        String id = String.valueOf(ids.incrementAndGet());
        String request = "{\"id\":" + id + ",\"params\":{\"fileToken\":\"default\",\"fileInfo\":{\"streamId\":"
                + streamId + ",\"fileId\":" + fileId + ",},\"fileBlock\":{\"size\":" + size + ",\"offset\":"
                + offset + "}}}";
        client.publish(sys("thing/file/download"), request.getBytes(StandardCharsets.UTF_8), 1, false);
        while (true) {
            byte[] frame = blockReplies.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError(device.deviceName() + " got no download_reply within " + WAIT);
            }
            Block block = parseFrame(frame);
            if (block.header().path("id").asText().equals(id)) {
                return block;
            }
        }
    }

    /** 2-byte big-endian header length, JSON header, block of bSize bytes, CRC16/IBM of the block little-endian. */
    static Block parseFrame(byte[] frame) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(frame);
        int headerLength = in.order(ByteOrder.BIG_ENDIAN).getShort() & 0xFFFF;
        JsonNode header = JSON.readTree(new String(frame, 2, headerLength, StandardCharsets.UTF_8));
        int dataLength = frame.length - 2 - headerLength - 2;
        int declared = header.path("data").path("bSize").asInt(0);
        if (dataLength != declared) {
            throw new AssertionError("frame carries " + dataLength + " bytes, header says bSize " + declared);
        }
        byte[] data = new byte[dataLength];
        System.arraycopy(frame, 2 + headerLength, data, 0, dataLength);
        int crc = (frame[frame.length - 2] & 0xFF) | ((frame[frame.length - 1] & 0xFF) << 8);
        if (crc != crc16(data)) {
            throw new AssertionError("block CRC " + Integer.toHexString(crc) + " but the data's is "
                    + Integer.toHexString(crc16(data)));
        }
        return new Block(header, data);
    }

    /** CRC-16/IBM as LinkSDK computes it: reflected polynomial 0xA001, initial value 0, bit by bit. */
    static int crc16(byte[] data) {
        int crc = 0;
        for (byte b : data) {
            crc ^= b & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }

    private static void verify(byte[] file, long size, String signMethod, String sign, String md5) throws Exception {
        if (file.length != size) {
            throw new AssertionError("downloaded " + file.length + " bytes, the push says " + size);
        }
        String expected = switch (signMethod) {
            case "Md5" -> hex("MD5", file);
            case "SHA256" -> hex("SHA-256", file);
            default -> throw new AssertionError("signMethod " + signMethod + " is not one LinkSDK accepts");
        };
        if (!expected.equals(sign)) {
            throw new AssertionError("the file's " + signMethod + " is " + expected + ", the push signs " + sign);
        }
        if (md5 != null && !hex("MD5", file).equals(md5)) {
            throw new AssertionError("the file's MD5 is " + hex("MD5", file) + ", the push says " + md5);
        }
    }

    private static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }

    private void received(String topic, byte[] payload) {
        try {
            if (topic.equals(ota("upgrade"))) {
                JsonNode push = JSON.readTree(payload);
                pushes.add(push);
                pushQueue.add(push);
            } else if (topic.equals(sys("thing/ota/firmware/get_reply"))) {
                pullReplies.add(JSON.readTree(payload));
            } else if (topic.equals(sys("thing/file/download_reply"))) {
                blockReplies.add(payload);
            }
        } catch (IOException e) {
            throw new IllegalStateException("unreadable message on " + topic, e);
        }
    }

    private void publish(String topic, JsonNode payload) throws MqttException {
        // QoS 1 on a synchronous client: returns once the PUBACK is in, i.e. once the server has stored it.
        client.publish(topic, payload.toString().getBytes(StandardCharsets.UTF_8), 1, false);
    }

    /** Publishes raw bytes, e.g. a malformed message. */
    public void publishRaw(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 1, false);
    }

    public String ota(String kind) {
        return "/ota/device/" + kind + "/" + device.productKey() + "/" + device.deviceName();
    }

    public String sys(String suffix) {
        return "/sys/" + device.productKey() + "/" + device.deviceName() + "/" + suffix;
    }

    /** Drops the connection without DISCONNECT handling on the server side beyond the usual. */
    public void disconnect() throws MqttException {
        if (client != null && client.isConnected()) {
            client.disconnect();
        }
    }

    @Override
    public void close() throws MqttException {
        if (client != null) {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        }
    }

    /** The pushes' data objects, for assertions. */
    public List<JsonNode> pushedData() {
        List<JsonNode> out = new ArrayList<>();
        pushes.forEach(p -> out.add(p.path("data")));
        return out;
    }
}
