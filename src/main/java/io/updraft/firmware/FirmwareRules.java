package io.updraft.firmware;

import io.updraft.error.ApiException;
import io.updraft.error.ErrorCode;
import io.updraft.names.ChineseJapanese;

import java.util.Locale;
import java.util.regex.Pattern;

/** The documented formats of package fields (ota-api.md §A.2, §B.3), checked before anything is stored. */
final class FirmwareRules {
    static final int MAX_NAME = 40;
    static final int MAX_DESC = 100;
    static final int MAX_UDI = 4096;
    static final int MAX_FILES = 20;
    static final int MAX_FILE_NAME = 32;
    /** The MQTT download protocol carries one file of at most 16 MB (ota-api.md §B.3). */
    static final long MAX_MQTT_BYTES = 16L * 1024 * 1024;
    private static final String CJK = ChineseJapanese.CLASS;
    private static final Pattern NAME = Pattern.compile("[" + CJK + "A-Za-z0-9][" + CJK + "A-Za-z0-9_()\\-]*");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern MODULE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private FirmwareRules() {
    }

    static void name(String name) {
        if (name == null || name.isEmpty() || !NAME.matcher(name).matches() || length(name) > MAX_NAME) {
            throw new ApiException(ErrorCode.FIRMWARE_NAME_INVALID);
        }
    }

    static void moduleName(String name) {
        if (!MODULE.matcher(name).matches()) {
            throw new ApiException(ErrorCode.MODULE_NAME_INVALID);
        }
    }

    static String description(String desc) {
        if (desc == null || desc.isEmpty()) {
            return null;
        }
        if (length(desc) > MAX_DESC) {
            throw new ApiException(ErrorCode.FIRMWARE_DESC_TOO_LONG);
        }
        return desc;
    }

    static String udi(String udi) {
        if (udi == null || udi.isEmpty()) {
            return null;
        }
        if (length(udi) > MAX_UDI) {
            throw new ApiException(ErrorCode.FIRMWARE_UDI_TOO_LONG);
        }
        return udi;
    }

    static void version(String parameter, String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new ApiException(ErrorCode.FIRMWARE_VERSION_INVALID, parameter);
        }
    }

    static String signMethod(String method) {
        if (method == null || method.isEmpty()) {
            return "MD5";
        }
        String upper = method.toUpperCase(Locale.ROOT);
        if (!upper.equals("MD5") && !upper.equals("SHA256")) {
            throw new ApiException(ErrorCode.FIRMWARE_SIGN_METHOD_INVALID);
        }
        return upper;
    }

    static String downloadProtocol(String protocol) {
        if (protocol == null || protocol.isEmpty()) {
            return "HTTPS";
        }
        String upper = protocol.toUpperCase(Locale.ROOT);
        if (!upper.equals("HTTPS") && !upper.equals("MQTT")) {
            throw new ApiException(ErrorCode.FIRMWARE_DOWNLOAD_PROTOCOL_INVALID, "DownloadProtocol must be HTTPS or MQTT.");
        }
        return upper;
    }

    static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
