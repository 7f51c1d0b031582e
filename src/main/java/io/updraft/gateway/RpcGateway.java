package io.updraft.gateway;

import io.javalin.http.Context;
import io.updraft.account.AccessKey;
import io.updraft.account.IdentityService;
import io.updraft.account.Principal;
import io.updraft.account.RamPolicy;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionDefinition;
import io.updraft.api.ActionRegistry;
import io.updraft.api.ActionResult;
import io.updraft.error.ApiException;
import io.updraft.error.ErrorCode;
import io.updraft.store.Ids;
import io.updraft.store.SqlErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.updraft.metrics.UpdraftMetrics;

import java.util.Base64;
import java.util.Map;

/**
 * The one pipeline every Action goes through: parse → authenticate → find the Action and check the Version →
 * RAM → quota → handler → render. A throttled or denied request does no work. Every request gets an upper-case
 * UUID RequestId (body and {@code x-acs-request-id}) and one access-log line, which never holds a secret.
 */
public final class RpcGateway {
    public static final String API_VERSION = "2018-01-20";
    private static final Logger ACCESS = LoggerFactory.getLogger("updraft.access");
    private static final Logger LOG = LoggerFactory.getLogger(RpcGateway.class);

    private final RpcRequestParser parser;
    private final Authenticator authenticator;
    private final ActionRegistry actions;
    private final IdentityService identities;
    private final QuotaLimiter quotas;
    private final ResponseWriter writer;

    private final UpdraftMetrics metrics;

    public RpcGateway(Authenticator authenticator, ActionRegistry actions, IdentityService identities,
                      QuotaLimiter quotas, ResponseWriter writer, long maxRequestBytes, UpdraftMetrics metrics) {
        this.metrics = metrics;
        this.parser = new RpcRequestParser(maxRequestBytes);
        this.authenticator = authenticator;
        this.actions = actions;
        this.identities = identities;
        this.quotas = quotas;
        this.writer = writer;
    }

    public void handle(Context ctx) {
        long started = System.nanoTime();
        String requestId = Ids.requestId();
        RequestScope.run(requestId, () -> handle(ctx, requestId, started));
    }

    private void handle(Context ctx, String requestId, long started) {
        ResponseFormat format = null; // known once parsed; errors before that use the fallback
        String action = null;
        Principal caller = null;
        ResponseWriter.Rendered response;
        String code = "";
        RpcRequest.Scheme scheme = null;
        try {
            RpcRequest request = parser.parse(ctx);
            scheme = request.scheme();
            action = request.action();
            if (request.format() == null) {
                throw new ApiException(ErrorCode.INVALID_FORMAT);
            }
            format = request.format();
            AccessKey key = authenticator.authenticate(request);
            caller = key.principal();
            ActionDefinition definition = actions.find(action)
                    .orElseThrow(() -> new ApiException(ErrorCode.ACTION_NOT_FOUND));
            if (!API_VERSION.equals(request.version())) {
                throw new ApiException(ErrorCode.INVALID_VERSION);
            }
            authorize(caller, action);
            int limit = identities.qpsLimit(caller.accountId(), action, definition.qps());
            if (!quotas.tryAcquire(caller.accountId() + '\n' + action, limit)) {
                throw new ApiException(ErrorCode.THROTTLING_USER);
            }
            ActionResult result = definition.handler().handle(new ActionContext(request.params(), caller, identities));
            response = writer.success(format, action, requestId, result);
        } catch (ApiException e) {
            code = e.code();
            response = writer.failure(format != null ? format : parser.fallbackFormat(ctx), action, requestId, e);
        } catch (RuntimeException e) {
            // A lock wait that timed out is contention, not a bug: 503 tells the client to retry.
            ErrorCode error = SqlErrors.isLockTimeout(e) ? ErrorCode.SERVICE_UNAVAILABLE : ErrorCode.INTERNAL_ERROR;
            LOG.error("request {} ({}) failed with {}", requestId, action, error.code(), e);
            code = error.code();
            response = writer.failure(format != null ? format : parser.fallbackFormat(ctx), action, requestId,
                    new ApiException(error));
        }
        ctx.status(response.status())
                .header("x-acs-request-id", requestId)
                .contentType(response.contentType())
                .result(response.body());
        long elapsed = System.nanoTime() - started;
        ACCESS.info("{} {} action={} account={} status={} code={} ms={}", requestId, ctx.method().name(),
                action == null ? "-" : action, caller == null ? "-" : caller.accountName() + (caller.isRoot() ? "" : "/" + caller.ramUserName()),
                response.status(), code.isEmpty() ? "-" : code, elapsed / 1_000_000);
        // A served Action's name, else "unknown": clients cannot create series by sending made-up names
        count(actions.find(action == null ? "" : action).map(ActionDefinition::name).orElse("unknown"), scheme, response.status(), code, elapsed);
    }

    private void count(String action, RpcRequest.Scheme scheme, int status, String code, long nanos) {
        metrics.apiRequest(action, status, code, nanos);
        if (code.equals(ErrorCode.THROTTLING_USER.code())) {
            metrics.throttled(action);
        } else if (code.equals(ErrorCode.SIGNATURE_DOES_NOT_MATCH.code())
                || code.equals(ErrorCode.INCOMPLETE_SIGNATURE.code())) {
            metrics.signatureFailure(scheme == null ? "unknown" : scheme.name(), code);
        }
    }

    private static void authorize(Principal caller, String action) {
        RamPolicy.Decision decision = caller.authorize(action);
        if (decision == RamPolicy.Decision.ALLOW) {
            return;
        }
        Map<String, Object> detail = ActionResult.object(
                "AuthAction", "iot:" + action,
                "AuthPrincipalType", "SubUser",
                "AuthPrincipalDisplayName", caller.ramUserName(),
                "AuthPrincipalOwnerId", caller.accountId(),
                "PolicyType", "AccountLevelIdentityBasedPolicy",
                "NoPermissionType", decision == RamPolicy.Decision.EXPLICIT_DENY ? "ExplicitDeny" : "ImplicitDeny",
                "EncodedDiagnosticMessage", Base64.getEncoder().encodeToString(
                        ("iot:" + action + " denied for " + caller.ramUserName()).getBytes()));
        throw new ApiException(ErrorCode.FORBIDDEN_RAM, Map.of("AccessDeniedDetail", detail));
    }

    ResponseWriter responseWriter() {
        return writer;
    }

    /** For requests that never reach an Action: wrong path or HTTP method. */
    public void reject(Context ctx, ErrorCode error, Object... args) {
        String requestId = Ids.requestId();
        metrics.apiRequest("unknown", error.httpStatus(), error.code(), 0);
        ResponseWriter.Rendered response =
                writer.failure(parser.fallbackFormat(ctx), null, requestId, new ApiException(error, args));
        ctx.status(response.status()).header("x-acs-request-id", requestId)
                .contentType(response.contentType()).result(response.body());
        ACCESS.info("{} {} path={} status={} code={}", requestId, ctx.method().name(), ctx.path(),
                response.status(), error.code());
    }
}
