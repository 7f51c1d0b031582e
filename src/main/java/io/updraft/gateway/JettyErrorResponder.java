package io.updraft.gateway;

import io.updraft.error.ApiException;
import io.updraft.error.ErrorCode;
import io.updraft.store.Ids;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;

/**
 * Errors Jetty answers itself, before any handler runs (URI or headers too long, unparseable HTTP): rendered in the
 * gateway's error shape instead of Jetty's HTML page, so SDKs and scripts read a Code like for every other error.
 */
final class JettyErrorResponder extends ErrorHandler {
    private static final Logger ACCESS = LoggerFactory.getLogger("updraft.access");
    private final ResponseWriter writer;
    private final int maxHeaderBytes;

    JettyErrorResponder(ResponseWriter writer, int maxHeaderBytes) {
        this.writer = writer;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        ApiException error = switch (code) {
            case 414 -> new ApiException(ErrorCode.URI_TOO_LONG, maxHeaderBytes);
            case 431 -> new ApiException(ErrorCode.HEADERS_TOO_LARGE, maxHeaderBytes);
            case 413 -> new ApiException(ErrorCode.REQUEST_TOO_LARGE, "the configured maximum of");
            default -> new ApiException(ErrorCode.MALFORMED_REQUEST, message == null ? "HTTP " + code : message);
        };
        String requestId = Ids.requestId();
        // The request could not be read, so neither Format nor (for a bad request line) Accept is known: answer
        // XML only when Accept asks for it, else JSON, the one error format every official SDK parses.
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        ResponseFormat format = accept != null && accept.contains("xml") ? ResponseFormat.XML : ResponseFormat.JSON;
        ResponseWriter.Rendered rendered = writer.failure(format, null, requestId, error);
        response.setStatus(rendered.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, rendered.contentType());
        response.getHeaders().put("x-acs-request-id", requestId);
        ACCESS.info("{} {} status={} code={} (refused by the HTTP layer)", requestId, request.getMethod(),
                rendered.status(), error.code());
        response.write(true, ByteBuffer.wrap(rendered.body()), callback);
    }
}
