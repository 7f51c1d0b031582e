package io.updraft.gateway.signature;

/**
 * An {@code Authorization} header that claims ACS3-HMAC-SHA256 but cannot be parsed. The gateway maps
 * it to IncompleteSignature (400): unlike a wrong signature, there is nothing to compare.
 */
public class MalformedAuthorizationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public MalformedAuthorizationException(String message) {
        super(message);
    }
}
