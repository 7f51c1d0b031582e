package io.updraft.gateway;

import java.util.Map;
import java.util.function.Function;

/**
 * One OpenAPI call as received, after parsing and before authentication: the merged query and form-body
 * parameters, where the signature scheme put Action/Version/identity, and the raw body for the V3 body hash.
 */
public record RpcRequest(
        String method,
        Map<String, String> params,
        Map<String, String> queryParams,
        Function<String, String> header,
        byte[] body,
        Scheme scheme,
        String action,
        String version,
        String accessKeyId,
        String nonce,
        String timestamp,
        ResponseFormat format) {

    public enum Scheme { V1, V3 }
}
