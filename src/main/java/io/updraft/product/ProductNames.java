package io.updraft.product;

import io.updraft.names.ChineseJapanese;

/**
 * Alibaba's product-name rule: 4 to 30 units of letters, digits, Chinese or Japanese characters, underscores,
 * hyphens, at signs and parentheses; a Chinese or Japanese character counts as 2 units.
 */
final class ProductNames {
    private ProductNames() {
    }

    static boolean isValid(String name) {
        int units = 0;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 128) {
                if (!Character.isLetterOrDigit(cp) && "_-@()".indexOf(cp) < 0) {
                    return false;
                }
                units += 1;
            } else if (ChineseJapanese.is(cp)) {
                units += 2;
            } else {
                return false;
            }
        }
        return units >= 4 && units <= 30;
    }
}
