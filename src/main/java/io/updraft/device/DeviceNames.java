package io.updraft.device;

import java.util.regex.Pattern;

/** Alibaba's naming rules for devices (ota-api.md §D) and for what devices report (§F.2). */
final class DeviceNames {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_@.:-]{4,32}");
    private static final Pattern NICKNAME_CHARS = Pattern.compile("[A-Za-z0-9_\\p{IsHan}]+");
    private static final Pattern IOT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern MODULE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private DeviceNames() {
    }

    static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    /** 4 to 64 units of letters, digits, underscores and Chinese characters; a Chinese character counts 2. */
    static boolean isValidNickname(String nickname) {
        if (!NICKNAME_CHARS.matcher(nickname).matches()) {
            return false;
        }
        int units = nickname.codePoints().map(cp -> cp < 128 ? 1 : 2).sum();
        return units >= 4 && units <= 64;
    }

    static boolean isWellFormedIotId(String iotId) {
        return IOT_ID.matcher(iotId).matches();
    }

    static boolean isValidModule(String module) {
        return MODULE.matcher(module).matches();
    }

    /** A version as an update package's DestVersion may be: 1 to 64 printable characters without spaces. */
    static boolean isValidVersion(String version) {
        return !version.isEmpty() && version.length() <= 64 && version.chars().allMatch(c -> c > 32 && c < 127);
    }
}
