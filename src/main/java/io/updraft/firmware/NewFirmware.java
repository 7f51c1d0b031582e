package io.updraft.firmware;

import java.util.List;

/** CreateOTAFirmware's parameters, as given (nulls for absent optional ones). */
public record NewFirmware(
        String productKey,
        String moduleName,
        String name,
        String description,
        String destVersion,
        String srcVersion,
        Integer type,
        String signMethod,
        String firmwareUrl,
        String firmwareSign,
        Integer firmwareSize,
        Boolean needToVerify,
        String udi,
        String downloadProtocol,
        List<FileSpec> multiFiles) {

    /** One {@code MultiFiles.N}: Url required; Size, FileMd5 and SignValue, when given, must match the file. */
    public record FileSpec(String name, String url, Integer size, String fileMd5, String signValue) {
    }
}
