package io.updraft.gateway.signature;

/**
 * A query string or form body that cannot be decoded (bad {@code %XX} escape, invalid UTF-8).
 * Subclass of {@link IllegalArgumentException} so callers that only care about "bad input" can
 * catch the general type, while the gateway can map this one to a 400 response.
 */
public class MalformedParametersException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public MalformedParametersException(String message) {
        super(message);
    }

    public MalformedParametersException(String message, Throwable cause) {
        super(message, cause);
    }
}
