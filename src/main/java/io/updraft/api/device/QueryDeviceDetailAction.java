package io.updraft.api.device;

import io.updraft.api.Action;
import io.updraft.api.ActionContext;
import io.updraft.api.ActionResult;
import io.updraft.device.Device;
import io.updraft.device.DeviceService;
import io.updraft.device.ModuleVersionService;

import static io.updraft.api.ActionResult.object;
import static io.updraft.api.device.DeviceParameters.GMT_DETAIL;
import static io.updraft.api.device.DeviceParameters.UTC;
import static io.updraft.api.device.DeviceParameters.format;

/** QueryDeviceDetail: FirmwareVersion is the version the device last reported for the default module. */
public final class QueryDeviceDetailAction implements Action {
    private final DeviceService devices;
    private final ModuleVersionService versions;

    public QueryDeviceDetailAction(DeviceService devices, ModuleVersionService versions) {
        this.devices = devices;
        this.versions = versions;
    }

    @Override
    public ActionResult handle(ActionContext ctx) {
        Device d = devices.get(ctx.accountId(), ctx.instanceId(), DeviceParameters.ref(ctx));
        return ActionResult.empty().put("Data", object(
                "IotId", d.iotId(),
                "ProductKey", d.productKey(),
                "ProductName", d.productName(),
                "DeviceName", d.name(),
                "DeviceSecret", d.secret(),
                "FirmwareVersion", versions.firmwareVersion(d).orElse(null),
                "GmtCreate", format(GMT_DETAIL, d.gmtCreate()),
                "UtcCreate", format(UTC, d.gmtCreate()),
                "GmtActive", format(GMT_DETAIL, d.gmtActive()),
                "UtcActive", format(UTC, d.gmtActive()),
                "GmtOnline", format(GMT_DETAIL, d.gmtOnline()),
                "UtcOnline", format(UTC, d.gmtOnline()),
                "Status", d.status().name(),
                "IpAddress", d.ipAddress(),
                "NodeType", d.nodeType(),
                "Owner", true,
                "Nickname", d.nickname()));
    }
}
