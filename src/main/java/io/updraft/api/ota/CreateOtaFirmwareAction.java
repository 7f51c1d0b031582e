package io.updraft.api.ota;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.firmware.Firmware;
import io.updraft.firmware.FirmwareService;
import io.updraft.firmware.NewFirmware;

import java.time.Clock;
import java.util.Map;

import static io.updraft.api.ActionResult.object;

/**
 * CreateOTAFirmware: a package from files uploaded through GenerateOTAUploadURL. ProductKey is required here
 * (the metadata marks it optional): a package is always bound to a product's module.
 */
public final class CreateOtaFirmwareAction implements Action {
    private final FirmwareService firmware;
    private final Clock clock;

    public CreateOtaFirmwareAction(FirmwareService firmware, Clock clock) {
        this.firmware = firmware;
        this.clock = clock;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        String name = ctx.required("FirmwareName");
        String destVersion = ctx.required("DestVersion");
        String productKey = ctx.required("ProductKey");
        var files = ctx.indexed("MultiFiles").stream().map(f -> new NewFirmware.FileSpec(f.get("Name"), f.get("Url"),
                integer(f, "Size", "MultiFiles.N.Size"), f.get("FileMd5"), f.get("SignValue"))).toList();
        NewFirmware spec = new NewFirmware(productKey, ctx.optional("ModuleName").orElse(null), name,
                ctx.optional("FirmwareDesc").orElse(null), destVersion, ctx.optional("SrcVersion").orElse(null),
                ctx.optionalInt("Type").orElse(null), ctx.optional("SignMethod").orElse(null),
                ctx.optional("FirmwareUrl").orElse(null), ctx.optional("FirmwareSign").orElse(null),
                ctx.optionalInt("FirmwareSize").orElse(null), ctx.optionalBoolean("NeedToVerify").orElse(null),
                ctx.optional("Udi").orElse(null), ctx.optional("DownloadProtocol").orElse(null), files);
        Firmware created = firmware.create(ctx.accountId(), ctx.instanceId(), spec, clock.millis());
        return ActionResult.empty().put("Data", object(
                "FirmwareId", created.firmwareId(),
                "UtcCreate", FirmwareTimes.utc(created.gmtCreate())));
    }

    private static Integer integer(Map<String, String> fields, String key, String parameter) {
        String value = fields.get(key);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw io.updraft.error.ApiException.invalid(parameter);
        }
    }
}
