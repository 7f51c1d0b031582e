package io.updraft.store;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.UUID;

/** Identifiers that cannot be guessed from one another: all random, from a SecureRandom, in Alibaba's shapes. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private Ids() {
    }

    public static String requestId() {
        return UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    }

    /** 11 characters like {@code a1Le6d0Ab3x}, as in Alibaba's examples. */
    public static String productKey() {
        return "a1" + alnum(9);
    }

    /** 16 decimal digits, like an Alibaba Cloud account UID. */
    public static String accountId() {
        StringBuilder id = new StringBuilder().append(1 + RANDOM.nextInt(9));
        for (int i = 1; i < 16; i++) {
            id.append(RANDOM.nextInt(10));
        }
        return id.toString();
    }

    public static String alnum(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALNUM.charAt(RANDOM.nextInt(ALNUM.length())));
        }
        return out.toString();
    }

    /** 26 characters like Alibaba's {@code Q7uOhVRdZRRlDnTLvAbc000100}: 20 random, then the fixed suffix its IDs show. */
    public static String iotId() {
        return alnum(20) + "000100";
    }

    /** 32 random characters (about 190 bits): the key a device signs its MQTT CONNECT with. */
    public static String deviceSecret() {
        return alnum(32);
    }

    /** 20 random characters, the name Alibaba gives a device registered without a DeviceName. */
    public static String deviceName() {
        return alnum(20);
    }

    public static String accessKeyId() {
        return "LTAI" + alnum(20);
    }

    public static String secret(int length) {
        return alnum(length);
    }
}
