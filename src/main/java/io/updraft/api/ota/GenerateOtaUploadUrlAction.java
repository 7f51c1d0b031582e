package io.updraft.api.ota;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.firmware.UploadService;

import java.time.Clock;

import static io.updraft.api.ActionResult.object;

/** GenerateOTAUploadURL: an OSS PostObject form that targets Updraft's own upload endpoint. */
public final class GenerateOtaUploadUrlAction implements Action {
    private final UploadService uploads;
    private final Clock clock;

    public GenerateOtaUploadUrlAction(UploadService uploads, Clock clock) {
        this.uploads = uploads;
        this.clock = clock;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        ctx.instanceId();
        UploadService.Slot slot = uploads.issue(ctx.accountId(), ctx.optional("FileSuffix").orElse(null), clock.instant());
        return ActionResult.empty().put("Data", object(
                "Key", slot.key(),
                "Host", slot.host(),
                "Policy", slot.policy(),
                "OSSAccessKeyId", slot.accessKeyId(),
                "Signature", slot.signature(),
                "FirmwareUrl", slot.firmwareUrl(),
                "UtcCreate", FirmwareTimes.utc(slot.created().toEpochMilli()),
                "ObjectStorage", "OSS"));
    }
}
