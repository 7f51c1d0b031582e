package io.updraft.gateway;

import org.slf4j.MDC;

/**
 * Runs one request's work with its RequestId in the logging MDC, so that every log line the request causes (access
 * line, warnings, errors) names it: {@code mdc.requestId} in the JSON log.
 */
final class RequestScope {
    /** The MDC key of the request's RequestId. */
    static final String REQUEST_ID = "requestId";

    private RequestScope() {
    }

    static void run(String requestId, Runnable work) {
        MDC.put(REQUEST_ID, requestId);
        try {
            work.run();
        } finally {
            MDC.remove(REQUEST_ID);
        }
    }
}
