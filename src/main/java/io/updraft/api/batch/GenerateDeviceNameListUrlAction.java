package io.updraft.api.batch;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.api.ota.FirmwareTimes;
import io.updraft.batch.DeviceListFiles;
import io.updraft.firmware.UploadService;

import java.time.Clock;

import static io.updraft.api.ActionResult.object;

/**
 * GenerateDeviceNameListURL: an OSS PostObject form for a device-list file (CSV, one DeviceName per line, at most
 * 5 MB and 10,000 names); {@code Data.FileUrl} then goes to CreateOTAStaticUpgradeJob's DnListFileUrl. The form's
 * access key is {@code AccessKeyId} here, where GenerateOTAUploadURL says {@code OSSAccessKeyId}.
 */
public final class GenerateDeviceNameListUrlAction implements Action {
    private final DeviceListFiles lists;
    private final Clock clock;

    public GenerateDeviceNameListUrlAction(DeviceListFiles lists, Clock clock) {
        this.lists = lists;
        this.clock = clock;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        ctx.instanceId();
        UploadService.Slot slot = lists.issue(ctx.accountId(), clock.instant());
        return ActionResult.empty().put("Data", object(
                "Key", slot.key(),
                "Host", slot.host(),
                "Policy", slot.policy(),
                "AccessKeyId", slot.accessKeyId(),
                "Signature", slot.signature(),
                "FileUrl", slot.firmwareUrl(),
                "UtcCreate", FirmwareTimes.utc(slot.created().toEpochMilli()),
                "ObjectStorage", "OSS"));
    }
}
