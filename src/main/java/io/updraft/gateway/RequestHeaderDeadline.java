package io.updraft.gateway;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.SslConnection;
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
 * Later requests on a kept-alive connection are bounded by the idle timeout only. Over TLS the deadline runs on the
 * TLS connection (the one on the socket): until the handshake and protocol negotiation are done there is no HTTP
 * connection inside to count, so a client that never finishes its handshake is closed at the same deadline.
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
        if (connection.getEndPoint() instanceof SslConnection.SslEndPoint) {
            return; // inside TLS: the TLS connection's own deadline covers this one
        }
        scheduler.schedule(() -> {
            if (!requestHeadReceived(connection) && connection.getEndPoint().isOpen()) {
                long total = closed.incrementAndGet();
                LOG.debug("closed {}: no complete request head within {} ms ({} so far)",
                        connection.getEndPoint().getRemoteSocketAddress(), deadlineMillis, total);
                connection.getEndPoint().close();
            }
        }, deadlineMillis, TimeUnit.MILLISECONDS);
    }

    /** HTTP/1 counts parsed request heads, HTTP/2 opened streams; TLS and ALPN count nothing themselves (-1). */
    private static boolean requestHeadReceived(Connection connection) {
        Connection inner = connection;
        while (inner instanceof SslConnection tls) {
            inner = tls.getSslEndPoint().getConnection();
        }
        return inner != null && inner.getMessagesIn() > 0;
    }
}
