package io.updraft.store;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.CreateOTAModuleRequest;
import com.aliyuncs.iot.model.v20180120.CreateProductRequest;
import com.aliyuncs.iot.model.v20180120.ListOTAModuleByProductRequest;
import com.aliyuncs.iot.model.v20180120.ListOTAModuleByProductResponse;
import com.aliyuncs.iot.model.v20180120.QueryProductRequest;
import com.aliyuncs.iot.model.v20180120.QueryProductResponse;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import io.updraft.testing.TestStore;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** A server restarted on the same data dir still has everything, and the bootstrap re-applies without harm. */
class RestartPersistenceTest {

    @Test
    void productsModulesAndKeysSurviveARestartWithTheSameDataDir() throws Exception {
        Path dir = Path.of("target", "test-data", "restart-" + UUID.randomUUID());
        Path bootstrap = TestServer.bootstrap(dir);
        String productKey;
        TestServer first = TestServer.start(dir, bootstrap);
        try {
            IAcsClient client = Sdk.core(first, TestServer.GLOBEX);
            CreateProductRequest create = new CreateProductRequest();
            create.setProductName("restart_" + UUID.randomUUID().toString().substring(0, 6));
            create.setNodeType(0);
            productKey = client.getAcsResponse(create).getProductKey();
            CreateOTAModuleRequest module = new CreateOTAModuleRequest();
            module.setProductKey(productKey);
            module.setModuleName("mcu");
            module.setAliasName("主控");
            assertThat(client.getAcsResponse(module).getSuccess()).isTrue();
        } finally {
            first.close();
        }

        TestServer second = TestServer.start(dir, bootstrap);
        try {
            IAcsClient client = Sdk.core(second, TestServer.GLOBEX);
            QueryProductRequest query = new QueryProductRequest();
            query.setProductKey(productKey);
            QueryProductResponse product = client.getAcsResponse(query);
            assertThat(product.getSuccess()).isTrue();
            ListOTAModuleByProductRequest list = new ListOTAModuleByProductRequest();
            list.setProductKey(productKey);
            ListOTAModuleByProductResponse modules = client.getAcsResponse(list);
            assertThat(modules.getData()).singleElement().satisfies(m -> {
                assertThat(m.getModuleName()).isEqualTo("mcu");
                assertThat(m.getAliasName()).isEqualTo("主控");
            });
        } finally {
            second.close();
        }
    }

    @Test
    void secretsAreNotStoredInPlaintext() throws Exception {
        assumeFalse(TestStore.isPostgresql(), "reads the embedded H2 file");
        Path dir = Path.of("target", "test-data", "secrets-" + UUID.randomUUID());
        TestServer server = TestServer.start(dir, TestServer.bootstrap(dir));
        server.close();
        byte[] database = Files.readAllBytes(dir.resolve("updraft.mv.db"));
        String content = new String(database, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(content).doesNotContain(TestServer.ACME.secret()).doesNotContain(TestServer.GLOBEX.secret());
        assertThat(Files.getPosixFilePermissions(dir.resolve("master.key")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }
}
