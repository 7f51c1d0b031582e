package io.updraft.api;

import io.updraft.api.device.DeleteDeviceAction;
import io.updraft.api.device.QueryDeviceAction;
import io.updraft.api.device.QueryDeviceDetailAction;
import io.updraft.api.device.RegisterDeviceAction;
import io.updraft.api.ota.CreateOtaFirmwareAction;
import io.updraft.api.ota.CreateOtaModuleAction;
import io.updraft.api.ota.DeleteOtaFirmwareAction;
import io.updraft.api.ota.DeleteOtaModuleAction;
import io.updraft.api.ota.GenerateOtaUploadUrlAction;
import io.updraft.api.ota.ListOtaFirmwareAction;
import io.updraft.api.ota.ListOtaModuleByProductAction;
import io.updraft.api.ota.ListOtaModuleVersionsByDeviceAction;
import io.updraft.api.ota.ModifyOtaFirmwareAction;
import io.updraft.api.ota.QueryOtaFirmwareAction;
import io.updraft.api.ota.UpdateOtaModuleAction;
import io.updraft.api.product.CreateProductAction;
import io.updraft.api.product.DeleteProductAction;
import io.updraft.api.product.QueryProductAction;
import io.updraft.api.product.QueryProductListAction;
import io.updraft.api.product.UpdateProductAction;
import io.updraft.batch.BatchEngine;
import io.updraft.device.DeviceService;
import io.updraft.device.ModuleVersionService;
import io.updraft.firmware.FirmwareService;
import io.updraft.firmware.PublicUrls;
import io.updraft.firmware.UploadService;
import io.updraft.ota.OtaModuleService;
import io.updraft.product.ProductService;

import java.time.Clock;

/**
 * The table of supported Actions: wire name, documented QPS per account (ota-api.md §B.2), handler.
 * Adding an Action = one class + one row here + an SDK test + a line in the README's list.
 */
public final class ActionTable {
    private ActionTable() {
    }

    /** The table without services behind it: names and QPS only, for documentation checks and tests. */
    public static ActionRegistry unwired() {
        return create(null, null, null, null, null, null, null, null, null);
    }

    public static ActionRegistry create(ProductService products, OtaModuleService modules, DeviceService devices,
                                        ModuleVersionService versions, FirmwareService firmware, UploadService uploads,
                                        PublicUrls urls, BatchEngine batches, Clock clock) {
        return new ActionRegistry()
                .register("CreateProduct", 50, new CreateProductAction(products))
                .register("QueryProduct", 50, new QueryProductAction(products))
                .register("QueryProductList", 50, new QueryProductListAction(products))
                .register("UpdateProduct", 10, new UpdateProductAction(products))
                .register("DeleteProduct", 500, new DeleteProductAction(products))
                .register("CreateOTAModule", 10, new CreateOtaModuleAction(modules))
                .register("UpdateOTAModule", 10, new UpdateOtaModuleAction(modules))
                .register("DeleteOTAModule", 10, new DeleteOtaModuleAction(modules))
                .register("ListOTAModuleByProduct", 10, new ListOtaModuleByProductAction(modules))
                .register("GenerateOTAUploadURL", 10, new GenerateOtaUploadUrlAction(uploads, clock))
                .register("CreateOTAFirmware", 10, new CreateOtaFirmwareAction(firmware, clock))
                .register("QueryOTAFirmware", 20, new QueryOtaFirmwareAction(firmware, urls, clock))
                .register("ListOTAFirmware", 10, new ListOtaFirmwareAction(firmware, urls, clock))
                .register("DeleteOTAFirmware", 10, new DeleteOtaFirmwareAction(firmware))
                .register("ModifyOTAFirmware", 5, new ModifyOtaFirmwareAction(firmware, clock))
                .register("RegisterDevice", 30, new RegisterDeviceAction(devices))
                .register("QueryDeviceDetail", 50, new QueryDeviceDetailAction(devices, versions))
                .register("QueryDevice", 50, new QueryDeviceAction(devices))
                .register("DeleteDevice", 50, new DeleteDeviceAction(devices))
                .register("ListOTAModuleVersionsByDevice", 10, new ListOtaModuleVersionsByDeviceAction(versions));
    }
}
