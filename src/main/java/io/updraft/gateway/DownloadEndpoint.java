package io.updraft.gateway;

import io.javalin.http.Context;
import io.updraft.blob.BlobKeys;
import io.updraft.blob.BlobStore;
import io.updraft.error.ApiException;
import io.updraft.error.ErrorCode;
import io.updraft.firmware.PublicUrls;
import io.updraft.store.Ids;
import io.updraft.metrics.UpdraftMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code GET|HEAD /ota-files/<key>?Expires=…&Signature=…}: a package file for devices and users, with Range
 * support. Only links minted by QueryOTAFirmware/ListOTAFirmware open it, until they expire.
 */
public final class DownloadEndpoint {
    private static final Logger ACCESS = LoggerFactory.getLogger("updraft.access");
    private static final Logger LOG = LoggerFactory.getLogger(DownloadEndpoint.class);
    private final BlobStore blobs;
    private final PublicUrls urls;
    private final String hostId;
    private final Clock clock;

    private final UpdraftMetrics metrics;

    public DownloadEndpoint(BlobStore blobs, PublicUrls urls, String hostId, Clock clock, UpdraftMetrics metrics) {
        this.metrics = metrics;
        this.blobs = blobs;
        this.urls = urls;
        this.hostId = hostId;
        this.clock = clock;
    }

    public void handle(Context ctx) {
        String requestId = Ids.requestId();
        RequestScope.run(requestId, () -> handle(ctx, requestId));
    }

    private void handle(Context ctx, String requestId) {
        long started = System.nanoTime();
        String code = "-";
        try {
            serve(ctx, requestId);
        } catch (ApiException e) {
            code = e.code();
            OssErrorResponse.send(ctx, requestId, hostId, e);
        } catch (IOException | RuntimeException e) {
            if (ctx.res().isCommitted()) {
                // Mostly a device that went away mid-download; a resume with Range picks up from here.
                LOG.debug("download {} interrupted: {}", requestId, e.getMessage());
            } else {
                LOG.error("download {} failed", requestId, e);
                code = ErrorCode.INTERNAL_ERROR.code();
                OssErrorResponse.send(ctx, requestId, hostId, new ApiException(ErrorCode.INTERNAL_ERROR));
            }
        }
        ACCESS.info("{} {} download status={} code={} ms={}", requestId, ctx.method().name(), ctx.statusCode(), code,
                (System.nanoTime() - started) / 1_000_000);
    }

    private void serve(Context ctx, String requestId) throws IOException {
        String key = ctx.pathParam("key");
        if (!BlobKeys.isValid(key)) {
            throw new ApiException(ErrorCode.DOWNLOAD_NOT_FOUND);
        }
        long expires;
        try {
            expires = Long.parseLong(String.valueOf(ctx.queryParam("Expires")));
        } catch (NumberFormatException e) {
            throw new ApiException(ErrorCode.DOWNLOAD_DENIED);
        }
        if (!urls.verify(key, expires, ctx.queryParam("Signature"))) {
            throw new ApiException(ErrorCode.DOWNLOAD_DENIED);
        }
        if (clock.instant().getEpochSecond() > expires) {
            throw new ApiException(ErrorCode.DOWNLOAD_EXPIRED);
        }
        OptionalLong size = blobs.size(key);
        if (size.isEmpty()) {
            throw new ApiException(ErrorCode.DOWNLOAD_NOT_FOUND);
        }
        long total = size.getAsLong();
        Optional<ByteRange> range;
        try {
            range = ByteRange.parse(ctx.header("Range"), total);
        } catch (ByteRange.Unsatisfiable e) {
            ctx.header("Content-Range", "bytes */" + total);
            throw new ApiException(ErrorCode.DOWNLOAD_RANGE_INVALID);
        }
        long start = range.map(ByteRange::start).orElse(0L);
        long length = range.map(ByteRange::length).orElse(total);
        ctx.status(range.isPresent() ? 206 : 200)
                .header("x-oss-request-id", requestId)
                .header("Accept-Ranges", "bytes")
                .header("Cache-Control", "private, no-transform")
                .contentType("application/octet-stream");
        range.ifPresent(r -> ctx.header("Content-Range", "bytes " + r.start() + "-" + r.end() + "/" + total));
        ctx.res().setContentLengthLong(length);
        if (ctx.method().name().equals("HEAD")) {
            return;
        }
        // Straight to the servlet stream: no buffering and no response compression, which would break ranges.
        try (InputStream in = blobs.open(key, start, length)) {
            OutputStream out = ctx.res().getOutputStream();
            metrics.downloaded(in.transferTo(out));
            out.flush();
        } catch (NoSuchFileException e) {
            throw new ApiException(ErrorCode.DOWNLOAD_NOT_FOUND);
        }
    }
}
