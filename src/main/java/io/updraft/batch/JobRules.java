package io.updraft.batch;

import io.updraft.error.ApiException;
import io.updraft.error.ErrorCode;
import io.updraft.firmware.Firmware;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The documented limits of batch parameters (ota-api.md §A.3, §B.4), checked before anything is stored. Each
 * method returns the value to store (the default when absent) or throws the documented code.
 */
final class JobRules {
    static final int MAX_SPECIFIC_NAMES = 200;
    static final int MAX_VERIFY_DEVICES = 10;
    static final int MAX_SRC_VERSIONS = 10;
    static final int MAX_TAGS = 10;
    static final int MAX_TAG_TOTAL = 4096;
    static final int DEFAULT_MAXIMUM_PER_MINUTE = 10_000;
    static final Set<Integer> RETRY_INTERVALS = Set.of(0, 10, 30, 60, 1440);
    static final Set<Integer> RETRY_COUNTS = Set.of(1, 2, 5);
    private static final Pattern TAG_KEY = Pattern.compile("[A-Za-z0-9.]{1,30}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern GRAY = Pattern.compile("\\d{1,3}(\\.\\d{1,3})?");

    private JobRules() {
    }

    static String targetSelection(String value) {
        if (value == null || value.isEmpty()) {
            throw ApiException.missing("TargetSelection");
        }
        return switch (value) {
            case "ALL", "SPECIFIC", "GRAY" -> value;
            case "GROUP" -> throw new ApiException(ErrorCode.DEVICE_GROUP_NOT_SUPPORTED);
            default -> throw new ApiException(ErrorCode.TARGET_SELECTION_INVALID);
        };
    }

    /** A share of the eligible devices: {@code floor(count × percent / 100)}, at least one. */
    static BigDecimal grayPercent(String value) {
        if (value == null || value.isEmpty() || !GRAY.matcher(value.trim()).matches()) {
            throw new ApiException(ErrorCode.GRAY_PERCENT_INVALID);
        }
        BigDecimal percent = new BigDecimal(value.trim());
        if (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new ApiException(ErrorCode.GRAY_PERCENT_INVALID);
        }
        return percent;
    }

    static int grayCount(int eligible, BigDecimal percent) {
        if (eligible == 0) {
            return 0;
        }
        int count = BigDecimal.valueOf(eligible).multiply(percent).divide(BigDecimal.valueOf(100),
                java.math.RoundingMode.FLOOR).intValue();
        return Math.max(1, count);
    }

    static List<String> deviceNames(List<String> names, int max, String parameter) {
        if (names.size() > max) {
            throw new ApiException(ErrorCode.TARGET_DEVICES_INVALID,
                    parameter + " takes at most " + max + " device names; " + names.size() + " were given.");
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name == null || name.isEmpty()) {
                throw new ApiException(ErrorCode.TARGET_DEVICES_INVALID, parameter + " contains an empty device name.");
            }
            if (!seen.add(name)) {
                throw new ApiException(ErrorCode.TARGET_DEVICES_INVALID,
                        parameter + " names device \"" + name + "\" twice: device names must be unique.");
            }
        }
        return names;
    }

    /** Unique versions, at most 10; for a delta package each one must be the package's SrcVersion. */
    static List<String> srcVersions(List<String> versions, Firmware firmware) {
        if (versions.size() > MAX_SRC_VERSIONS) {
            throw new ApiException(ErrorCode.SRC_VERSION_INVALID,
                    "SrcVersion.N takes at most " + MAX_SRC_VERSIONS + " versions; " + versions.size() + " were given.");
        }
        Set<String> seen = new HashSet<>();
        for (String version : versions) {
            if (version == null || !VERSION.matcher(version).matches()) {
                throw new ApiException(ErrorCode.SRC_VERSION_INVALID,
                        "Every SrcVersion.N must be 1 to 64 letters, digits, periods (.), hyphens (-) or underscores (_).");
            }
            if (!seen.add(version)) {
                throw new ApiException(ErrorCode.SRC_VERSION_INVALID, "SrcVersion.N lists \"" + version + "\" twice.");
            }
            if (firmware.type() == 1 && !version.equals(firmware.srcVersion())) {
                throw new ApiException(ErrorCode.SRC_VERSION_INVALID, "The package is a delta package from "
                        + firmware.srcVersion() + ": SrcVersion.N can only be that version.");
            }
        }
        return versions;
    }

    static Long scheduleTime(Long value, long now) {
        if (value == null) {
            return null;
        }
        if (value < now + Duration.ofMinutes(5).toMillis() || value > now + Duration.ofDays(7).toMillis()) {
            throw new ApiException(ErrorCode.SCHEDULE_TIME_INVALID);
        }
        return value;
    }

    static Long scheduleFinishTime(Long value, Long scheduleTime, long now) {
        if (value == null) {
            return null;
        }
        long from = scheduleTime == null ? now : scheduleTime;
        if (value < from + Duration.ofHours(1).toMillis() || value > from + Duration.ofDays(30).toMillis()) {
            throw new ApiException(ErrorCode.SCHEDULE_FINISH_TIME_INVALID);
        }
        return value;
    }

    static Integer timeout(Integer minutes) {
        if (minutes != null && (minutes < 1 || minutes > 1440)) {
            throw new ApiException(ErrorCode.TIMEOUT_INVALID);
        }
        return minutes;
    }

    /** RetryInterval in {0, 10, 30, 60, 1440} and below TimeoutInMinutes; RetryCount in {1, 2, 5}, required with it. */
    static void retry(Integer interval, Integer count, Integer timeout) {
        if (interval == null) {
            if (count != null) {
                throw new ApiException(ErrorCode.RETRY_INVALID, "RetryCount needs RetryInterval.");
            }
            return;
        }
        if (!RETRY_INTERVALS.contains(interval)) {
            throw new ApiException(ErrorCode.RETRY_INVALID, "RetryInterval must be 0, 10, 30, 60 or 1440 minutes.");
        }
        if (count == null) {
            throw new ApiException(ErrorCode.RETRY_INVALID, "RetryCount is required with RetryInterval.");
        }
        if (!RETRY_COUNTS.contains(count)) {
            throw new ApiException(ErrorCode.RETRY_INVALID, "RetryCount must be 1, 2 or 5.");
        }
        if (timeout != null && interval >= timeout) {
            throw new ApiException(ErrorCode.RETRY_INVALID, "RetryInterval must be smaller than TimeoutInMinutes.");
        }
    }

    static int maximumPerMinute(Integer value) {
        if (value == null) {
            return DEFAULT_MAXIMUM_PER_MINUTE;
        }
        if (value < 10 || value > 10_000) {
            throw new ApiException(ErrorCode.MAXIMUM_PER_MINUTE_INVALID);
        }
        return value;
    }

    static int overwriteMode(Integer value, boolean multiModule) {
        int mode = value == null ? 1 : value;
        if (mode != 1 && mode != 2) {
            throw new ApiException(ErrorCode.OVERWRITE_MODE_INVALID, "OverwriteMode must be 1 (keep) or 2 (overwrite).");
        }
        if (mode == 2 && multiModule) {
            throw new ApiException(ErrorCode.OVERWRITE_MODE_INVALID, "OverwriteMode 2 cannot be used with MultiModuleMode=true.");
        }
        return mode;
    }

    static int dynamicMode(Integer value) {
        int mode = value == null ? 1 : value;
        if (mode != 1 && mode != 2) {
            throw new ApiException(ErrorCode.DYNAMIC_MODE_INVALID);
        }
        return mode;
    }

    /** HTTPS (default) or MQTT; MQTT carries one file of at most 16 MB. */
    static String downloadProtocol(String value, Firmware firmware) {
        String protocol = value == null || value.isEmpty() ? "HTTPS" : value;
        if (!protocol.equals("HTTPS") && !protocol.equals("MQTT")) {
            throw new ApiException(ErrorCode.JOB_DOWNLOAD_PROTOCOL_INVALID, "DownloadProtocol must be HTTPS or MQTT.");
        }
        if (protocol.equals("MQTT") && (firmware.multiFile() || firmware.files().size() != 1
                || firmware.files().get(0).size() > 16L * 1024 * 1024)) {
            throw new ApiException(ErrorCode.JOB_DOWNLOAD_PROTOCOL_INVALID,
                    "The MQTT download protocol carries exactly one file of at most 16 MB; use HTTPS for this package.");
        }
        return protocol;
    }

    static List<Tag> tags(List<Tag> tags) {
        if (tags.size() > MAX_TAGS) {
            throw new ApiException(ErrorCode.JOB_TAG_TOO_LONG);
        }
        int total = 0;
        Set<String> keys = new HashSet<>();
        for (Tag tag : tags) {
            if (tag.key() == null || !TAG_KEY.matcher(tag.key()).matches()) {
                throw new ApiException(ErrorCode.JOB_TAG_INVALID,
                        "Tag keys must be 1 to 30 letters, digits or periods (.), given in pairs with a value.");
            }
            if (tag.value() == null || tag.value().isEmpty() || tag.value().length() > 1024) {
                throw new ApiException(ErrorCode.JOB_TAG_INVALID,
                        "Tag \"" + tag.key() + "\" needs a value of 1 to 1024 characters.");
            }
            if (!keys.add(tag.key())) {
                throw new ApiException(ErrorCode.JOB_TAG_INVALID, "Tag \"" + tag.key() + "\" is given twice.");
            }
            total += tag.key().length() + tag.value().length();
        }
        if (total > MAX_TAG_TOTAL) {
            throw new ApiException(ErrorCode.JOB_TAG_TOO_LONG);
        }
        return tags;
    }
}
