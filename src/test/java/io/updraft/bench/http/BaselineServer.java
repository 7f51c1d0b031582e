package io.updraft.bench.http;

import io.javalin.Javalin;

import java.util.Arrays;

/**
 * The baseline: a minimal Javalin (Jetty 12) endpoint in the same process as the Updraft server under test,
 * answering {@code POST /} with a fixed JSON body as large as the real response: no parsing, signing, database or
 * quota. Updraft's throughput divided by this one's is how much of the machine's HTTP capacity Updraft keeps.
 */
public final class BaselineServer implements AutoCloseable {
    private final Javalin app;

    private BaselineServer(Javalin app) {
        this.app = app;
    }

    public static BaselineServer start(int responseBytes) {
        byte[] body = fixedJson(responseBytes);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.routes.post("/", ctx -> ctx.contentType("application/json;charset=utf-8").result(body));
        }).start();
        return new BaselineServer(app);
    }

    /** {@code {"Padding":"xxx…"}} of exactly {@code bytes} bytes (at least the empty object). */
    static byte[] fixedJson(int bytes) {
        String prefix = "{\"Padding\":\"";
        String suffix = "\"}";
        int padding = Math.max(0, bytes - prefix.length() - suffix.length());
        char[] xs = new char[padding];
        Arrays.fill(xs, 'x');
        return (prefix + new String(xs) + suffix).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
