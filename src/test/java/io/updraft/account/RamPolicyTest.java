package io.updraft.account;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.updraft.account.RamPolicy.Decision.ALLOW;
import static io.updraft.account.RamPolicy.Decision.EXPLICIT_DENY;
import static io.updraft.account.RamPolicy.Decision.IMPLICIT_DENY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RamPolicyTest {
    private static RamPolicy policy(String statements) {
        return RamPolicy.parse("{\"Version\":\"1\",\"Statement\":[" + statements + "]}");
    }

    private static String allow(String... actions) {
        return statement("Allow", "\"*\"", actions);
    }

    private static String deny(String... actions) {
        return statement("Deny", "\"*\"", actions);
    }

    private static String statement(String effect, String resource, String... actions) {
        return "{\"Effect\":\"" + effect + "\",\"Action\":[\"" + String.join("\",\"", actions) + "\"],\"Resource\":"
                + resource + "}";
    }

    @ParameterizedTest(name = "{0} vs {1} → {2}")
    @CsvSource({
            "iot:*, iot:CreateProduct, ALLOW",
            "iot:*, iot:DeleteOTAModule, ALLOW",
            "*, iot:QueryProduct, ALLOW",
            "iot:List*, iot:ListOTAModuleByProduct, ALLOW",
            "iot:List*, iot:QueryProductList, IMPLICIT_DENY",
            "iot:Query*, iot:QueryProductList, ALLOW",
            "iot:Query*, iot:CreateProduct, IMPLICIT_DENY",
            "iot:*Product, iot:UpdateProduct, ALLOW",
            "iot:*Product, iot:UpdateOTAModule, IMPLICIT_DENY",
            "iot:?pdateProduct, iot:UpdateProduct, ALLOW",
            "iot:QueryProduct, iot:QueryProductList, IMPLICIT_DENY",
            "ecs:*, iot:QueryProduct, IMPLICIT_DENY",
            "iot.Query*, iot:QueryProduct, IMPLICIT_DENY",
            "IOT:createproduct, iot:CreateProduct, ALLOW",
            "iot:LIST*, iot:ListOTAModuleByProduct, ALLOW",
    })
    void actionPatterns(String pattern, String action, RamPolicy.Decision expected) {
        assertThat(policy(allow(pattern)).evaluate(action)).isEqualTo(expected);
    }

    @Test
    void anExplicitDenyWinsWhateverTheOrder() {
        assertThat(policy(allow("iot:*") + "," + deny("iot:Delete*")).evaluate("iot:DeleteProduct"))
                .isEqualTo(EXPLICIT_DENY);
        assertThat(policy(deny("iot:Delete*") + "," + allow("iot:*")).evaluate("iot:DeleteProduct"))
                .isEqualTo(EXPLICIT_DENY);
        assertThat(policy(allow("iot:*") + "," + deny("iot:Delete*")).evaluate("iot:CreateProduct")).isEqualTo(ALLOW);
        assertThat(policy(allow("iot:DeleteProduct") + "," + deny("iot:deleteproduct")).evaluate("iot:DeleteProduct"))
                .as("a deny matches ignoring case too").isEqualTo(EXPLICIT_DENY);
    }

    @Test
    void aDenyWithoutAMatchingAllowIsStillExplicit() {
        assertThat(policy(deny("iot:*")).evaluate("iot:QueryProduct")).isEqualTo(EXPLICIT_DENY);
    }

    @Test
    void nothingMatchingIsAnImplicitDeny() {
        assertThat(policy("").evaluate("iot:QueryProduct")).isEqualTo(IMPLICIT_DENY);
        assertThat(policy(allow("iot:List*")).evaluate("iot:CreateProduct")).isEqualTo(IMPLICIT_DENY);
    }

    @Test
    void actionMayBeASingleString() {
        RamPolicy p = RamPolicy.parse("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:Query*\",\"Resource\":\"*\"}]}");
        assertThat(p.evaluate("iot:QueryProduct")).isEqualTo(ALLOW);
    }

    @Test
    void onlyResourcesCoveringIotApply() {
        assertThat(policy(statement("Allow", "\"acs:iot:*:*:*\"", "iot:*")).evaluate("iot:QueryProduct")).isEqualTo(ALLOW);
        assertThat(policy(statement("Allow", "[\"acs:ecs:*:*:*\"]", "iot:*")).evaluate("iot:QueryProduct"))
                .isEqualTo(IMPLICIT_DENY);
        assertThat(policy(statement("Deny", "\"acs:ecs:*:*:*\"", "iot:*") + "," + allow("iot:*"))
                .evaluate("iot:QueryProduct")).isEqualTo(ALLOW);
    }

    @Test
    void anAllowWithAConditionNeverAppliesButADenyWithOneDoes() {
        String conditionalAllow = "{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"IpAddress\":{\"acs:SourceIp\":\"10.0.0.0/8\"}}}";
        String conditionalDeny = conditionalAllow.replace("Allow", "Deny");
        assertThat(policy(conditionalAllow).evaluate("iot:QueryProduct")).isEqualTo(IMPLICIT_DENY);
        assertThat(policy(allow("iot:*") + "," + conditionalDeny).evaluate("iot:QueryProduct")).isEqualTo(EXPLICIT_DENY);
    }

    @Test
    void theDocumentIsKeptVerbatim() {
        String doc = "{\"Statement\":[" + allow("iot:*") + "]}";
        assertThat(RamPolicy.parse(doc).document()).isEqualTo(doc);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not json at all | not valid JSON",
            "{\"Statement\":{}} | \"Statement\" array",
            "{} | \"Statement\" array",
            "[] | \"Statement\" array",
            "{\"Statement\":[{\"Action\":\"iot:*\",\"Resource\":\"*\"}]} | \"Effect\"",
            "{\"Statement\":[{\"Effect\":\"allow\",\"Action\":\"iot:*\",\"Resource\":\"*\"}]} | \"Effect\"",
            "{\"Statement\":[{\"Effect\":\"Allow\",\"Resource\":\"*\"}]} | \"Action\"",
            "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[],\"Resource\":\"*\"}]} | \"Action\"",
            "{\"Statement\":[\"iot:*\"]} | \"Effect\"",
    })
    void invalidDocumentsAreRejectedWithAMessage(String document, String messagePart) {
        assertThatThrownBy(() -> RamPolicy.parse(document))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(messagePart);
    }

    @Test
    void nullOrEmptyDocumentIsRejected() {
        assertThatThrownBy(() -> RamPolicy.parse("")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Statement");
    }
}
