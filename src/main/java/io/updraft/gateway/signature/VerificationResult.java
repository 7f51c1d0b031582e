package io.updraft.gateway.signature;

import java.util.Objects;
import java.util.Optional;

/**
 * Outcome of checking a received signature.
 *
 * @param matched      whether the received signature is the one the server computed
 * @param stringToSign the server's StringToSign, to echo in a SignatureDoesNotMatch message the way the
 *                     real gateway does ("server string to sign is:..."); empty when it could not be
 *                     computed (see {@code problem})
 * @param problem      why the request could not be verified at all (e.g. a signed header is absent,
 *                     the body does not match {@code x-acs-content-sha256}); empty for a plain
 *                     match or mismatch
 */
public record VerificationResult(boolean matched, String stringToSign, Optional<String> problem) {

    public VerificationResult {
        Objects.requireNonNull(stringToSign, "stringToSign");
        Objects.requireNonNull(problem, "problem");
    }

    static VerificationResult of(boolean matched, String stringToSign) {
        return new VerificationResult(matched, stringToSign, Optional.empty());
    }

    static VerificationResult unverifiable(String stringToSign, String problem) {
        return new VerificationResult(false, stringToSign, Optional.of(problem));
    }
}
