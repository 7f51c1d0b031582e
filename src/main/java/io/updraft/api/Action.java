package io.updraft.api;

/**
 * One Alibaba IoT OpenAPI Action: binds and validates its parameters, calls one domain service, returns the
 * documented response fields. Signing, identity, RAM, quotas and rendering are the gateway's job, done once.
 */
@FunctionalInterface
public interface Action {
    ActionResult handle(ActionContext context);
}
