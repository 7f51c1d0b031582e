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

    /**
     * aliyun-java-sdk-core over HTTPS, trusting only {@code caPem} through the SDK's own trust-manager option. Its
     * endpoint table is global: this points Iot at the HTTPS port for every core client of the JVM. The SDK's
     * default Apache client is one per JVM, set up by the first client made (in a test JVM, some plain-HTTP one), so
     * this client uses the SDK's compatible (HttpURLConnection) mode, which applies each client's own settings.
     */
    public static IAcsClient coreHttps(TestServer server, TestServer.Key key, java.nio.file.Path caPem) {
        DefaultProfile profile = DefaultProfile.getProfile("cn-shanghai", key.id(), key.secret());
        DefaultProfile.addEndpoint("cn-shanghai", "Iot", server.httpsEndpoint());
        com.aliyuncs.http.HttpClientConfig http = com.aliyuncs.http.HttpClientConfig.getDefault();
        http.setProtocolType(com.aliyuncs.http.ProtocolType.HTTPS);
        http.setX509TrustManagers(new javax.net.ssl.X509TrustManager[]{TestTls.trustManager(caPem)});
        http.setCompatibleMode(true);
        profile.setHttpClientConfig(http);
        return new DefaultAcsClient(profile);
    }

    /**
     * iot20180120 (Tea) over HTTPS. Tea 1.2 has no CA option of its own (only ignoreSSL, which is never used): it
     * trusts what the JVM trusts, so the caller sets {@code javax.net.ssl.trustStore} to a store holding the CA.
     */
    public static com.aliyun.iot20180120.Client teaHttps(TestServer server, TestServer.Key key) {
        try {
            Config config = new Config().setAccessKeyId(key.id()).setAccessKeySecret(key.secret())
                    .setRegionId("cn-shanghai").setEndpoint(server.httpsEndpoint()).setProtocol("HTTPS");
            return new com.aliyun.iot20180120.Client(config);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static PopCoreClient popCore(TestServer server, TestServer.Key key) {
        return new PopCoreClient("http://" + server.endpoint(), key.id(), key.secret());
    }
}
