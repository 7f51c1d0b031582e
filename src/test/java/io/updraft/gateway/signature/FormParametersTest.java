package io.updraft.gateway.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class FormParametersTest {

    @Test
    void decodesPlusAsSpace() {
        assertThat(FormParameters.decode("Desc=Desc+with+space")).containsExactly(entry("Desc", "Desc with space"));
    }

    @Test
    void decodesPercent2BAsLiteralPlus() {
        assertThat(FormParameters.decode("a=1%2B1")).containsExactly(entry("a", "1+1"));
    }

    @Test
    void decodesPercentEscapesAsUtf8() {
        assertThat(FormParameters.decode("Desc=%E4%B8%AD%F0%9F%98%80")).containsExactly(entry("Desc", "中😀"));
    }

    @Test
    void acceptsLowercaseHexInEscapes() {
        assertThat(FormParameters.decode("a=%e4%b8%ad")).containsExactly(entry("a", "中"));
    }

    @Test
    void keepsLiteralStarAndTilde() {
        assertThat(FormParameters.decode("ProductKey=a1BwAGV****&x=%7E~")).containsExactly(
                entry("ProductKey", "a1BwAGV****"), entry("x", "~~"));
    }

    @Test
    void decodesNamesToo() {
        assertThat(FormParameters.decode("Tag.1%2EKey=v")).containsExactly(entry("Tag.1.Key", "v"));
    }

    @Test
    void keepsWireOrder() {
        assertThat(FormParameters.decode("b=2&a=1&c=3").keySet()).containsExactly("b", "a", "c");
    }

    @Test
    void keepsEmptyValue() {
        assertThat(FormParameters.decode("Desc=&a=1")).containsExactly(entry("Desc", ""), entry("a", "1"));
    }

    @Test
    void givesEmptyValueToNameWithoutEquals() {
        assertThat(FormParameters.decode("flag&a=1")).containsExactly(entry("flag", ""), entry("a", "1"));
    }

    @Test
    void splitsOnlyOnFirstEquals() {
        assertThat(FormParameters.decode("Signature=abc==")).containsExactly(entry("Signature", "abc=="));
    }

    @Test
    void skipsEmptySegments() {
        assertThat(FormParameters.decode("&a=1&&b=2&")).containsExactly(entry("a", "1"), entry("b", "2"));
    }

    @Test
    void parsesNullOrEmptyAsNoParameters() {
        assertThat(FormParameters.parse(null).values()).isEmpty();
        assertThat(FormParameters.parse("").values()).isEmpty();
    }

    @Test
    void rejectsNonHexEscape() {
        assertThatThrownBy(() -> FormParameters.parse("a=%zz"))
                .isInstanceOf(MalformedParametersException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("%zz");
    }

    @Test
    void rejectsTruncatedEscape() {
        assertThatThrownBy(() -> FormParameters.parse("a=%4"))
                .isInstanceOf(MalformedParametersException.class)
                .hasMessageContaining("Truncated");
    }

    @Test
    void rejectsLonePercentAtEnd() {
        assertThatThrownBy(() -> FormParameters.parse("a=100%")).isInstanceOf(MalformedParametersException.class);
    }

    @Test
    void rejectsMalformedEscapeInName() {
        assertThatThrownBy(() -> FormParameters.parse("%g1=x")).isInstanceOf(MalformedParametersException.class);
    }

    @Test
    void rejectsNonAsciiDigitsInEscape() {
        assertThatThrownBy(() -> FormParameters.parse("a=%٤١")).isInstanceOf(MalformedParametersException.class);
    }

    @Test
    void rejectsEscapesThatAreNotUtf8() {
        assertThatThrownBy(() -> FormParameters.parse("a=%FF%FE"))
                .isInstanceOf(MalformedParametersException.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void reportsDuplicatedNamesAndKeepsFirstValue() {
        FormParameters parsed = FormParameters.parse("a=1&b=2&a=3&b=4&a=5");
        assertThat(parsed.duplicates()).containsExactly("a", "b");
        assertThat(parsed.hasDuplicates()).isTrue();
        assertThat(parsed.values()).containsExactly(entry("a", "1"), entry("b", "2"));
    }

    @Test
    void reportsNoDuplicatesForDistinctNames() {
        assertThat(FormParameters.parse("a=1&A=2").hasDuplicates()).isFalse();
    }

    @Test
    void mergesQueryThenBody() {
        FormParameters merged = FormParameters.parse("Action=Pub&Qos=0")
                .mergedWith(FormParameters.parse("MessageContent=aGVsbG8gd29ybGQ%2BPz8%3D"));
        assertThat(merged.values()).containsExactly(entry("Action", "Pub"), entry("Qos", "0"),
                entry("MessageContent", "aGVsbG8gd29ybGQ+Pz8="));
        assertThat(merged.hasDuplicates()).isFalse();
    }

    @Test
    void reportsNamePresentInQueryAndBodyAsDuplicateKeepingQueryValue() {
        FormParameters merged = FormParameters.parse("a=query").mergedWith(FormParameters.parse("a=body"));
        assertThat(merged.values()).containsExactly(entry("a", "query"));
        assertThat(merged.duplicates()).containsExactly("a");
    }

    @Test
    void keepsDuplicatesOfEitherSideWhenMerging() {
        FormParameters merged = FormParameters.parse("q=1&q=2").mergedWith(FormParameters.parse("b=1&b=2"));
        assertThat(merged.duplicates()).containsExactlyInAnyOrder("q", "b");
    }

    @Test
    void returnsIndependentCopiesOfValues() {
        FormParameters parsed = FormParameters.parse("a=1");
        parsed.values().put("b", "2");
        assertThat(parsed.values()).containsOnlyKeys("a");
    }
}
