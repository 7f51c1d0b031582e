package io.updraft.batch;

import io.updraft.blob.BlobStore;
import io.updraft.error.ApiException;
import io.updraft.error.ErrorCode;
import io.updraft.firmware.PublicUrls;
import io.updraft.firmware.Upload;
import io.updraft.firmware.UploadRepository;
import io.updraft.firmware.UploadService;
import io.updraft.store.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Device-list files for SPECIFIC static batches larger than the 200 names a call may carry:
 * GenerateDeviceNameListURL hands out an upload form, the caller POSTs a CSV text file of DeviceNames, one per line,
 * and names it in CreateOTAStaticUpgradeJob's {@code DnListFileUrl}. As on Alibaba: at most 5 MB and 10,000 names;
 * a file is purged 60 minutes after its form was issued, used or not (a batch reads it when it is created).
 */
public final class DeviceListFiles implements DeviceListReader {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceListFiles.class);
    public static final long MAX_BYTES = 5L * 1024 * 1024;
    /** Its own key space, so that a package file can never be read as a device list (nor the other way round). */
    static final String KEY_PREFIX = "ota-devicelist/";

    private final UploadService uploadService;
    private final UploadRepository uploads;
    private final BlobStore blobs;

    public DeviceListFiles(UploadService uploadService, UploadRepository uploads, BlobStore blobs) {
        this.uploadService = uploadService;
        this.uploads = uploads;
        this.blobs = blobs;
    }

    /** GenerateDeviceNameListURL: an upload form for one device-list file of the caller's account. */
    public UploadService.Slot issue(String accountId, Instant now) {
        return uploadService.issue(accountId, KEY_PREFIX + accountId + "/" + Ids.alnum(32) + ".csv", MAX_BYTES, now);
    }

    /**
     * The DeviceNames of a file the caller's account uploaded through {@link #issue}: one per line, trimmed, blank
     * lines and a UTF-8 byte-order mark ignored, a name quoted as CSV unquoted, duplicates dropped (first kept).
     * Anything else (unknown, purged, not yet uploaded, another account's, empty, over 10,000 names, not UTF-8) is
     * {@code iot.ota.InvalidDnListFile}.
     */
    @Override
    public List<String> names(String accountId, String dnListFileUrl) {
        String key = PublicUrls.keyOf(dnListFileUrl).orElse("");
        Upload upload = key.startsWith(KEY_PREFIX + accountId + "/")
                ? uploads.find(key).filter(u -> u.accountId().equals(accountId)).orElse(null) : null;
        if (upload == null) {
            throw new ApiException(ErrorCode.DN_LIST_FILE_INVALID, "DnListFileUrl is not a device-list file this "
                    + "account uploaded with a GenerateDeviceNameListURL form, or it was purged (files are kept "
                    + UploadService.UNUSED_RETENTION.toMinutes() + " minutes). Upload the list again.");
        }
        if (!upload.isUploaded()) {
            throw new ApiException(ErrorCode.DN_LIST_FILE_INVALID,
                    "The device-list file of DnListFileUrl has not been uploaded yet: POST it with the form first.");
        }
        Set<String> names = new LinkedHashSet<>();
        try (InputStream in = blobs.open(key, 0, -1);
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                     .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)))) {
            for (String line; (line = lines.readLine()) != null; ) {
                String name = unquote(line.replace("\uFEFF", "").trim());
                if (!name.isEmpty()) {
                    names.add(name);
                    if (names.size() > MAX_NAMES) {
                        throw new ApiException(ErrorCode.DN_LIST_FILE_INVALID, "The device-list file has more than "
                                + MAX_NAMES + " device names: split it into several batches.");
                    }
                }
            }
        } catch (CharacterCodingException e) {
            throw new ApiException(ErrorCode.DN_LIST_FILE_INVALID,
                    "The device-list file is not UTF-8 text: save it as UTF-8 (or ASCII) CSV, one DeviceName per line.");
        } catch (IOException e) {
            LOG.error("reading device-list file {} from {} failed", key, blobs.describe(), e);
            throw new ApiException(ErrorCode.INTERNAL_ERROR);
        }
        if (names.isEmpty()) {
            throw new ApiException(ErrorCode.DN_LIST_FILE_INVALID,
                    "The device-list file contains no device names: put one DeviceName per line.");
        }
        return new ArrayList<>(names);
    }

    private static String unquote(String field) {
        return field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")
                ? field.substring(1, field.length() - 1).trim() : field;
    }
}
