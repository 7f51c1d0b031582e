package io.updraft.gateway;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.updraft.config.HttpLimits;
import io.updraft.error.ErrorCode;
import io.updraft.firmware.PublicUrls;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * The HTTP server: RPC-style OpenAPI at {@code /} (GET and POST), health and metrics ({@link OperationsEndpoint}),
 * the web console ({@link ConsoleEndpoint}), the loopback-only admin endpoint, and the package file endpoints
 * (upload form target, download links). Jetty does the HTTP (chunked
 * bodies, keep-alive); Updraft only routes, and bounds what one client can hold ({@link HttpLimits}). Stopping is
 * graceful: the connector closes at once (new connections are refused), requests in flight get up to the stop
 * timeout to finish, as long as their clients do not fall silent for a second.
 */
public final class HttpFront {
    static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final long SHUTDOWN_IDLE_MILLIS = 1_000;
    private final Javalin app;

    public HttpFront(String host, int port, long maxRequestBytes, HttpLimits limits, RpcGateway gateway,
                     AdminEndpoint admin, UploadEndpoint upload, DownloadEndpoint download,
                     OperationsEndpoint operations, ConsoleEndpoint console) {
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = maxRequestBytes;
            // The old SDK sends every parameter in the query: a 4,096-character Udi of Chinese text is ~37 KB encoded.
            config.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(MAX_HEADER_BYTES));
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new JettyErrorResponder(gateway.responseWriter(), MAX_HEADER_BYTES));
                // Without a GracefulHandler Jetty's stop does not wait for requests in flight, whatever the timeout.
                server.insertHandler(new GracefulHandler());
                server.setStopTimeout(limits.stopTimeout().toMillis());
            });
            config.jetty.addConnector((server, httpConfiguration) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfiguration));
                connector.setHost(host);
                connector.setPort(port);
                connector.setIdleTimeout(limits.idleTimeout().toMillis());
                // During the stop a connection silent this long is closed, so idle keep-alive connections do not hold
                // the stop for the whole timeout; a request in flight whose client keeps sending is waited for.
                connector.setShutdownIdleTimeout(SHUTDOWN_IDLE_MILLIS);
                connector.addBean(new RequestHeaderDeadline(connector.getScheduler(), limits.headerTimeout()));
                NetworkConnectionLimit limit = new NetworkConnectionLimit(limits.maxConnections(), connector);
                // at the limit, idle connections make room sooner
                limit.setEndPointIdleTimeout(limits.headerTimeout().toMillis());
                server.addBean(limit);
                return connector;
            });
            config.routes.get("/", gateway::handle);
            config.routes.post("/", gateway::handle);
            for (HandlerType method : new HandlerType[]{HandlerType.PUT, HandlerType.DELETE, HandlerType.PATCH}) {
                config.routes.addHttpHandler(method, "/", ctx -> gateway.reject(ctx, ErrorCode.UNSUPPORTED_HTTP_METHOD));
            }
            operations.install(config);
            console.install(config);
            config.routes.post("/admin/apply", admin::apply);
            // Package files: these read and write the raw streams, so maxRequestSize (API bodies) does not apply.
            config.routes.post(PublicUrls.UPLOAD_PATH, upload::handle);
            config.routes.get(PublicUrls.FILES_PATH + "<key>", download::handle);
            config.routes.head(PublicUrls.FILES_PATH + "<key>", download::handle);
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty() || ctx.result().contains("Not Found")) {
                    gateway.reject(ctx, ErrorCode.ACTION_NOT_FOUND);
                }
            });
            config.routes.exception(HttpResponseException.class, (e, ctx) -> {
                if (e.getStatus() == 413) {
                    gateway.reject(ctx, ErrorCode.REQUEST_TOO_LARGE, String.valueOf(maxRequestBytes));
                } else if (e.getStatus() == 404) {
                    // Javalin 7 reports an unmatched path as an EndpointNotFound exception, not as a 404 result
                    gateway.reject(ctx, ErrorCode.ACTION_NOT_FOUND);
                } else {
                    gateway.reject(ctx, ErrorCode.MALFORMED_REQUEST, e.getMessage());
                }
            });
        });
    }

    public HttpFront start() {
        app.start();
        return this;
    }

    public int port() {
        return app.port();
    }

    public void stop() {
        app.stop();
    }
}
