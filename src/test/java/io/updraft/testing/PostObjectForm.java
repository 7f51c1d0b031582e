package io.updraft.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Posts an OSS PostObject form the way browser and OSS upload code does: multipart/form-data with the fields first
 * and {@code file} last, built with java.net.http and the file streamed from disk.
 */
public final class PostObjectForm {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final Map<String, String> fields = new LinkedHashMap<>();
    private HttpClient http = HTTP;

    /** The fields GenerateOTAUploadURL returns, under their form names. */
    public static PostObjectForm of(String key, String policy, String accessKeyId, String signature) {
        return new PostObjectForm().field("key", key).field("policy", policy)
                .field("OSSAccessKeyId", accessKeyId).field("Signature", signature);
    }

    public PostObjectForm field(String name, String value) {
        fields.put(name, value);
        return this;
    }

    /** Posts through this client, e.g. one that trusts a test CA for an HTTPS form host. */
    public PostObjectForm using(HttpClient client) {
        http = client;
        return this;
    }

    public PostObjectForm without(String name) {
        fields.remove(name);
        return this;
    }

    public HttpResponse<String> post(String host, Path file) {
        try {
            return post(host, HttpRequest.BodyPublishers.ofFile(file), file.getFileName().toString());
        } catch (java.io.FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HttpResponse<String> post(String host, byte[] content) {
        return post(host, HttpRequest.BodyPublishers.ofByteArray(content), "firmware.bin");
    }

    /** The file read from a fresh stream of {@code length} bytes, never held in memory (sent with Content-Length). */
    public HttpResponse<String> post(String host, Supplier<? extends InputStream> content, long length) {
        return post(host, HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(content),
                length), "firmware.bin");
    }

    private HttpResponse<String> post(String host, HttpRequest.BodyPublisher file, String fileName) {
        String boundary = "----updraft" + UUID.randomUUID().toString().replace("-", "");
        List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
        StringBuilder head = new StringBuilder();
        fields.forEach((name, value) -> head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"file\"; filename=\"").append(fileName).append("\"\r\n")
                .append("Content-Type: application/octet-stream\r\n\r\n");
        parts.add(HttpRequest.BodyPublishers.ofString(head.toString(), StandardCharsets.UTF_8));
        parts.add(file);
        parts.add(HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n", StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(host))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new)))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
