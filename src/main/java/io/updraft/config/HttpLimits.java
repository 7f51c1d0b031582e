package io.updraft.config;

import java.time.Duration;

/**
 * What one HTTP client may hold of the server, so that slow, idle or abusive clients cannot starve the others.
 *
 * @param idleTimeout    a connection that sends and receives nothing for this long is closed
 * @param headerTimeout  a new connection must have sent a complete request head by then, or it is closed: a
 *                       slow-loris client that dribbles header bytes keeps resetting the idle timeout, not this one
 * @param maxConnections open HTTP connections of this node; beyond it Jetty stops accepting (new connections wait
 *                       in the kernel's backlog) and shortens idle connections' timeout to {@code headerTimeout}
 * @param stopTimeout    on SIGTERM, how long in-flight requests get to finish before the server closes anyway
 */
public record HttpLimits(Duration idleTimeout, Duration headerTimeout, int maxConnections, Duration stopTimeout) {
    public static final HttpLimits DEFAULTS =
            new HttpLimits(Duration.ofSeconds(30), Duration.ofSeconds(10), 1000, Duration.ofSeconds(20));

    public HttpLimits {
        if (idleTimeout.isNegative() || idleTimeout.isZero() || headerTimeout.isNegative() || headerTimeout.isZero()
                || stopTimeout.isNegative() || maxConnections < 1) {
            throw new IllegalArgumentException("HTTP timeouts must be positive, the stop timeout not negative, "
                    + "and at least one connection allowed");
        }
    }
}
