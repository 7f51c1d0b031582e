package io.updraft.api;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.CreateOTAFirmwareRequest;
import com.aliyuncs.iot.model.v20180120.CreateOTAFirmwareResponse;
import com.aliyuncs.iot.model.v20180120.CreateProductRequest;
import com.aliyuncs.iot.model.v20180120.CreateProductResponse;
import com.aliyuncs.iot.model.v20180120.UpdateProductRequest;
import com.aliyuncs.iot.model.v20180120.UpdateProductResponse;
import io.updraft.testing.PopCoreResult;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import io.updraft.testing.Uploads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Chinese/Japanese characters" in the name rules of packages and products means every character of the kana
 * blocks (U+3040–U+309F, U+30A0–U+30FF) and the half-width katakana forms (U+FF65–U+FF9F), including the
 * prolonged sound mark ー and the middle dot ・, which belong to no kana script. Punctuation of those languages is
 * still refused.
 */
class JapaneseNamesSdkTest {
    private static final TestServer SERVER = TestServer.shared();
    /** Ideographic comma and full stop, a corner bracket, the ideographic space, full-width ! and ~, wave dash, reference mark. */
    private static final List<String> NOT_LETTERS = List.of("、", "。", "「", "　", "！", "～", "〜", "※");
    private static IAcsClient client;
    private static String productKey;
    private static String fileUrl;

    @BeforeAll
    static void productAndFile() {
        client = Sdk.core(SERVER, TestServer.ACME);
        productKey = Uploads.newProduct(client);
        fileUrl = Uploads.upload(client, "kana".getBytes(StandardCharsets.UTF_8));
    }

    /** Every assigned character of the kana blocks and the half-width katakana forms. */
    private static List<Integer> kana() {
        List<Integer> all = new ArrayList<>();
        for (int[] block : new int[][] {{0x3040, 0x309F}, {0x30A0, 0x30FF}, {0xFF65, 0xFF9F}}) {
            for (int cp = block[0]; cp <= block[1]; cp++) {
                if (Character.isDefined(cp)) {
                    all.add(cp);
                }
            }
        }
        return all;
    }

    /** The characters in names of at most {@code perName} characters, each after a leading letter. */
    private static List<String> namesOf(List<Integer> characters, int perName) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < characters.size(); i += perName) {
            StringBuilder name = new StringBuilder("k");
            characters.subList(i, Math.min(i + perName, characters.size())).forEach(name::appendCodePoint);
            names.add(name.toString());
        }
        return names;
    }

    private static CreateOTAFirmwareResponse createPackage(String name) throws Exception {
        CreateOTAFirmwareRequest create = new CreateOTAFirmwareRequest();
        create.setProductKey(productKey);
        create.setFirmwareName(name);
        create.setDestVersion("1.0");
        create.setFirmwareUrl(fileUrl);
        return client.getAcsResponse(create);
    }

    private static PopCoreResult renamePackage(String firmwareId, String name) {
        return Sdk.popCore(SERVER, TestServer.ACME).post("ModifyOTAFirmware",
                Map.of("FirmwareId", firmwareId, "ProductKey", productKey, "FirmwareName", name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ファームウェア", "アップデート", "ｱｯﾌﾟﾃﾞｰﾄ", "こんにちは・ゝゞ"})
    void createOtaFirmwareAcceptsJapaneseWords(String word) throws Exception {
        CreateOTAFirmwareResponse created = createPackage(word + "_" + UUID.randomUUID().toString().substring(0, 6));
        assertThat(created.getSuccess()).as(created.getCode() + " " + created.getErrorMessage()).isTrue();
    }

    @Test
    void modifyOtaFirmwareAcceptsEveryKanaCharacter() throws Exception {
        String firmwareId = createPackage("kana_" + UUID.randomUUID().toString().substring(0, 8)).getData()
                .getFirmwareId();
        List<String> names = namesOf(kana(), 30);
        assertThat(names).hasSizeGreaterThan(5);
        for (String name : names) {
            String unique = name + UUID.randomUUID().toString().substring(0, 6);
            renamePackage(firmwareId, unique).requireOk();
        }
    }

    @Test
    void packageNamesStillRefuseJapanesePunctuation() throws Exception {
        String firmwareId = createPackage("punct_" + UUID.randomUUID().toString().substring(0, 8)).getData()
                .getFirmwareId();
        for (String mark : NOT_LETTERS) {
            CreateOTAFirmwareResponse created = createPackage("アップデート" + mark);
            assertThat(created.getCode()).as(mark).isEqualTo("iot.firmware.IncorrectFormattedFirmwareName");
            PopCoreResult renamed = renamePackage(firmwareId, "アップデート" + mark);
            assertThat(renamed.ok()).as(mark).isFalse();
            assertThat(renamed.code()).as(mark).isEqualTo("iot.firmware.IncorrectFormattedFirmwareName");
        }
    }

    @Test
    void productNamesAcceptEveryKanaCharacter() throws Exception {
        CreateProductRequest create = new CreateProductRequest();
        create.setProductName("アップデート" + UUID.randomUUID().toString().substring(0, 4));
        create.setNodeType(0);
        CreateProductResponse created = client.getAcsResponse(create);
        assertThat(created.getSuccess()).as(created.getCode()).isTrue();
        // 30 units, a kana counts 2: a leading letter, up to 8 kana and a 4-character suffix that keeps names unique
        for (String name : namesOf(kana(), 8)) {
            UpdateProductRequest update = new UpdateProductRequest();
            update.setProductKey(created.getProductKey());
            update.setProductName(name + UUID.randomUUID().toString().substring(0, 4));
            UpdateProductResponse updated = client.getAcsResponse(update);
            assertThat(updated.getSuccess()).as(name + ": " + updated.getCode()).isTrue();
        }
    }

    @Test
    void productNamesStillRefuseJapanesePunctuation() throws Exception {
        for (String mark : NOT_LETTERS) {
            CreateProductRequest create = new CreateProductRequest();
            create.setProductName("アップデート" + mark);
            create.setNodeType(0);
            assertThat(client.getAcsResponse(create).getCode()).as(mark).isEqualTo("iot.prod.InvalidFormattedProductName");
        }
    }
}
