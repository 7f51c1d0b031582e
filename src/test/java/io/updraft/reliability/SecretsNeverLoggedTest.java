package io.updraft.reliability;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.QueryProductRequest;
import com.fasterxml.jackson.databind.JsonNode;
import io.updraft.testing.MqttDevice;
import io.updraft.testing.RawClient;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Secrets — AccessKey secrets, product secrets, device secrets, MQTT passwords — never reach a log line or a logged
 * exception, whatever path a request takes (success, wrong signature, wrong MQTT password, admin changes).
 */
class SecretsNeverLoggedTest {
    private final TestServer server = TestServer.shared();
    private final RawClient raw = new RawClient(server);
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Logger root;

    @BeforeEach
    void captureEveryLogLine() {
        root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void stopCapturing() {
        root.detachAppender(captured);
    }

    private String everythingLogged() {
        StringBuilder all = new StringBuilder();
        for (ILoggingEvent event : new ArrayList<>(captured.list)) {
            all.append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                all.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
        }
        return all.toString();
    }

    @Test
    void noSecretAppearsInTheLogsOfSuccessesFailuresAndDeviceLogins() throws Exception {
        List<String> secrets = new ArrayList<>(List.of(TestServer.ACME.secret(), TestServer.GLOBEX.secret()));

        JsonNode product = raw.v1(TestServer.ACME, "CreateProduct").param("Format", "JSON")
                .params(Map.of("ProductName", "secrets_" + UUID.randomUUID().toString().substring(0, 8), "NodeType", "0"))
                .send().json();
        secrets.add(product.at("/Data/ProductSecret").asText());
        String productKey = product.get("ProductKey").asText();

        IAcsClient wrongSecret = Sdk.core(server, new TestServer.Key(TestServer.ACME.id(), "a-wrong-secret-123"));
        secrets.add("a-wrong-secret-123");
        QueryProductRequest query = new QueryProductRequest();
        query.setProductKey(productKey);
        assertThatThrownBy(() -> wrongSecret.getAcsResponse(query)).hasMessageContaining("InvalidAccessKeySecret");

        MqttDevice device = MqttDevice.register(Sdk.core(server, TestServer.ACME), productKey, "secretdev01");
        secrets.add(device.deviceSecret());
        MqttClient good = device.connect(server, "sn-" + UUID.randomUUID().toString().substring(0, 6));
        secrets.add(device.password("x", "hmacsha1", null, device.deviceSecret()));
        good.disconnect();
        good.close();
        MqttClient bad = device.client(server, "sn-bad", "hmacsha1");
        String wrongPassword = device.password("sn-bad", "hmacsha1", null, "not-the-device-secret");
        secrets.add(wrongPassword);
        assertThatThrownBy(() -> bad.connect(device.options("sn-bad", "hmacsha1", "not-the-device-secret", 60)))
                .isInstanceOf(MqttException.class);
        bad.close();

        String logs = everythingLogged();
        assertThat(logs).as("the test must have logged something to mean anything").contains("CreateProduct");
        for (String secret : secrets) {
            assertThat(logs).doesNotContain(secret);
        }
    }
}
