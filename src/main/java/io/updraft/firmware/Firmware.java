package io.updraft.firmware;

import java.util.List;

/**
 * An update package: a version of one module of one product, made of one file or several.
 * {@code status}: -1 no verification needed, 0 unverified, 1 verified, 2 verifying, 3 verification failed.
 * {@code type}: 0 full, 1 delta (from {@code srcVersion}).
 */
public record Firmware(
        long pk,
        String firmwareId,
        String accountId,
        String instanceId,
        long productId,
        String productKey,
        String productName,
        String moduleName,
        String name,
        String description,
        String destVersion,
        String srcVersion,
        int type,
        int status,
        int verifyProgress,
        String signMethod,
        String udi,
        String downloadProtocol,
        boolean multiFile,
        long gmtCreate,
        long gmtModified,
        List<FirmwareFile> files) {

    public static final int STATUS_NO_VERIFICATION = -1;
    public static final int STATUS_UNVERIFIED = 0;
    public static final int STATUS_VERIFIED = 1;
    public static final int STATUS_VERIFYING = 2;
    public static final int STATUS_VERIFY_FAILED = 3;
}
