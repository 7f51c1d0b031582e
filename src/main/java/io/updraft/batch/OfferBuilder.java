package io.updraft.batch;

import io.updraft.firmware.Firmware;
import io.updraft.firmware.FirmwareFile;
import io.updraft.firmware.PublicUrls;
import io.updraft.ota.OtaModule;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a device is told about its task ({@link UpgradeOffer}): the package's files with fresh 24-hour download
 * links (or MQTT stream ids), the batch's tags and the package's UDI in {@code extData}.
 */
final class OfferBuilder {
    static final Duration LINK_VALIDITY = Duration.ofHours(24);
    static final String UDI_KEY = "_package_udi";
    private final PublicUrls urls;
    private final Clock clock;

    OfferBuilder(PublicUrls urls, Clock clock) {
        this.urls = urls;
        this.clock = clock;
    }

    UpgradeOffer offer(Task task, Job job, Firmware pkg) {
        boolean mqtt = "MQTT".equals(job.downloadProtocol());
        long expires = clock.instant().plus(LINK_VALIDITY).getEpochSecond();
        List<UpgradeOffer.File> files = new ArrayList<>();
        for (int i = 0; i < pkg.files().size(); i++) {
            FirmwareFile f = pkg.files().get(i);
            files.add(new UpgradeOffer.File(f.name(), f.size(), mqtt ? null : urls.downloadUrl(f.blobKey(), expires),
                    f.md5(), f.signValue(), i + 1));
        }
        Map<String, String> extData = new LinkedHashMap<>();
        for (Tag tag : job.tags()) {
            extData.put(tag.key(), tag.value());
        }
        if (pkg.udi() != null && !pkg.udi().isEmpty()) {
            extData.put(UDI_KEY, pkg.udi());
        }
        String module = OtaModule.DEFAULT.equalsIgnoreCase(task.moduleName()) ? null : task.moduleName();
        return new UpgradeOffer(task.pk(), module, pkg.destVersion(), pkg.type() == 1, pkg.signMethod(),
                pkg.multiFile(), files, extData, mqtt, task.pk());
    }
}
