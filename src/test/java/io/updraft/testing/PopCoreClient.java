package io.updraft.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Calls an RPC-style (Alibaba Cloud POP) endpoint through the official Node SDK
 * {@code @alicloud/pop-core} 1.8.0, unmodified, so tests prove wire compatibility with a real
 * client rather than with our own idea of the protocol.
 *
 * <p>Each {@link #callAll} starts one {@code node} process (about 100-200 ms), so batch calls
 * that belong together. The SDK is installed into {@code target/popcore/} on first use.
 * Instances are immutable and thread-safe.
 */
public final class PopCoreClient {

  public static final String DEFAULT_API_VERSION = "2018-01-20";

  private static final ObjectMapper JSON = new ObjectMapper();
  /** pop-core's own per-request timeout is 10 s; the process gets that per call plus startup. */
  private static final long SECONDS_PER_CALL = 11;
  private static final long STARTUP_SECONDS = 20;

  private final String endpoint;
  private final String accessKeyId;
  private final String accessKeySecret;
  private final String apiVersion;
  /** PEM file for NODE_EXTRA_CA_CERTS: the CA an HTTPS endpoint's certificate chains to, or null. */
  private final Path extraCaCertificates;

  /** One RPC call; {@code method} is {@code GET} (parameters in the query) or {@code POST} (form body). */
  public record Call(String action, Map<String, String> params, String method) {
    public Call {
      Objects.requireNonNull(action, "action");
      params = params == null ? Map.of() : Map.copyOf(params);
      method = method == null ? "GET" : method.toUpperCase(java.util.Locale.ROOT);
      // pop-core signs with method.toUpperCase() but only sends a body for exactly "POST";
      // anything else would be a request the real SDK never makes.
      if (!method.equals("GET") && !method.equals("POST")) {
        throw new IllegalArgumentException("method must be GET or POST: " + method);
      }
    }

    public static Call get(String action, Map<String, String> params) {
      return new Call(action, params, "GET");
    }

    public static Call post(String action, Map<String, String> params) {
      return new Call(action, params, "POST");
    }
  }

  public PopCoreClient(String endpoint, String accessKeyId, String accessKeySecret) {
    this(endpoint, accessKeyId, accessKeySecret, DEFAULT_API_VERSION);
  }

  public PopCoreClient(String endpoint, String accessKeyId, String accessKeySecret, String apiVersion) {
    this(endpoint, accessKeyId, accessKeySecret, apiVersion, null);
  }

  private PopCoreClient(String endpoint, String accessKeyId, String accessKeySecret, String apiVersion,
      Path extraCaCertificates) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
    this.accessKeySecret = Objects.requireNonNull(accessKeySecret, "accessKeySecret");
    this.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion");
    this.extraCaCertificates = extraCaCertificates;
  }

  /** The same client with Node trusting this CA besides its own (NODE_EXTRA_CA_CERTS), as users set it up. */
  public PopCoreClient trusting(Path caPem) {
    return new PopCoreClient(endpoint, accessKeyId, accessKeySecret, apiVersion, caPem.toAbsolutePath());
  }

  public PopCoreResult call(String action, Map<String, String> params, String method) {
    return callAll(List.of(new Call(action, params, method))).get(0);
  }

  public PopCoreResult get(String action, Map<String, String> params) {
    return call(action, params, "GET");
  }

  public PopCoreResult post(String action, Map<String, String> params) {
    return call(action, params, "POST");
  }

  /** Runs the calls in order, in one node process, through one SDK client instance. */
  public List<PopCoreResult> callAll(List<Call> calls) {
    if (calls.isEmpty()) {
      return List.of();
    }
    Path dir = PopCoreInstall.directory();
    Map<String, String> env = extraCaCertificates == null ? Map.of()
        : Map.of("NODE_EXTRA_CA_CERTS", extraCaCertificates.toString());
    JsonNode output = runNode(PopCoreInstall.SCRIPT, dir, request(calls),
        STARTUP_SECONDS + SECONDS_PER_CALL * calls.size(), env);
    JsonNode results = output.path("results");
    if (!results.isArray() || results.size() != calls.size()) {
      throw new IllegalStateException("Expected " + calls.size() + " results from pop-core, got: " + output);
    }
    List<PopCoreResult> list = new ArrayList<>(calls.size());
    results.forEach(r -> list.add(toResult(r)));
    return List.copyOf(list);
  }

  private byte[] request(List<Call> calls) {
    ObjectNode root = JSON.createObjectNode()
        .put("endpoint", endpoint)
        .put("accessKeyId", accessKeyId)
        .put("accessKeySecret", accessKeySecret)
        .put("apiVersion", apiVersion);
    ArrayNode array = root.putArray("calls");
    for (Call call : calls) {
      ObjectNode node = array.addObject().put("action", call.action()).put("method", call.method());
      ObjectNode params = node.putObject("params");
      call.params().forEach(params::put);
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code script} of the installed harness with {@code input} on stdin; its stdout as JSON. */
  static JsonNode runNode(String script, Path dir, byte[] input, long timeoutSeconds, Map<String, String> env) {
    Path stderr = null;
    Process node = null;
    try {
      // stderr goes to a file so it can neither block the process nor mix with the JSON on stdout.
      stderr = Files.createTempFile(dir, "node-stderr", ".log");
      ProcessBuilder builder = new ProcessBuilder(PopCoreInstall.nodeCommand(), script)
          .directory(dir.toFile())
          .redirectError(stderr.toFile());
      builder.environment().putAll(env);
      node = builder.start();
      InputStream stdoutStream = node.getInputStream();
      CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(stdoutStream));
      try (OutputStream stdin = node.getOutputStream()) {
        stdin.write(input);
      }
      if (!node.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        throw new IllegalStateException("node " + script + " did not finish within "
            + timeoutSeconds + " s. stderr:\n" + Files.readString(stderr));
      }
      byte[] out = stdout.get(10, TimeUnit.SECONDS);
      if (node.exitValue() != 0) {
        throw new IllegalStateException("node " + script + " exited with " + node.exitValue()
            + ". stderr:\n" + Files.readString(stderr) + "\nstdout:\n" + new String(out, StandardCharsets.UTF_8));
      }
      return JSON.readTree(out);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run node " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running node", e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Could not read node output", e);
    } finally {
      if (node != null && node.isAlive()) {
        node.destroyForcibly();
      }
      if (stderr != null) {
        try {
          Files.deleteIfExists(stderr);
        } catch (IOException ignored) {
          // a leftover log in target/ is harmless
        }
      }
    }
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static PopCoreResult toResult(JsonNode r) {
    boolean ok = r.path("ok").asBoolean(false);
    JsonNode status = r.get("httpStatus");
    return new PopCoreResult(
        ok,
        status == null || status.isNull() ? null : status.asInt(),
        ok ? r.get("body") : null,
        text(r, "name"),
        text(r, "code"),
        text(r, "message"),
        r.hasNonNull("data") ? r.get("data") : null);
  }

  private static String text(JsonNode r, String field) {
    JsonNode v = r.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
