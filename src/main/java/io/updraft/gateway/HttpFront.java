package io.updraft.gateway;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.updraft.config.HttpLimits;
import io.updraft.error.ErrorCode;
import io.updraft.firmware.PublicUrls;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP server: RPC-style OpenAPI at {@code /} (GET and POST), health and metrics ({@link OperationsEndpoint}),
 * the web console ({@link ConsoleEndpoint}), the loopback-only admin endpoint, and the package file endpoints
 * (upload form target, download links). Jetty does the HTTP (chunked
 * bodies, keep-alive); Updraft only routes, and bounds what one client can hold ({@link HttpLimits}). Stopping is
 * graceful: the connector closes at once (new connections are refused), requests in flight get up to the stop
 * timeout to finish, as long as their clients do not fall silent for a second. HTTPS, when configured, is a second
 * connector serving the same routes, with HTTP/2 negotiated by ALPN and HTTP/1.1 for clients that do not offer it;
 * either connector may be off. The connection limit covers both.
 */
public final class HttpFront {
    static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final long SHUTDOWN_IDLE_MILLIS = 1_000;
    private final Javalin app;
    private final List<ServerConnector> connectors = new ArrayList<>();
    private ServerConnector plain;
    private ServerConnector secure;

    /**
     * HTTPS: the port (0 for a free one), Jetty's TLS (see {@code JettyTls}), and the local CA's certificate to
     * serve at {@code caPath}, or null when the operator brought their own certificate.
     */
    public record Https(int port, SslContextFactory.Server tls, Path caCertificate, String caPath) {
    }

    /**
     * @param port  plain HTTP port, 0 for a free one, negative for none
     * @param https null for no HTTPS
     */
    public HttpFront(String host, int port, Https https, long maxRequestBytes, HttpLimits limits, RpcGateway gateway,
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
                if (port >= 0) {
                    plain = connector(server, host, port, limits, new HttpConnectionFactory(httpConfiguration));
                }
                if (https != null) {
                    secure = connector(server, host, https.port(), limits, tlsFactories(https.tls(), httpConfiguration));
                }
                NetworkConnectionLimit limit = new NetworkConnectionLimit(limits.maxConnections(),
                        connectors.toArray(new ServerConnector[0]));
                // at the limit, idle connections make room sooner
                limit.setEndPointIdleTimeout(limits.headerTimeout().toMillis());
                server.addBean(limit);
                return plain != null ? plain : secure;
            });
            if (port >= 0 && https != null) {
                config.jetty.addConnector((server, httpConfiguration) -> secure);
            }
            config.routes.get("/", gateway::handle);
            config.routes.post("/", gateway::handle);
            for (HandlerType method : new HandlerType[]{HandlerType.PUT, HandlerType.DELETE, HandlerType.PATCH}) {
                config.routes.addHttpHandler(method, "/", ctx -> gateway.reject(ctx, ErrorCode.UNSUPPORTED_HTTP_METHOD));
            }
            operations.install(config);
            console.install(config);
            config.routes.post("/admin/apply", admin::apply);
            if (https != null && https.caCertificate() != null) {
                config.routes.get(https.caPath(), ctx -> ctx.contentType("application/x-pem-file")
                        .result(readCaCertificate(https.caCertificate())));
            }
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

    private ServerConnector connector(Server server, String host, int port, HttpLimits limits,
                                      org.eclipse.jetty.server.ConnectionFactory... factories) {
        ServerConnector connector = new ServerConnector(server, factories);
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        // During the stop a connection silent this long is closed, so idle keep-alive connections do not hold
        // the stop for the whole timeout; a request in flight whose client keeps sending is waited for.
        connector.setShutdownIdleTimeout(SHUTDOWN_IDLE_MILLIS);
        // over TLS the deadline also covers the handshake: a client that never finishes it is closed then too
        connector.addBean(new RequestHeaderDeadline(connector.getScheduler(), limits.headerTimeout()));
        connectors.add(connector);
        return connector;
    }

    /** TLS, then ALPN choosing HTTP/2 or HTTP/1.1, both with the request marked secure (scheme https). */
    private static org.eclipse.jetty.server.ConnectionFactory[] tlsFactories(SslContextFactory.Server tls,
                                                                            HttpConfiguration base) {
        HttpConfiguration secure = new HttpConfiguration(base);
        SecureRequestCustomizer customizer = new SecureRequestCustomizer();
        // one certificate for every name: a Host the certificate does not list is the client's concern, not a 400
        customizer.setSniHostCheck(false);
        secure.addCustomizer(customizer);
        HttpConnectionFactory http1 = new HttpConnectionFactory(secure);
        HTTP2ServerConnectionFactory http2 = new HTTP2ServerConnectionFactory(secure);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        alpn.setDefaultProtocol(http1.getProtocol());
        return new org.eclipse.jetty.server.ConnectionFactory[]{
                new SslConnectionFactory(tls, alpn.getProtocol()), alpn, http2, http1};
    }

    private static String readCaCertificate(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public HttpFront start() {
        app.start();
        return this;
    }

    /** The plain HTTP port bound, or -1 when plain HTTP is off. */
    public int port() {
        return plain == null ? -1 : plain.getLocalPort();
    }

    /** The HTTPS port bound, or -1 when HTTPS is off. */
    public int httpsPort() {
        return secure == null ? -1 : secure.getLocalPort();
    }

    public void stop() {
        app.stop();
    }
}
