package io.updraft.gateway;

import io.updraft.account.AccessKey;
import io.updraft.account.IdentityService;
import io.updraft.error.ApiException;
import io.updraft.error.ErrorCode;
import io.updraft.gateway.signature.Acs3Authorization;
import io.updraft.gateway.signature.SignatureV1;
import io.updraft.gateway.signature.SignatureV3;
import io.updraft.gateway.signature.VerificationResult;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Set;

/**
 * Establishes who signed a request. Order of checks: AccessKey known and active, timestamp well formed and within
 * ±15 minutes, signature (V1 or V3), then the nonce, recorded only once the signature holds so that forged
 * requests cannot burn nonces of real clients.
 */
public final class Authenticator {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withResolverStyle(ResolverStyle.STRICT);
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);
    /** Common headers a V3 signature must cover, or the unsigned ones could be changed in flight. */
    private static final Set<String> V3_MUST_SIGN =
            Set.of("x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256");

    private final IdentityService identities;
    private final NonceStore nonces;
    private final Clock clock;

    public Authenticator(IdentityService identities, NonceStore nonces, Clock clock) {
        this.identities = identities;
        this.nonces = nonces;
        this.clock = clock;
    }

    public AccessKey authenticate(RpcRequest request) {
        Acs3Authorization v3 = null;
        String accessKeyId = request.accessKeyId();
        if (request.scheme() == RpcRequest.Scheme.V3) {
            v3 = parseV3(request);
            accessKeyId = v3.accessKeyId();
        } else {
            if (!"HMAC-SHA1".equals(request.params().get("SignatureMethod"))) {
                throw new ApiException(ErrorCode.SIGNATURE_METHOD);
            }
            if (!"1.0".equals(request.params().get("SignatureVersion"))) {
                throw new ApiException(ErrorCode.SIGNATURE_VERSION);
            }
        }
        if (request.params().containsKey("SecurityToken") || request.header().apply("x-acs-security-token") != null) {
            // STS tokens are issued by Alibaba's STS, which Updraft does not run: refuse rather than ignore.
            throw ApiException.invalid("SecurityToken");
        }
        AccessKey key = identities.accessKey(accessKeyId)
                .orElseThrow(() -> new ApiException(ErrorCode.ACCESS_KEY_NOT_FOUND));
        if (!key.active()) {
            throw new ApiException(ErrorCode.ACCESS_KEY_INACTIVE);
        }
        checkTimestamp(request.timestamp());
        if (v3 != null) {
            verifyV3(request, v3, key);
        } else {
            verifyV1(request, key);
        }
        if (!nonces.remember(key.accessKeyId(), request.nonce())) {
            throw new ApiException(ErrorCode.NONCE_USED);
        }
        return key;
    }

    private Acs3Authorization parseV3(RpcRequest request) {
        Acs3Authorization authorization;
        try {
            authorization = Acs3Authorization.parse(request.header().apply("Authorization"));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INCOMPLETE_SIGNATURE, e.getMessage());
        }
        List<String> signed = authorization.signedHeaders();
        for (String header : V3_MUST_SIGN) {
            if (!signed.contains(header)) {
                throw new ApiException(ErrorCode.INCOMPLETE_SIGNATURE, "(SignedHeaders must include " + header + ")");
            }
        }
        return authorization;
    }

    private void checkTimestamp(String timestamp) {
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(timestamp, TIMESTAMP).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.TIMESTAMP_FORMAT);
        }
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(MAX_SKEW) > 0) {
            throw new ApiException(ErrorCode.TIMESTAMP_EXPIRED);
        }
    }

    private static void verifyV1(RpcRequest request, AccessKey key) {
        VerificationResult result = SignatureV1.verify(
                request.method(), request.params(), key.secret(), request.params().get("Signature"));
        if (!result.matched()) {
            throw new ApiException(ErrorCode.SIGNATURE_DOES_NOT_MATCH, result.stringToSign());
        }
    }

    private static void verifyV3(RpcRequest request, Acs3Authorization authorization, AccessKey key) {
        // The body is covered only through its hash: the verifier hashes the body received, so a changed body fails.
        VerificationResult result = SignatureV3.verify(request.method(), request.queryParams(),
                name -> request.header().apply(name), request.body(), authorization, key.secret());
        if (result.problem().isPresent() && result.stringToSign().isEmpty()) {
            throw new ApiException(ErrorCode.INCOMPLETE_SIGNATURE, "(" + result.problem().get() + ")");
        }
        if (!result.matched()) {
            throw new ApiException(ErrorCode.SIGNATURE_DOES_NOT_MATCH, result.stringToSign());
        }
    }
}
