package io.updraft.gateway;

import io.javalin.http.Context;
import io.updraft.error.ApiException;

/** The file endpoints answer errors as OSS does (XML {@code <Error>}), since OSS clients are what talk to them. */
final class OssErrorResponse {
    private OssErrorResponse() {
    }

    static void send(Context ctx, String requestId, String hostId, ApiException e) {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n"
                + "  <Code>" + escape(e.code()) + "</Code>\n"
                + "  <Message>" + escape(e.getMessage()) + "</Message>\n"
                + "  <RequestId>" + requestId + "</RequestId>\n"
                + "  <HostId>" + escape(hostId) + "</HostId>\n</Error>\n";
        ctx.status(e.httpStatus()).header("x-oss-request-id", requestId)
                .contentType("application/xml;charset=utf-8").result(body);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
