package io.updraft.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.updraft.batch.UpgradeOffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The upgrade push (ota-api.md §F.3) and the firmware/get reply (§F.5), pinned against the observed Alibaba payload
 * and against what the two device-SDK generations require: LinkSDK 4.x (scans the text for the first
 * {@code "key":}, accepts signMethod Md5/SHA256 and 32/64-character signs only) and C SDK 3.x (needs
 * {@code "message":"success"}, version/url/md5/size, a lower-case md5, and no JSON escapes in the URL).
 */
class UpgradeMessagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MD5 = "2e78d0c2a6f0a9f5b1e1e3c4d5f60718";
    private static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String URL = "http://127.0.0.1:8080/ota/files/Ab3/fw.bin?Expires=1700086400&Signature=a/b+c";

    private static UpgradeOffer.File file(String url, String md5, String sign) {
        return new UpgradeOffer.File("fw.bin", 4252, url, md5, sign, 1);
    }

    private static UpgradeOffer https(String module, boolean delta, String signMethod, String sign,
                                      Map<String, String> extData) {
        return new UpgradeOffer(7, module, "2.0.0", delta, signMethod, false, List.of(file(URL, MD5, sign)),
                extData, false, 7);
    }

    private static String text(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Test
    void aSingleFileHttpsPushHasTheDocumentedEnvelopeAndFields() {
        Map<String, String> ext = new LinkedHashMap<>();
        ext.put("region", "east");
        ext.put("_package_udi", "{\"ota_notice\":\"x\"}");
        assertThat(text(UpgradeMessages.push(https(null, false, "MD5", MD5, ext), 1695281536874L))).isEqualTo(
                "{\"code\":\"1000\",\"data\":{\"size\":4252,\"sign\":\"" + MD5 + "\",\"version\":\"2.0.0\","
                        + "\"url\":\"" + URL + "\",\"signMethod\":\"Md5\",\"md5\":\"" + MD5 + "\","
                        + "\"extData\":{\"region\":\"east\",\"_package_udi\":\"{\\\"ota_notice\\\":\\\"x\\\"}\"}},"
                        + "\"id\":1695281536874,\"message\":\"success\"}");
    }

    @Test
    void aSingleFileMqttPushIsTheObservedAlibabaPayload() {
        UpgradeOffer offer = new UpgradeOffer(12332, null, "1.1", false, "MD5", false,
                List.of(file(null, MD5, MD5)), Map.of(), true, 12332);
        assertThat(text(UpgradeMessages.push(offer, 1695281536874L))).isEqualTo(
                "{\"code\":\"1000\",\"data\":{\"size\":4252,\"streamId\":12332,\"sign\":\"" + MD5 + "\","
                        + "\"dProtocol\":\"mqtt\",\"version\":\"1.1\",\"signMethod\":\"Md5\",\"streamFileId\":1,"
                        + "\"md5\":\"" + MD5 + "\"},\"id\":1695281536874,\"message\":\"success\"}");
    }

    @Test
    void theDefaultModuleIsAbsentAndANamedModuleIsSent() throws Exception {
        assertThat(data(https(null, false, "MD5", MD5, Map.of())).has("module")).isFalse();
        assertThat(data(https("default", false, "MD5", MD5, Map.of())).has("module")).isFalse();
        assertThat(data(https("MCU", false, "MD5", MD5, Map.of())).path("module").asText()).isEqualTo("MCU");
    }

    @Test
    void isDiffIsOneForADeltaPackageAndAbsentForAFullOne() throws Exception {
        assertThat(data(https(null, true, "MD5", MD5, Map.of())).path("isDiff").isInt()).isTrue();
        assertThat(data(https(null, true, "MD5", MD5, Map.of())).path("isDiff").asInt()).isEqualTo(1);
        assertThat(data(https(null, false, "MD5", MD5, Map.of())).has("isDiff")).isFalse();
    }

    @Test
    void signMethodIsSpelledAsLinkSdkAcceptsIt() throws Exception {
        assertThat(data(https(null, false, "MD5", MD5, Map.of())).path("signMethod").asText()).isEqualTo("Md5");
        assertThat(data(https(null, false, "Md5", MD5, Map.of())).path("signMethod").asText()).isEqualTo("Md5");
        assertThat(data(https(null, false, "SHA256", SHA256, Map.of())).path("signMethod").asText())
                .isEqualTo("SHA256");
        assertThatThrownBy(() -> UpgradeMessages.push(https(null, false, "CRC", MD5, Map.of()), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSha256PackageSignsWith64CharactersAndStillCarriesTheMd5ForCSdk3() throws Exception {
        JsonNode data = data(https(null, false, "SHA256", SHA256, Map.of()));
        assertThat(data.path("sign").asText()).hasSize(64).isEqualTo(SHA256);
        assertThat(data.path("md5").asText()).hasSize(32).isEqualTo(MD5);
    }

    @Test
    void digestsAreLowerCaseWhateverTheStoreHolds() throws Exception {
        UpgradeOffer offer = new UpgradeOffer(7, null, "2.0.0", false, "MD5", false,
                List.of(file(URL, MD5.toUpperCase(), MD5.toUpperCase())), Map.of(), false, 7);
        JsonNode data = data(offer);
        assertThat(data.path("md5").asText()).isEqualTo(MD5);
        assertThat(data.path("sign").asText()).isEqualTo(MD5);
    }

    @Test
    void extDataIsOmittedWhenThereAreNoTagsAndNoUdi() throws Exception {
        assertThat(data(https(null, false, "MD5", MD5, Map.of())).has("extData")).isFalse();
        assertThat(data(https(null, false, "MD5", MD5, null)).has("extData")).isFalse();
    }

    @Test
    void urlsAndNonAsciiTextAreWrittenRawWithoutJsonEscapes() {
        Map<String, String> ext = Map.of("note", "固件/升级&");
        String payload = text(UpgradeMessages.push(https(null, false, "MD5", MD5, ext), 1));
        assertThat(payload).contains("\"url\":\"" + URL + "\"").contains("固件/升级&")
                .doesNotContain("\\/").doesNotContain("\\u");
    }

    @Test
    void aMultiFilePackageListsItsFilesWithTheLinkSdkKeyNames() throws Exception {
        UpgradeOffer offer = new UpgradeOffer(9, "MCU", "3.0", false, "SHA256", true, List.of(
                new UpgradeOffer.File("app.bin", 100, URL + "1", MD5, SHA256, 1),
                new UpgradeOffer.File("res.bin", 200, URL + "2", null, SHA256, 2)), Map.of("_package_udi", "u"),
                false, 9);
        JsonNode data = data(offer);
        assertThat(data.path("version").asText()).isEqualTo("3.0");
        assertThat(data.path("signMethod").asText()).isEqualTo("SHA256");
        assertThat(data.path("module").asText()).isEqualTo("MCU");
        assertThat(data.has("url")).isFalse();
        assertThat(JSON.writeValueAsString(data.path("files"))).isEqualTo("[{\"fileName\":\"app.bin\","
                + "\"fileSize\":100,\"fileUrl\":\"" + URL + "1\",\"fileSign\":\"" + SHA256 + "\",\"fileMd5\":\""
                + MD5 + "\"},{\"fileName\":\"res.bin\",\"fileSize\":200,\"fileUrl\":\"" + URL + "2\","
                + "\"fileSign\":\"" + SHA256 + "\"}]");
        assertThat(data.path("extData").path("_package_udi").asText()).isEqualTo("u");
    }

    @Test
    void aMultiFileMqttPackageNamesTheStreamAndEachFilesStreamFileId() throws Exception {
        UpgradeOffer offer = new UpgradeOffer(9, null, "3.0", false, "MD5", true, List.of(
                new UpgradeOffer.File("a.bin", 1, null, MD5, MD5, 1),
                new UpgradeOffer.File("b.bin", 2, null, MD5, MD5, 2)), Map.of(), true, 9);
        JsonNode data = data(offer);
        assertThat(data.path("dProtocol").asText()).isEqualTo("mqtt");
        assertThat(data.path("streamId").asLong()).isEqualTo(9);
        assertThat(data.path("files").get(1).path("streamFileId").asInt()).isEqualTo(2);
        assertThat(data.path("files").get(1).has("fileUrl")).isFalse();
    }

    @Test
    void linkSdkReadsEveryFieldOfEachShapeWithItsFirstOccurrenceScan() {
        Map<String, String> ext = new LinkedHashMap<>();
        ext.put("version", "9.9.9-tag");
        ext.put("signMethod", "CRC");
        ext.put("size", "1");
        LinkSdkPush https = LinkSdkPush.parse(UpgradeMessages.push(https("MCU", false, "MD5", MD5, ext), 1));
        assertThat(https.files()).containsExactly(Map.of("size", "4252", "sign", MD5, "url", URL));
        assertThat(https.version()).as("a tag named version does not shadow the real one").isEqualTo("2.0.0");
        assertThat(https.module()).isEqualTo("MCU");

        UpgradeOffer mqtt = new UpgradeOffer(5, null, "1.1", false, "SHA256", false,
                List.of(file(null, MD5, SHA256)), Map.of(), true, 5);
        LinkSdkPush pushed = LinkSdkPush.parse(UpgradeMessages.push(mqtt, 1));
        assertThat(pushed.streamId()).isEqualTo("5");
        assertThat(pushed.files()).containsExactly(Map.of("size", "4252", "sign", SHA256, "streamFileId", "1"));
    }

    @Test
    void linkSdkReadsAMultiFileListAndAOneFileListWithTheSingleFileKeys() {
        UpgradeOffer two = new UpgradeOffer(9, null, "3.0", false, "MD5", true, List.of(
                new UpgradeOffer.File("a.bin", 1, URL + "a", MD5, MD5, 1),
                new UpgradeOffer.File("b.bin", 2, URL + "b", MD5, MD5, 2)), Map.of(), false, 9);
        assertThat(LinkSdkPush.parse(UpgradeMessages.push(two, 1)).files()).containsExactly(
                Map.of("fileName", "a.bin", "fileSize", "1", "fileSign", MD5, "fileUrl", URL + "a"),
                Map.of("fileName", "b.bin", "fileSize", "2", "fileSign", MD5, "fileUrl", URL + "b"));
        UpgradeOffer one = new UpgradeOffer(9, null, "3.0", false, "MD5", true, List.of(
                new UpgradeOffer.File("a.bin", 1, URL + "a", MD5, MD5, 1)), Map.of(), false, 9);
        assertThat(LinkSdkPush.parse(UpgradeMessages.push(one, 1)).files()).containsExactly(
                Map.of("size", "1", "sign", MD5, "url", URL + "a"));
    }

    @Test
    void cSdk3FindsWhatItRequiresInATypicalPushWellWithinItsReadBuffer() throws Exception {
        Map<String, String> ext = new LinkedHashMap<>();
        for (int i = 1; i <= 10; i++) {
            ext.put("tag" + i, "value-" + i);
        }
        ext.put("_package_udi", "{\"ota_notice\":\"please keep the device powered\"}");
        byte[] payload = UpgradeMessages.push(https("MCU", true, "SHA256", SHA256, ext), System.currentTimeMillis());
        JsonNode root = JSON.readTree(payload);
        assertThat(root.path("message").asText()).isEqualTo("success");
        JsonNode data = root.path("data");
        assertThat(data.path("version").isTextual()).isTrue();
        assertThat(data.path("url").asText()).isEqualTo(URL);
        assertThat(data.path("md5").asText()).matches("[0-9a-f]{32}");
        assertThat(data.path("size").asLong()).isEqualTo(4252);
        assertThat(payload.length).as("C SDK 3.x reads MQTT messages into a 2-3 KB buffer").isLessThan(2048);
    }

    @Test
    void aPullReplyEchoesTheIdWithCode200AndTheOfferData() throws Exception {
        JsonNode reply = JSON.readTree(UpgradeMessages.pullReply("123",
                Optional.of(https(null, false, "MD5", MD5, Map.of()))));
        assertThat(reply.path("id").isTextual()).isTrue();
        assertThat(reply.path("id").asText()).isEqualTo("123");
        assertThat(reply.path("code").isInt()).isTrue();
        assertThat(reply.path("code").asInt()).isEqualTo(200);
        assertThat(reply.path("data")).isEqualTo(data(https(null, false, "MD5", MD5, Map.of())));
    }

    @Test
    void aPullReplyWithNothingPendingHasEmptyData() {
        assertThat(text(UpgradeMessages.pullReply("42", Optional.empty())))
                .isEqualTo("{\"id\":\"42\",\"code\":200,\"data\":{}}");
    }

    private static JsonNode data(UpgradeOffer offer) throws Exception {
        return JSON.readTree(UpgradeMessages.push(offer, 1)).path("data");
    }

    /**
     * What LinkSDK 4.x's push parser extracts (components/ota/aiot_ota_api.c with core_json_value): every key is
     * the first {@code "key":} in the text, values end at the next quote (strings) or at , } ] (numbers), objects
     * and arrays at their matching bracket; a one-element {@code files} list is read with the single-file keys.
     */
    record LinkSdkPush(String version, String module, String streamId, List<Map<String, String>> files) {
        static LinkSdkPush parse(byte[] payload) {
            String data = value(new String(payload, StandardCharsets.UTF_8), "data");
            String signMethod = value(data, "signMethod");
            assertThat(signMethod).isIn("Md5", "SHA256", "Sha256");
            int digestLength = signMethod.equals("Md5") ? 32 : 64;
            boolean mqtt = "mqtt".equals(value(data, "dProtocol"));
            String streamId = mqtt ? value(data, "streamId") : null;
            if (mqtt) {
                assertThat(streamId).isNotNull();
            }
            String files = value(data, "files");
            List<Map<String, String>> read = new java.util.ArrayList<>();
            if (files != null) {
                List<String> entries = objects(files);
                for (String entry : entries) {
                    read.add(file(entry, entries.size() > 1, mqtt, digestLength));
                }
            } else {
                read.add(file(data, false, mqtt, digestLength));
            }
            return new LinkSdkPush(value(data, "version"), value(data, "module"), streamId, read);
        }

        private static Map<String, String> file(String json, boolean multi, boolean mqtt, int digestLength) {
            Map<String, String> out = new HashMap<>();
            String size = multi ? "fileSize" : "size";
            String sign = multi ? "fileSign" : "sign";
            String url = multi ? "fileUrl" : "url";
            out.put(size, value(json, size));
            out.put(sign, value(json, sign));
            if (mqtt) {
                out.put("streamFileId", value(json, "streamFileId"));
            } else {
                out.put(url, value(json, url));
            }
            if (multi) {
                out.put("fileName", value(json, "fileName"));
            }
            assertThat(out.values()).doesNotContainNull();
            assertThat(out.get(sign)).hasSize(digestLength);
            return out;
        }

        static String value(String json, String key) {
            String needle = "\"" + key + "\":";
            int at = json.indexOf(needle);
            if (at < 0) {
                return null;
            }
            int start = at + needle.length();
            char first = json.charAt(start);
            if (first == '"') {
                return json.substring(start + 1, json.indexOf('"', start + 1));
            }
            if (first == '{' || first == '[') {
                int depth = 0;
                for (int i = start; i < json.length(); i++) {
                    char c = json.charAt(i);
                    if (c == '{' || c == '[') {
                        depth++;
                    } else if ((c == '}' || c == ']') && --depth == 0) {
                        return json.substring(start, i + 1);
                    }
                }
                return null;
            }
            int end = start;
            while (end < json.length() && ",}]".indexOf(json.charAt(end)) < 0) {
                end++;
            }
            return json.substring(start, end);
        }

        private static List<String> objects(String array) {
            List<String> out = new java.util.ArrayList<>();
            int depth = 0;
            int start = -1;
            for (int i = 0; i < array.length(); i++) {
                char c = array.charAt(i);
                if (c == '{' && depth++ == 0) {
                    start = i;
                } else if (c == '}' && --depth == 0) {
                    out.add(array.substring(start, i + 1));
                }
            }
            return out;
        }
    }
}
