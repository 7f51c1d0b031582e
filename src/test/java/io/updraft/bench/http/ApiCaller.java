package io.updraft.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Signed requests one at a time, for setting up a scenario's data (products, modules) before measuring. */
public final class ApiCaller implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpConnection connection;
    private final RequestSigner signer;

    public ApiCaller(String host, int port, RequestSigner signer) {
        this.connection = new HttpConnection(host, port);
        this.signer = signer;
    }

    /** Calls {@code action} and returns the JSON response; fails unless the status is 200. */
    public JsonNode call(String action, Map<String, String> params) {
        try {
            HttpConnection.Exchange exchange = connection.send(signer.v1(action, params), true);
            JsonNode body = JSON.readTree(exchange.body());
            if (exchange.status() != 200) {
                throw new IllegalStateException(action + " failed with " + exchange.status() + ": " + body);
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(action + " failed", e);
        }
    }

    /** Bytes of the response body, to size the baseline's answer like the real one. */
    public int responseBytes(String action, Map<String, String> params) {
        try {
            return connection.send(signer.v1(action, params), false).bodyBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(action + " failed", e);
        }
    }

    public String createProduct(String name) {
        JsonNode created = call("CreateProduct", Map.of("ProductName", name, "NodeType", "0"));
        JsonNode key = created.path("ProductKey");
        return key.isMissingNode() || key.isNull() ? created.path("Data").path("ProductKey").asText() : key.asText();
    }

    public void createModule(String productKey, String moduleName) {
        call("CreateOTAModule", Map.of("ProductKey", productKey, "ModuleName", moduleName));
    }

    @Override
    public void close() {
        connection.close();
    }
}
