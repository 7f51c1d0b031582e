package io.updraft.api.ota;

import io.updraft.api.ActionResult;
import io.updraft.firmware.Firmware;
import io.updraft.firmware.FirmwareFile;
import io.updraft.firmware.PublicUrls;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.updraft.api.ActionResult.object;

/**
 * How a package reads in QueryOTAFirmware and ListOTAFirmware. File URLs are download links valid for 24 hours,
 * as Alibaba's signed OSS URLs are; each response mints fresh ones.
 */
final class FirmwareView {
    static final Duration LINK_VALIDITY = Duration.ofHours(24);
    private final PublicUrls urls;
    private final Clock clock;

    FirmwareView(PublicUrls urls, Clock clock) {
        this.urls = urls;
        this.clock = clock;
    }

    /** The fields ListOTAFirmware's items and QueryOTAFirmware's FirmwareInfo share, in the documented order. */
    Map<String, Object> summary(Firmware f) {
        FirmwareFile single = f.multiFile() || f.files().isEmpty() ? null : f.files().get(0);
        Map<String, Object> view = new LinkedHashMap<>(object(
                "FirmwareId", f.firmwareId(),
                "FirmwareName", f.name(),
                "FirmwareDesc", f.description(),
                "ProductKey", f.productKey(),
                "ProductName", f.productName(),
                "ModuleName", f.moduleName(),
                "DestVersion", f.destVersion(),
                "SrcVersion", f.srcVersion(),
                "Type", f.type(),
                "Status", f.status(),
                "SignMethod", f.signMethod(),
                "FirmwareSign", single == null ? null : single.signValue(),
                "FirmwareSize", single == null ? null : size(single),
                "FirmwareUrl", single == null ? null : link(single),
                "UtcCreate", FirmwareTimes.utc(f.gmtCreate()),
                "UtcModified", FirmwareTimes.utc(f.gmtModified())));
        return view;
    }

    Map<String, Object> detail(Firmware f) {
        Map<String, Object> view = summary(f);
        view.put("VerifyProgress", f.verifyProgress());
        view.put("Udi", f.udi());
        if (f.multiFile()) {
            List<Map<String, Object>> files = f.files().stream().map(file -> object(
                    "Name", file.name(),
                    "Url", link(file),
                    "Size", size(file),
                    "FileMd5", file.md5(),
                    "SignValue", file.signValue())).toList();
            // Hide-item response (protocol.md §9): a bare array in JSON.
            view.put("MultiFiles", new ActionResult.ItemList("OtaPackageFileDTO", files));
        }
        return view;
    }

    private String link(FirmwareFile file) {
        return urls.downloadUrl(file.blobKey(), clock.instant().plus(LINK_VALIDITY).getEpochSecond());
    }

    /** The SDKs read sizes as Integer; files are at most 1,000 MB, so this never overflows. */
    private static int size(FirmwareFile file) {
        return (int) file.size();
    }
}
