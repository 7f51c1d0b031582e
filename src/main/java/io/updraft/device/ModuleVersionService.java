package io.updraft.device;

import io.updraft.error.ApiException;
import io.updraft.error.ErrorCode;
import io.updraft.ota.OtaModule;

import java.util.List;
import java.util.Optional;

/**
 * What devices report on {@code /ota/device/inform} (ota-api.md §F.2) and what the API reads back
 * (ListOTAModuleVersionsByDevice, QueryDeviceDetail.FirmwareVersion). A report for a module the product does not
 * define is stored all the same: devices report at boot, often before an operator creates the module.
 */
public final class ModuleVersionService {
    public static final int MAX_PAGE_SIZE = 200;
    private final DeviceService devices;
    private final ModuleVersionRepository versions;

    public ModuleVersionService(DeviceService devices, ModuleVersionRepository versions) {
        this.devices = devices;
        this.versions = versions;
    }

    public enum ReportOutcome { STORED, UNKNOWN_DEVICE, INVALID_MODULE, INVALID_VERSION }

    /** @param module null means {@code default}, as in the device protocol */
    public ReportOutcome report(String productKey, String deviceName, String module, String version) {
        String moduleName = module == null ? OtaModule.DEFAULT : module;
        if (!DeviceNames.isValidModule(moduleName)) {
            return ReportOutcome.INVALID_MODULE;
        }
        if (version == null || !DeviceNames.isValidVersion(version)) {
            return ReportOutcome.INVALID_VERSION;
        }
        Optional<Device> device = devices.findForConnection(productKey, deviceName);
        if (device.isEmpty()) {
            return ReportOutcome.UNKNOWN_DEVICE;
        }
        versions.upsert(device.get().id(), moduleName, version, System.currentTimeMillis());
        return ReportOutcome.STORED;
    }

    /** QueryDeviceDetail.FirmwareVersion: the version of the default module, if the device reported one. */
    public Optional<String> firmwareVersion(Device device) {
        return versions.version(device.id(), OtaModule.DEFAULT);
    }

    public record Page(Device device, List<ModuleVersion> versions, int total) {
    }

    public Page list(String accountId, String instanceId, DeviceRef ref, int currentPage, int pageSize) {
        if (currentPage < 1 || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new ApiException(ErrorCode.INVALID_PAGE_PARAMS,
                    "CurrentPage must be at least 1 and PageSize between 1 and " + MAX_PAGE_SIZE + ".");
        }
        Device device = devices.get(accountId, instanceId, ref);
        long offset = (long) (currentPage - 1) * pageSize;
        int total = versions.count(device.id());
        return new Page(device, offset >= total ? List.of() : versions.list(device.id(), (int) offset, pageSize), total);
    }
}
