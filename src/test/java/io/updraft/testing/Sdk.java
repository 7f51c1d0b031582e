package io.updraft.testing;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.profile.DefaultProfile;
import com.aliyun.teaopenapi.models.Config;

/** The official clients, pointed at a test server exactly as protocol.md §12 tells users to. */
public final class Sdk {
    private Sdk() {
    }

    /** aliyun-java-sdk-core (V1). The endpoint table is global to the SDK, so every client of the JVM shares it. */
    public static IAcsClient core(TestServer server, TestServer.Key key) {
        DefaultProfile profile = DefaultProfile.getProfile("cn-shanghai", key.id(), key.secret());
        DefaultProfile.addEndpoint("cn-shanghai", "Iot", server.endpoint());
        return new DefaultAcsClient(profile);
    }

    /** com.aliyun:iot20180120 (Tea): V3 by default, V1 with {@code signatureAlgorithm="v2"}. */
    public static com.aliyun.iot20180120.Client tea(TestServer server, TestServer.Key key, boolean v1) {
        try {
            Config config = new Config().setAccessKeyId(key.id()).setAccessKeySecret(key.secret())
                    .setRegionId("cn-shanghai").setEndpoint(server.endpoint()).setProtocol("HTTP");
            if (v1) {
                config.setSignatureAlgorithm("v2");
            }
            return new com.aliyun.iot20180120.Client(config);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static PopCoreClient popCore(TestServer server, TestServer.Key key) {
        return new PopCoreClient("http://" + server.endpoint(), key.id(), key.secret());
    }
}
