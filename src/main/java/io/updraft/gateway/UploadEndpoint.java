package io.updraft.gateway;

import io.javalin.http.Context;
import io.updraft.error.ApiException;
import io.updraft.error.ErrorCode;
import io.updraft.firmware.Upload;
import io.updraft.firmware.UploadService;
import io.updraft.store.Ids;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletDiskFileUpload;
import io.updraft.metrics.UpdraftMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /ota-upload}: an OSS PostObject form (multipart/form-data; {@code key}, {@code policy},
 * {@code OSSAccessKeyId}, {@code Signature}, {@code success_action_status}, then {@code file} last). The parts are
 * read as a stream, so the form is verified before a byte of the file is accepted and the file never sits in memory.
 */
public final class UploadEndpoint {
    private static final Logger ACCESS = LoggerFactory.getLogger("updraft.access");
    private static final int MAX_FIELD_BYTES = 16 * 1024;
    private static final int MAX_FIELDS = 32;
    private final UploadService uploads;
    private final String hostId;
    private final Clock clock;

    private final UpdraftMetrics metrics;

    public UploadEndpoint(UploadService uploads, String hostId, Clock clock, UpdraftMetrics metrics) {
        this.metrics = metrics;
        this.uploads = uploads;
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
            Received received = receive(ctx);
            metrics.uploaded(received.upload().size());
            respond(ctx, requestId, received.upload(), received.successStatus());
        } catch (ApiException e) {
            code = e.code();
            OssErrorResponse.send(ctx, requestId, hostId, e);
        } catch (FileUploadSizeException e) {
            code = ErrorCode.UPLOAD_TOO_LARGE.code();
            OssErrorResponse.send(ctx, requestId, hostId, new ApiException(ErrorCode.UPLOAD_TOO_LARGE, e.getPermitted()));
        } catch (FileUploadException e) {
            code = ErrorCode.UPLOAD_MALFORMED.code();
            OssErrorResponse.send(ctx, requestId, hostId, new ApiException(ErrorCode.UPLOAD_MALFORMED, e.getMessage()));
        } catch (IOException e) {
            // Mostly a client that went away mid-upload; nothing was stored.
            code = ErrorCode.UPLOAD_MALFORMED.code();
            OssErrorResponse.send(ctx, requestId, hostId, new ApiException(ErrorCode.UPLOAD_MALFORMED, e.getMessage()));
        }
        ACCESS.info("{} POST upload status={} code={} ms={}", requestId, ctx.statusCode(), code,
                (System.nanoTime() - started) / 1_000_000);
    }

    private record Received(Upload upload, String successStatus) {
    }

    private Received receive(Context ctx) throws IOException {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new ApiException(ErrorCode.UPLOAD_MALFORMED, "the Content-Type must be multipart/form-data");
        }
        JakartaServletDiskFileUpload parser = new JakartaServletDiskFileUpload();
        parser.setHeaderCharset(StandardCharsets.UTF_8);
        parser.setMaxFileSize(UploadService.MAX_FILE_BYTES);
        parser.setMaxSize(UploadService.MAX_FILE_BYTES + MAX_FIELDS * MAX_FIELD_BYTES);
        FileItemInputIterator parts = parser.getItemIterator(ctx.req());
        Map<String, String> fields = new HashMap<>();
        while (parts.hasNext()) {
            FileItemInput part = parts.next();
            String name = part.getFieldName() == null ? "" : part.getFieldName();
            try (InputStream in = part.getInputStream()) {
                if (name.equals("file")) {
                    // OSS ignores whatever follows the file; so does Updraft.
                    return new Received(uploads.accept(fields, in, clock.instant()),
                            fields.getOrDefault("success_action_status", ""));
                }
                if (fields.size() >= MAX_FIELDS) {
                    throw new ApiException(ErrorCode.UPLOAD_MALFORMED, "too many form fields");
                }
                byte[] value = in.readNBytes(MAX_FIELD_BYTES + 1);
                if (value.length > MAX_FIELD_BYTES) {
                    throw new ApiException(ErrorCode.UPLOAD_MALFORMED, "form field " + name + " is too long");
                }
                fields.put(name.toLowerCase(Locale.ROOT), new String(value, StandardCharsets.UTF_8));
            }
        }
        throw new ApiException(ErrorCode.UPLOAD_MALFORMED, "the form has no file field");
    }

    /** OSS semantics of success_action_status: 200 or 204 with an empty body, 201 with a PostResponse document. */
    private static void respond(Context ctx, String requestId, Upload upload, String status) {
        ctx.header("x-oss-request-id", requestId).header("ETag", "\"" + upload.md5().toUpperCase(Locale.ROOT) + "\"");
        switch (status.trim()) {
            case "200" -> ctx.status(200).result("");
            case "201" -> ctx.status(201).contentType("application/xml;charset=utf-8").result(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PostResponse>\n  <Bucket>updraft</Bucket>\n"
                            + "  <Location>" + upload.key() + "</Location>\n  <Key>" + upload.key() + "</Key>\n"
                            + "  <ETag>\"" + upload.md5().toUpperCase(Locale.ROOT) + "\"</ETag>\n</PostResponse>\n");
            default -> ctx.status(204).result("");
        }
    }
}
