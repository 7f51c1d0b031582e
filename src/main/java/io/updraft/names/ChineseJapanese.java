package io.updraft.names;

/**
 * "Chinese or Japanese characters" as Alibaba's name rules mean them: Han ideographs and the whole kana blocks,
 * Hiragana (U+3040–U+309F), Katakana (U+30A0–U+30FF) and the half-width katakana forms (U+FF65–U+FF9F). By
 * block, not by Unicode script: the prolonged sound mark {@code ー} (U+30FC), the middle dot {@code ・} (U+30FB) and
 * the (semi-)voiced sound marks belong to no kana script (they are "Common"), yet every Japanese word needs them.
 */
public final class ChineseJapanese {
    /** The same set as a regular-expression character-class body, e.g. {@code "[" + CLASS + "A-Za-z]"}. */
    public static final String CLASS = "\\p{IsHan}\\u3040-\\u309F\\u30A0-\\u30FF\\uFF65-\\uFF9F";

    private ChineseJapanese() {
    }

    public static boolean is(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN
                || (codePoint >= 0x3040 && codePoint <= 0x30FF)
                || (codePoint >= 0xFF65 && codePoint <= 0xFF9F);
    }
}
