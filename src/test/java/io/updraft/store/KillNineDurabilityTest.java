package io.updraft.store;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.CreateOTAModuleRequest;
import com.aliyuncs.iot.model.v20180120.CreateProductRequest;
import com.aliyuncs.iot.model.v20180120.ListOTAModuleByProductRequest;
import com.aliyuncs.iot.model.v20180120.QueryProductRequest;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every write acknowledged with Success:true is still there after the server process is killed with SIGKILL. */
class KillNineDurabilityTest {

    @Test
    void acknowledgedWritesSurviveKillNine() throws Exception {
        Path dir = Path.of("target", "test-data", "kill9-" + UUID.randomUUID()).toAbsolutePath();
        Path bootstrap = TestServer.bootstrap(dir);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.updraft.Main", "serve",
                "--http-host", "127.0.0.1", "--http-port", String.valueOf(port),
                "--data-dir", dir.toString(), "--bootstrap", bootstrap.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile())
                .start();
        List<String> acknowledged = new ArrayList<>();
        try {
            awaitHealthy(port);
            TestServer.Key key = TestServer.GLOBEX;
            IAcsClient client = Sdk.core(endpointOnly(port), key);
            for (int i = 0; i < 5; i++) {
                CreateProductRequest create = new CreateProductRequest();
                create.setProductName("kill9_" + i + "_" + UUID.randomUUID().toString().substring(0, 6));
                create.setNodeType(0);
                var created = client.getAcsResponse(create);
                assertThat(created.getSuccess()).isTrue();
                CreateOTAModuleRequest module = new CreateOTAModuleRequest();
                module.setProductKey(created.getProductKey());
                module.setModuleName("m" + i);
                assertThat(client.getAcsResponse(module).getSuccess()).isTrue();
                acknowledged.add(created.getProductKey());
            }
        } finally {
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close of the database
            process.waitFor();
        }

        TestServer restarted = TestServer.start(dir, bootstrap);
        try {
            IAcsClient client = Sdk.core(restarted, TestServer.GLOBEX);
            for (int i = 0; i < acknowledged.size(); i++) {
                QueryProductRequest query = new QueryProductRequest();
                query.setProductKey(acknowledged.get(i));
                assertThat(client.getAcsResponse(query).getSuccess()).isTrue();
                ListOTAModuleByProductRequest list = new ListOTAModuleByProductRequest();
                list.setProductKey(acknowledged.get(i));
                assertThat(client.getAcsResponse(list).getData()).extracting(m -> m.getModuleName())
                        .containsExactly("m" + i);
            }
        } finally {
            restarted.close();
        }
    }

    private static TestServer endpointOnly(int port) {
        return TestServer.external(port);
    }

    private static void awaitHealthy(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // the server is still starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("server did not become healthy on port " + port);
    }
}
