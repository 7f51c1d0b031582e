package io.updraft.api.device;

import io.updraft.api.ActionContext;
import io.updraft.device.DeviceRef;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** What the device Actions share: naming a device, and the time formats of their responses. */
final class DeviceParameters {
    /** QueryDeviceDetail's Gmt* shape ({@code 2018-08-06 10:48:41}); Updraft renders it in UTC. */
    static final DateTimeFormatter GMT_DETAIL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    /** QueryDevice's Gmt* shape ({@code Tue, 05-Jun-2018 08:58:26 GMT}). */
    static final DateTimeFormatter GMT_LIST = DateTimeFormatter.ofPattern("EEE, dd-MMM-yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    /** Utc* fields everywhere ({@code 2018-08-06T02:48:41.000Z}). */
    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private DeviceParameters() {
    }

    static DeviceRef ref(ActionContext ctx) {
        return new DeviceRef(ctx.optional("IotId").orElse(null), ctx.optional("ProductKey").orElse(null),
                ctx.optional("DeviceName").orElse(null));
    }

    static String format(DateTimeFormatter formatter, Long epochMillis) {
        return epochMillis == null ? null : formatter.format(Instant.ofEpochMilli(epochMillis));
    }
}
