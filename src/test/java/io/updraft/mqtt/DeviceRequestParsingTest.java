package io.updraft.mqtt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the handlers read from the payloads of each device SDK (ota-api.md §F.4–F.6), and what they refuse.
 * A refused message never reaches the batch engine.
 */
class DeviceRequestParsingTest {

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static DeviceJson.Parsed<FileDownloadHandler.Request> download(String json) {
        return DeviceJson.object(bytes(json)).map(FileDownloadHandler::parse).orElseThrow();
    }

    @Test
    void aProgressStepIsAStringOnTheWire() {
        DeviceJson.Parsed<ProgressHandler.Report> report = ProgressHandler.parse(
                bytes("{\"id\":\"123\",\"params\":{\"step\":\"-2\",\"desc\":\"download failed: timeout\",\"module\":\"MCU\"}}"));
        assertThat(report.value()).isEqualTo(new ProgressHandler.Report("MCU", -2, "download failed: timeout"));
    }

    @Test
    void aNumericProgressStepIsTolerated() {
        assertThat(ProgressHandler.parse(bytes("{\"id\":1,\"params\":{\"step\":45}}")).value())
                .isEqualTo(new ProgressHandler.Report(null, 45, null));
    }

    @Test
    void stepZeroOfCSdk3EnteringTheDownloadIsAProgressReport() {
        assertThat(ProgressHandler.parse(bytes("{\"id\":2,\"params\":{\"step\":\"0\",\"desc\":\"\"}}")).value())
                .isEqualTo(new ProgressHandler.Report(null, 0, ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1]", "{\"id\":1}", "{\"params\":{\"step\":\"abc\"}}",
            "{\"params\":{\"step\":\"101\"}}", "{\"params\":{\"step\":\"-5\"}}", "{\"params\":{\"step\":4.5}}",
            "{\"params\":{\"step\":\"1\",\"desc\":7}}", "{\"params\":{\"step\":\"1\",\"module\":[\"a\"]}}"})
    void malformedProgressIsRefused(String payload) {
        assertThat(ProgressHandler.parse(bytes(payload)).refused()).isTrue();
    }

    @Test
    void linkSdksPullCarriesOnlyTheIdAndParams() {
        assertThat(FirmwareGetHandler.parse(bytes("{\"id\":17, \"params\":{}}")).value())
                .isEqualTo(new FirmwareGetHandler.Request("17", null));
        assertThat(FirmwareGetHandler.parse(bytes("{\"id\":18, \"params\":{\"module\":\"MCU\"}}")).value())
                .isEqualTo(new FirmwareGetHandler.Request("18", "MCU"));
    }

    @Test
    void theDocumentedPullWithVersionAndMethodIsReadToo() {
        assertThat(FirmwareGetHandler.parse(bytes("{\"id\":\"123\",\"version\":\"1.0\",\"params\":"
                + "{\"module\":\"MCU\"},\"method\":\"thing.ota.firmware.get\"}")).value())
                .isEqualTo(new FirmwareGetHandler.Request("123", "MCU"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"params\":{}}", "{\"id\":{},\"params\":{}}", "{\"id\":1,\"params\":{\"module\":2}}"})
    void aPullWithoutAnIdOrWithABadModuleIsRefused(String payload) {
        assertThat(FirmwareGetHandler.parse(bytes(payload)).refused()).isTrue();
    }

    @Test
    void linkSdksBlockRequestWithATrailingCommaInFileInfoIsRead() {
        assertThat(download("{\"id\":5,\"params\":{\"fileToken\":\"default\",\"fileInfo\":{\"streamId\":1234565,"
                + "\"fileId\":1,},\"fileBlock\":{\"size\":5120,\"offset\":10240}}}").value())
                .isEqualTo(new FileDownloadHandler.Request("5", "default", 1234565, 1, 10240, 5120));
    }

    @Test
    void theDocumentedBlockRequestIsRead() {
        assertThat(download("{\"id\":\"123456\",\"version\":\"1.0\",\"params\":{\"fileToken\":\"1bb8\",\"fileInfo\":"
                + "{\"streamId\":1234565,\"fileId\":1},\"fileBlock\":{\"size\":256,\"offset\":2}}}").value())
                .isEqualTo(new FileDownloadHandler.Request("123456", "1bb8", 1234565, 1, 2, 256));
    }

    @Test
    void aHandWrittenBlockRequestWithoutAFileTokenGetsTheDefaultToken() {
        assertThat(download("{\"id\": \"1\",\"params\": {\"fileInfo\":{\"streamId\":88,\"fileId\":1},"
                + "\"fileBlock\":{\"size\":256,\"offset\":0}}}").value().fileToken()).isEqualTo("default");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"id\":1,\"params\":{\"fileInfo\":{\"fileId\":1},\"fileBlock\":{\"size\":256,\"offset\":0}}}",
            "{\"id\":1,\"params\":{\"fileInfo\":{\"streamId\":\"x\",\"fileId\":1},\"fileBlock\":{\"size\":256,\"offset\":0}}}",
            "{\"id\":1,\"params\":{\"fileInfo\":{\"streamId\":8,\"fileId\":0},\"fileBlock\":{\"size\":256,\"offset\":0}}}",
            "{\"id\":1,\"params\":{\"fileInfo\":{\"streamId\":8,\"fileId\":1},\"fileBlock\":{\"size\":0,\"offset\":0}}}",
            "{\"id\":1,\"params\":{\"fileInfo\":{\"streamId\":8,\"fileId\":1},\"fileBlock\":{\"size\":131073,\"offset\":0}}}",
            "{\"id\":1,\"params\":{\"fileInfo\":{\"streamId\":8,\"fileId\":1},\"fileBlock\":{\"size\":256,\"offset\":-1}}}",
            "{\"id\":1,\"params\":{\"fileToken\":5,\"fileInfo\":{\"streamId\":8,\"fileId\":1},\"fileBlock\":{\"size\":256,\"offset\":0}}}"})
    void malformedBlockRequestsAreRefused(String payload) {
        assertThat(download(payload).refused()).isTrue();
    }
}
