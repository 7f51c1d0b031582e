package io.updraft.gateway.signature;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PercentEncoderTest {

    @Test
    void keepsUnreservedCharactersLiteral() {
        String unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
        assertThat(PercentEncoder.encode(unreserved)).isEqualTo(unreserved);
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\" \"|%20",
            "*|%2A",
            "~|~",
            "+|%2B",
            "/|%2F",
            "=|%3D",
            "&|%26",
            "%|%25",
            "!|%21",
            "'|%27",
            "(|%28",
            ")|%29",
            ":|%3A",
    })
    void encodesReservedAsciiAsUppercasePercentEscape(String input, String expected) {
        assertThat(PercentEncoder.encode(input)).isEqualTo(expected);
    }

    @Test
    void encodesSpaceAsPercent20NeverPlus() {
        assertThat(PercentEncoder.encode("scanner v2")).isEqualTo("scanner%20v2");
    }

    @Test
    void encodesCjkAsUtf8Bytes() {
        assertThat(PercentEncoder.encode("中")).isEqualTo("%E4%B8%AD");
    }

    @Test
    void encodesEmojiAsFourUtf8Bytes() {
        assertThat(PercentEncoder.encode("😀")).isEqualTo("%F0%9F%98%80");
    }

    @Test
    void encodesEmptyStringAsEmpty() {
        assertThat(PercentEncoder.encode("")).isEmpty();
    }

    @Test
    void encodesMixedValueLikeTheWorkedExample() {
        assertThat(PercentEncoder.encode("a b+c*d~e/f=g&h%i!j'k(l)m中😀"))
                .isEqualTo("a%20b%2Bc%2Ad~e%2Ff%3Dg%26h%25i%21j%27k%28l%29m%E4%B8%AD%F0%9F%98%80");
    }
}
