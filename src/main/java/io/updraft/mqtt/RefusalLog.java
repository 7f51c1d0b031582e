package io.updraft.mqtt;

import org.slf4j.Logger;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Logs refused CONNECTs so that a flood costs a bounded amount of log: the first {@code linesPerInterval} of each
 * interval get a line each, with identifiers cut to {@value #MAX_SHOWN} characters; the rest are counted and
 * summed up in one line when the interval is over (by reason, and the address that sent the most).
 */
final class RefusalLog {
    static final int MAX_SHOWN = 64;
    /** Addresses counted per interval for the summary; a flood from more is summed up without them. */
    private static final int MAX_ADDRESSES = 1_000;
    private final Logger log;
    private final int linesPerInterval;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private long intervalStart;
    private int lines;
    private long suppressed;
    private final Map<String, Long> byReason = new TreeMap<>();
    private final Map<String, Long> byAddress = new TreeMap<>();

    RefusalLog(Logger log, int linesPerInterval, long intervalNanos, LongSupplier nanoTime) {
        this.log = log;
        this.linesPerInterval = linesPerInterval;
        this.intervalNanos = intervalNanos;
        this.nanoTime = nanoTime;
        this.intervalStart = nanoTime.getAsLong();
    }

    synchronized void refused(String address, String clientIdentifier, String userName, String reason) {
        rollIfDue();
        if (lines < linesPerInterval) {
            lines++;
            log.info("Refused MQTT connection from {}: client {} user {}: {}", address, cut(clientIdentifier),
                    cut(userName), reason);
            return;
        }
        suppressed++;
        byReason.merge(reason, 1L, Long::sum);
        if (byAddress.size() < MAX_ADDRESSES || byAddress.containsKey(address)) {
            byAddress.merge(address, 1L, Long::sum);
        }
    }

    /** Writes the summary of an interval that is over; called periodically so a flood's end is reported too. */
    synchronized void flush() {
        rollIfDue();
    }

    private void rollIfDue() {
        long now = nanoTime.getAsLong();
        if (now - intervalStart < intervalNanos) {
            return;
        }
        if (suppressed > 0) {
            Map.Entry<String, Long> top = byAddress.entrySet().stream().max(Map.Entry.comparingByValue()).orElse(null);
            log.info("Refused {} more MQTT connections in the last {} s without a line each: {}; most from {} ({})",
                    suppressed, (now - intervalStart) / 1_000_000_000L, byReason, top == null ? "-" : top.getKey(),
                    top == null ? 0 : top.getValue());
        }
        intervalStart = now;
        lines = 0;
        suppressed = 0;
        byReason.clear();
        byAddress.clear();
    }

    /** At most {@value #MAX_SHOWN} characters, control characters shown as {@code ?} (no forged log lines). */
    static String cut(String value) {
        if (value == null) {
            return "-";
        }
        String shown = value.length() <= MAX_SHOWN ? value : value.substring(0, MAX_SHOWN);
        StringBuilder out = new StringBuilder(shown.length() + 24);
        shown.chars().forEach(c -> out.append(c < 0x20 || c == 0x7f ? '?' : (char) c));
        return value.length() <= MAX_SHOWN ? out.toString() : out.append("…(").append(value.length()).append(" chars)").toString();
    }
}
