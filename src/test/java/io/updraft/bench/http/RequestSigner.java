package io.updraft.bench.http;

import io.updraft.gateway.signature.PercentEncoder;
import io.updraft.gateway.signature.SignatureV1;
import io.updraft.gateway.signature.SignatureV3;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Signs every request for real, with a fresh nonce and timestamp, using the server's own {@link SignatureV1} and
 * {@link SignatureV3} (verified against SDK captures by their tests): the cost of signing is part of what a client
 * pays, and a replayed request would be refused by the server's nonce check.
 *
 * <p>V1 as pop-core POST sends it (every parameter in a form body); V3 as the Tea SDK sends it (POST, business
 * parameters in the query, empty body, {@code ACS3-HMAC-SHA256} Authorization).
 */
public final class RequestSigner {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final String EMPTY_SHA256 = SignatureV3.sha256Hex(new byte[0]);

    private final String accessKeyId;
    private final String accessKeySecret;
    private final String hostHeader;

    public RequestSigner(String accessKeyId, String accessKeySecret, String hostHeader) {
        this.accessKeyId = accessKeyId;
        this.accessKeySecret = accessKeySecret;
        this.hostHeader = hostHeader;
    }

    public byte[] sign(boolean v3, String action, Map<String, String> params) {
        return v3 ? v3(action, params) : v1(action, params);
    }

    public byte[] v1(String action, Map<String, String> business) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Action", action);
        params.put("Version", "2018-01-20");
        params.put("Format", "JSON");
        params.put("AccessKeyId", accessKeyId);
        params.put("SignatureMethod", "HMAC-SHA1");
        params.put("SignatureVersion", "1.0");
        params.put("SignatureNonce", UUID.randomUUID().toString());
        params.put("Timestamp", TIMESTAMP.format(Instant.now()));
        params.putAll(business);
        params.put(SignatureV1.SIGNATURE_PARAMETER,
                SignatureV1.sign(SignatureV1.stringToSign("POST", params), accessKeySecret));
        byte[] body = encode(params).getBytes(StandardCharsets.UTF_8);
        return HttpConnection.request("POST", "/", hostHeader,
                "Content-Type: application/x-www-form-urlencoded\r\n", body);
    }

    public byte[] v3(String action, Map<String, String> query) {
        Map<String, String> headers = new TreeMap<>();
        headers.put("host", hostHeader);
        headers.put("x-acs-action", action);
        headers.put("x-acs-version", "2018-01-20");
        headers.put("x-acs-date", TIMESTAMP.format(Instant.now()));
        headers.put("x-acs-signature-nonce", UUID.randomUUID().toString());
        headers.put(SignatureV3.CONTENT_SHA256_HEADER, EMPTY_SHA256);
        List<String> signedHeaders = new ArrayList<>(headers.keySet());
        String canonical = SignatureV3.canonicalRequest("POST", query, signedHeaders, headers::get, EMPTY_SHA256);
        String signature = SignatureV3.sign(SignatureV3.stringToSign(canonical), accessKeySecret);
        StringBuilder head = new StringBuilder(512);
        headers.forEach((name, value) -> {
            if (!name.equals("host")) {
                head.append(name).append(": ").append(value).append("\r\n");
            }
        });
        head.append("accept: application/json\r\n");
        head.append("Authorization: ACS3-HMAC-SHA256 Credential=").append(accessKeyId).append(",SignedHeaders=")
                .append(String.join(";", signedHeaders)).append(",Signature=").append(signature).append("\r\n");
        String q = encode(query);
        return HttpConnection.request("POST", q.isEmpty() ? "/" : "/?" + q, hostHeader, head.toString(), new byte[0]);
    }

    static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> PercentEncoder.encode(e.getKey()) + "=" + PercentEncoder.encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }
}
