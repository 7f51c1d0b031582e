package io.updraft.gateway;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closes a new HTTP connection that has not sent a complete request head within the deadline. Jetty's idle
 * timeout alone does not stop a slow-loris client: every dribbled byte resets it, so one byte every few seconds
 * holds a connection (and a slot of the connection limit) forever. Jetty counts a request in
 * {@link Connection#getMessagesIn()} once its head is parsed, so "none yet at the deadline" is the test.
 * Later requests on a kept-alive connection are bounded by the idle timeout only.
 */
final class RequestHeaderDeadline implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(RequestHeaderDeadline.class);
    private final Scheduler scheduler;
    private final long deadlineMillis;
    private final AtomicLong closed = new AtomicLong();

    RequestHeaderDeadline(Scheduler scheduler, Duration deadline) {
        this.scheduler = scheduler;
        this.deadlineMillis = deadline.toMillis();
    }

    @Override
    public void onOpened(Connection connection) {
        scheduler.schedule(() -> {
            if (connection.getMessagesIn() == 0 && connection.getEndPoint().isOpen()) {
                long total = closed.incrementAndGet();
                LOG.debug("closed {}: no complete request head within {} ms ({} so far)",
                        connection.getEndPoint().getRemoteSocketAddress(), deadlineMillis, total);
                connection.getEndPoint().close();
            }
        }, deadlineMillis, TimeUnit.MILLISECONDS);
    }
}
