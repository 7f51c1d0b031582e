package io.updraft.api;

import io.updraft.api.ota.CreateOtaFirmwareAction;
import io.updraft.api.ota.CreateOtaModuleAction;
import io.updraft.api.ota.DeleteOtaFirmwareAction;
import io.updraft.api.ota.GenerateOtaUploadUrlAction;
import io.updraft.api.ota.ListOtaFirmwareAction;
import io.updraft.api.ota.ModifyOtaFirmwareAction;
import io.updraft.api.ota.QueryOtaFirmwareAction;
import io.updraft.api.ota.DeleteOtaModuleAction;
import io.updraft.api.ota.ListOtaModuleByProductAction;
import io.updraft.api.ota.UpdateOtaModuleAction;
import io.updraft.api.product.CreateProductAction;
import io.updraft.api.product.DeleteProductAction;
import io.updraft.api.product.QueryProductAction;
import io.updraft.api.product.QueryProductListAction;
import io.updraft.api.product.UpdateProductAction;
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

    public static ActionRegistry create(ProductService products, OtaModuleService modules, FirmwareService firmware,
                                        UploadService uploads, PublicUrls urls, Clock clock) {
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
                .register("ModifyOTAFirmware", 5, new ModifyOtaFirmwareAction(firmware, clock));
    }
}
