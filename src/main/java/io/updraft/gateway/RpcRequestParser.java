package io.updraft.gateway;

import io.javalin.http.Context;
import io.updraft.error.ApiException;
import io.updraft.error.ErrorCode;
import io.updraft.gateway.signature.FormParameters;
import io.updraft.gateway.signature.MalformedParametersException;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a call the way every official SDK sends it: parameters = form-decoded query ∪ form-decoded
 * {@code application/x-www-form-urlencoded} body; V3 when {@code Authorization} starts with
 * {@code ACS3-HMAC-SHA256 } (Action, Version, date and nonce in {@code x-acs-*} headers), else V1 (all in parameters).
 */
public final class RpcRequestParser {
    /** Far above what any Action takes (the largest lists have 200 items), low enough to bound signing work. */
    static final int MAX_PARAMETERS = 1000;
    static final String V3_PREFIX = "ACS3-HMAC-SHA256 ";
    private static final String[] V1_REQUIRED = {
            "Action", "Version", "AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp"};

    private final long maxRequestBytes;

    public RpcRequestParser(long maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }

    public RpcRequest parse(Context ctx) {
        byte[] body = body(ctx);
        Map<String, String> query = decode(ctx.queryString());
        Map<String, String> params = new LinkedHashMap<>(query);
        String contentType = ctx.header("Content-Type");
        if (body.length > 0 && isForm(contentType)) {
            decode(new String(body, StandardCharsets.UTF_8)).forEach((name, value) -> {
                if (params.putIfAbsent(name, value) != null) {
                    throw new ApiException(ErrorCode.MALFORMED_REQUEST, "parameter " + name + " is given more than once");
                }
            });
        }
        if (params.size() > MAX_PARAMETERS) {
            throw new ApiException(ErrorCode.TOO_MANY_PARAMETERS, MAX_PARAMETERS);
        }
        ResponseFormat format = ResponseFormat.choose(params.get("Format"), ctx.header("Accept"));
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.startsWith(V3_PREFIX)) {
            return new RpcRequest(ctx.method().name(), params, query, headers(ctx), body, RpcRequest.Scheme.V3,
                    requiredHeader(ctx, "x-acs-action", "Action"),
                    requiredHeader(ctx, "x-acs-version", "Version"),
                    null, // taken from the Authorization header's Credential by the authenticator
                    requiredHeader(ctx, "x-acs-signature-nonce", "SignatureNonce"),
                    requiredHeader(ctx, "x-acs-date", "Timestamp"),
                    format);
        }
        for (String name : V1_REQUIRED) {
            if (params.get(name) == null || params.get(name).isEmpty()) {
                throw ApiException.missing(name);
            }
        }
        return new RpcRequest(ctx.method().name(), params, query, headers(ctx), body, RpcRequest.Scheme.V1,
                params.get("Action"), params.get("Version"), params.get("AccessKeyId"),
                params.get("SignatureNonce"), params.get("Timestamp"), format);
    }

    /**
     * The response format for errors found before the request could be parsed: the {@code Format} parameter of the
     * query or, failing that, of a form body (pop-core POST sends it there), read leniently; else the Accept header.
     */
    public ResponseFormat fallbackFormat(Context ctx) {
        String format = formatParameter(ctx.queryString());
        if (format == null && isForm(ctx.header("Content-Type"))) {
            try {
                format = formatParameter(new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                // e.g. the body is over the size limit: that is the error being reported, answer it by Accept
            }
        }
        ResponseFormat chosen = ResponseFormat.choose(format, ctx.header("Accept"));
        return chosen != null ? chosen : ResponseFormat.choose(null, ctx.header("Accept"));
    }

    private static String formatParameter(String encoded) {
        if (encoded == null) {
            return null;
        }
        for (String segment : encoded.split("&")) {
            if (segment.startsWith("Format=")) {
                try {
                    return FormParameters.parse(segment).values().get("Format");
                } catch (MalformedParametersException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static boolean isForm(String contentType) {
        return contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /**
     * The request's headers by name. HTTP/2 carries the host in the {@code :authority} pseudo-header, not in a Host
     * header: the V3 signature signs {@code host}, so it is read from the request's authority then (exactly as
     * sent, port included), as HTTP/1.1 clients send it in Host.
     */
    private static java.util.function.Function<String, String> headers(Context ctx) {
        return name -> {
            String value = ctx.header(name);
            if (value == null && name.equalsIgnoreCase("host")) {
                var uri = org.eclipse.jetty.ee10.servlet.ServletContextRequest.getServletContextRequest(ctx.req())
                        .getHttpURI();
                return uri.hasAuthority() ? uri.getAuthority() : null;
            }
            return value;
        };
    }

    private static String requiredHeader(Context ctx, String header, String parameter) {
        String value = ctx.header(header);
        if (value == null || value.isEmpty()) {
            throw ApiException.missing(parameter);
        }
        return value;
    }

    private static Map<String, String> decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return new LinkedHashMap<>();
        }
        try {
            FormParameters decoded = FormParameters.parse(encoded);
            if (!decoded.duplicates().isEmpty()) {
                throw new ApiException(ErrorCode.MALFORMED_REQUEST,
                        "parameter " + decoded.duplicates().iterator().next() + " is given more than once");
            }
            return new LinkedHashMap<>(decoded.values());
        } catch (MalformedParametersException e) {
            throw new ApiException(ErrorCode.MALFORMED_REQUEST, e.getMessage());
        }
    }

    private byte[] body(Context ctx) {
        try {
            return ctx.bodyAsBytes();
        } catch (io.javalin.http.HttpResponseException e) {
            if (e.getStatus() == 413) {
                throw new ApiException(ErrorCode.REQUEST_TOO_LARGE, maxRequestBytes);
            }
            throw e;
        }
    }
}
