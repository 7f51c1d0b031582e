package io.updraft.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.updraft.gateway.signature.PercentEncoder;
import io.updraft.gateway.signature.SignatureV1;
import io.updraft.gateway.signature.SignatureV3;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * A bare-bones OpenAPI client for gateway tests: builds correctly signed V1 and V3 requests with
 * {@link SignatureV1} / {@link SignatureV3} (verified against the SDK captures by their own tests), lets a test
 * override what the SDKs never get wrong (Timestamp, nonce, secret, parameters) and tamper with a request after
 * signing. Usage:
 * <pre>
 *   RawClient.Response r = raw.v1(TestServer.ACME, "QueryProductList").param("PageSize", "10").send();
 *   RawClient.Signed s = raw.v3(TestServer.ACME, "QueryProduct").query("ProductKey", pk).sign();
 *   s.query().put("ProductKey", "other");   // tamper after signing
 *   s.send();
 * </pre>
 */
public final class RawClient {
    public static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final TestServer server;

    public RawClient(TestServer server) {
        this.server = server;
    }

    public static String timestamp(Instant at) {
        return TIMESTAMP.format(at);
    }

    public static String newNonce() {
        return UUID.randomUUID().toString();
    }

    /** A V1 request with every common parameter set (Format=JSON, fresh Timestamp and nonce), not yet signed. */
    public V1 v1(TestServer.Key key, String action) {
        return new V1(key, action);
    }

    /** A V3 (ACS3-HMAC-SHA256) request like the Tea SDK sends it: POST, business parameters in the query. */
    public V3 v3(TestServer.Key key, String action) {
        return new V3(key, action);
    }

    /** An unsigned request, e.g. {@code GET /health} or {@code PUT /}. */
    public Signed plain(String method, String path) {
        return new Signed(method, path, new LinkedHashMap<>(), null, new LinkedHashMap<>(), null);
    }

    // ------------------------------------------------------------------------------------------------ V1

    public final class V1 {
        private final Map<String, String> params = new LinkedHashMap<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String secret;
        private String method = "POST";
        private boolean inBody;
        private boolean signed = true;

        private V1(TestServer.Key key, String action) {
            secret = key.secret();
            params.put("Action", action);
            params.put("Version", "2018-01-20");
            params.put("Format", "JSON");
            params.put("AccessKeyId", key.id());
            params.put("SignatureMethod", "HMAC-SHA1");
            params.put("SignatureVersion", "1.0");
            params.put("SignatureNonce", newNonce());
            params.put("Timestamp", RawClient.timestamp(Instant.now()));
        }

        public V1 param(String name, String value) {
            params.put(name, value);
            return this;
        }

        public V1 params(Map<String, String> values) {
            params.putAll(values);
            return this;
        }

        /** Leaves a common parameter out (before signing). */
        public V1 without(String name) {
            params.remove(name);
            return this;
        }

        public V1 timestamp(String value) {
            return param("Timestamp", value);
        }

        public V1 nonce(String value) {
            return param("SignatureNonce", value);
        }

        public V1 secret(String value) {
            secret = value;
            return this;
        }

        public V1 header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** GET puts everything in the query (pop-core default); POST does too unless {@link #inBody()}. */
        public V1 method(String value) {
            method = value;
            return this;
        }

        /** POST with every parameter, Signature included, in a form body (pop-core POST). */
        public V1 inBody() {
            method = "POST";
            inBody = true;
            return this;
        }

        /** Sends no Signature parameter. */
        public V1 unsigned() {
            signed = false;
            return this;
        }

        public Signed sign() {
            Map<String, String> all = new LinkedHashMap<>(params);
            String stringToSign = SignatureV1.stringToSign(method, all);
            if (signed) {
                all.put(SignatureV1.SIGNATURE_PARAMETER, SignatureV1.sign(stringToSign, secret));
            }
            Map<String, String> hdrs = new LinkedHashMap<>(headers);
            if (inBody) {
                hdrs.putIfAbsent("Content-Type", "application/x-www-form-urlencoded");
                return new Signed(method, "/", new LinkedHashMap<>(), encode(all).getBytes(StandardCharsets.UTF_8),
                        hdrs, stringToSign);
            }
            return new Signed(method, "/", all, null, hdrs, stringToSign);
        }

        public Response send() {
            return sign().send();
        }
    }

    // ------------------------------------------------------------------------------------------------ V3

    public final class V3 {
        private final Map<String, String> query = new LinkedHashMap<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final String accessKeyId;
        private String secret;
        private byte[] body;

        private V3(TestServer.Key key, String action) {
            accessKeyId = key.id();
            secret = key.secret();
            headers.put("host", server.endpoint()); // what java.net.http sends as Host
            headers.put("x-acs-action", action);
            headers.put("x-acs-version", "2018-01-20");
            headers.put("x-acs-date", RawClient.timestamp(Instant.now()));
            headers.put("x-acs-signature-nonce", newNonce());
        }

        public V3 query(String name, String value) {
            query.put(name, value);
            return this;
        }

        /** A form body (Tea's formData body parameters); covered by the signature only through its SHA-256. */
        public V3 formBody(Map<String, String> values) {
            body = encode(values).getBytes(StandardCharsets.UTF_8);
            headers.put("content-type", "application/x-www-form-urlencoded");
            return this;
        }

        public V3 header(String name, String value) {
            headers.put(name.toLowerCase(Locale.ROOT), value);
            return this;
        }

        public V3 date(String value) {
            return header("x-acs-date", value);
        }

        public V3 nonce(String value) {
            return header("x-acs-signature-nonce", value);
        }

        public V3 secret(String value) {
            secret = value;
            return this;
        }

        public Signed sign() {
            byte[] payload = body == null ? new byte[0] : body;
            Map<String, String> hdrs = new TreeMap<>(headers);
            hdrs.put(SignatureV3.CONTENT_SHA256_HEADER, SignatureV3.sha256Hex(payload));
            List<String> signedHeaders = new ArrayList<>(hdrs.keySet()); // sorted: host, content-type, x-acs-*
            String canonical = SignatureV3.canonicalRequest("POST", query, signedHeaders, hdrs::get,
                    SignatureV3.sha256Hex(payload));
            String stringToSign = SignatureV3.stringToSign(canonical);
            Map<String, String> sent = new LinkedHashMap<>(hdrs);
            sent.remove("host"); // restricted in java.net.http; it sends exactly the value signed above
            sent.put("accept", "application/json");
            sent.put("Authorization", "ACS3-HMAC-SHA256 Credential=" + accessKeyId + ",SignedHeaders="
                    + String.join(";", signedHeaders) + ",Signature=" + SignatureV3.sign(stringToSign, secret));
            return new Signed("POST", "/", new LinkedHashMap<>(query), body, sent, stringToSign);
        }

        public Response send() {
            return sign().send();
        }
    }

    // ------------------------------------------------------------------------------------------------ sending

    /** A request ready to send; everything stays mutable so that a test can tamper with it after signing. */
    public final class Signed {
        private String method;
        private final String path;
        private final Map<String, String> query;
        private byte[] body;
        private final Map<String, String> headers;
        private final String stringToSign;
        private String rawQuery;
        private boolean chunked;

        private Signed(String method, String path, Map<String, String> query, byte[] body,
                       Map<String, String> headers, String stringToSign) {
            this.method = method;
            this.path = path;
            this.query = query;
            this.body = body;
            this.headers = headers;
            this.stringToSign = stringToSign;
        }

        /** The V1 StringToSign, or the V3 one ({@code ACS3-HMAC-SHA256\n<hash>}), the client computed. */
        public String stringToSign() {
            return stringToSign;
        }

        public Map<String, String> query() {
            return query;
        }

        public Map<String, String> headers() {
            return headers;
        }

        public byte[] body() {
            return body;
        }

        public Signed body(String form) {
            body = form.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public Signed method(String value) {
            method = value;
            return this;
        }

        /** Sends this query string verbatim instead of encoding {@link #query()} (it must be a valid URI query). */
        public Signed rawQuery(String value) {
            rawQuery = value;
            return this;
        }

        /** Sends the body with chunked transfer encoding (no Content-Length), as OkHttp does for Tea. */
        public Signed chunked() {
            chunked = true;
            return this;
        }

        public String queryString() {
            return rawQuery != null ? rawQuery : encode(query);
        }

        public Response send() {
            try {
                return sendAsync().join();
            } catch (java.util.concurrent.CompletionException e) {
                throw new IllegalStateException("request failed: " + e.getCause(), e.getCause());
            }
        }

        public CompletableFuture<Response> sendAsync() {
            String q = queryString();
            URI uri = URI.create("http://" + server.endpoint() + path + (q.isEmpty() ? "" : "?" + q));
            HttpRequest.BodyPublisher publisher;
            if (body == null) {
                publisher = HttpRequest.BodyPublishers.noBody();
            } else if (chunked) {
                byte[] bytes = body;
                publisher = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
            } else {
                publisher = HttpRequest.BodyPublishers.ofByteArray(body);
            }
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                    .method(method, publisher);
            headers.forEach(builder::header);
            return HTTP.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray())
                    .thenApply(r -> new Response(r.statusCode(), r.headers(), r.body()));
        }
    }

    /**
     * Writes {@code requestHead} (request line and headers, without the final blank line) on a fresh socket with
     * {@code Connection: close} and reads the whole answer: for requests java.net.URI refuses (e.g. {@code %zz}).
     */
    public Response rawHttp(String requestHead) {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestHead + "\r\nHost: " + server.endpoint() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] all = in.readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int split = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, split).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, List<String>> headerMap = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headerMap.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
            byte[] body = java.util.Arrays.copyOfRange(all, split + 4, all.length);
            if (headerMap.getOrDefault("Transfer-Encoding", List.of()).contains("chunked")) {
                body = dechunk(body);
            }
            return new Response(status, HttpHeaders.of(headerMap, (a, b) -> true), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < chunked.length) {
            int lineEnd = indexOfCrlf(chunked, pos);
            int size = Integer.parseInt(new String(chunked, pos, lineEnd - pos, StandardCharsets.ISO_8859_1)
                    .split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, size);
            pos = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return bytes.length;
    }

    /** RFC 3986-encoded {@code name=value&...} in map order: valid on the wire for query and form body alike. */
    public static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> PercentEncoder.encode(e.getKey()) + "=" + PercentEncoder.encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    public record Response(int status, HttpHeaders headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + text(), e);
            }
        }

        @Override
        public String toString() {
            return status + " " + contentType() + " " + text();
        }
    }
}
