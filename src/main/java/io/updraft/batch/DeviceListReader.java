package io.updraft.batch;

import java.util.List;

/**
 * Reads a device-list file (GenerateDeviceNameListURL + upload, then DnListFileUrl): the device names it lists,
 * one per line. The upload layer implements it; the batch engine only asks.
 */
@FunctionalInterface
public interface DeviceListReader {
    /** Names a file may list (ota-api.md §A.3: 10,000 per the Chinese documentation). */
    int MAX_NAMES = 10_000;

    DeviceListReader NONE = (accountId, url) -> {
        throw new io.updraft.error.ApiException(io.updraft.error.ErrorCode.DN_LIST_FILE_INVALID,
                "Device list files are not available on this server.");
    };

    /** @throws io.updraft.error.ApiException {@code iot.ota.InvalidDnListFile} when the URL names no such file */
    List<String> names(String accountId, String dnListFileUrl);
}
