package io.updraft.testing;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Outcome of one call made through the official Node SDK {@code @alicloud/pop-core}.
 *
 * <p>pop-core throws whenever the response's top-level {@code Code} is set and not OK-like
 * (regardless of HTTP status), so both gateway errors and business errors with
 * {@code Success:false} arrive here as {@code ok == false} with the parsed body in {@link #data()}.
 *
 * @param ok         true when pop-core returned a body instead of throwing
 * @param httpStatus HTTP status seen by the SDK, or null when no response was received
 * @param body       response body when {@code ok}, else null
 * @param errorName  JS error name when not ok, e.g. {@code "MissingProductKeyError"}, {@code "SyntaxError"}
 * @param code       error code: the body's {@code Code}, or a Node network code such as {@code ECONNREFUSED}
 * @param message    JS error message (pop-core builds it from the body's {@code Message} plus the URL)
 * @param data       the parsed error body when the server answered with a {@code Code}, else null
 */
public record PopCoreResult(
    boolean ok,
    Integer httpStatus,
    JsonNode body,
    String errorName,
    String code,
    String message,
    JsonNode data) {

  /** Returns the body, failing the test with the full error if the call was not ok. */
  public JsonNode requireOk() {
    if (!ok) {
      throw new AssertionError("pop-core call failed: " + this);
    }
    return body;
  }
}
