package io.updraft.api.ota;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Package, job and task times: ISO-8601 UTC with milliseconds, {@code 2019-05-10T02:18:53.000Z}. */
public final class FirmwareTimes {
    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private FirmwareTimes() {
    }

    public static String utc(long epochMillis) {
        return UTC.format(Instant.ofEpochMilli(epochMillis));
    }
}
