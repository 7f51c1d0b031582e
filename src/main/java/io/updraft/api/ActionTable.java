package io.updraft.api;

import io.updraft.api.batch.CancelOtaStrategyByJobAction;
import io.updraft.api.batch.CancelOtaTaskByDeviceAction;
import io.updraft.api.batch.CancelOtaTaskByJobAction;
import io.updraft.api.batch.ConfirmOtaTaskAction;
import io.updraft.api.batch.CreateOtaDynamicUpgradeJobAction;
import io.updraft.api.batch.CreateOtaStaticUpgradeJobAction;
import io.updraft.api.batch.CreateOtaVerifyJobAction;
import io.updraft.api.batch.GenerateDeviceNameListUrlAction;
import io.updraft.api.batch.ListOtaJobByDeviceAction;
import io.updraft.api.batch.ListOtaJobByFirmwareAction;
import io.updraft.api.batch.ListOtaTaskByJobAction;
import io.updraft.api.batch.ListOtaUnfinishedTaskByDeviceAction;
import io.updraft.api.batch.QueryOtaJobAction;
import io.updraft.api.batch.ReupgradeOtaTaskAction;
import io.updraft.api.batch.UpdateOtaJobAction;
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
import io.updraft.batch.DeviceListFiles;
import io.updraft.batch.JobService;
import io.updraft.batch.TaskService;
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
        return create(null, null, null, null, null, null, null, null, new Batches(null, null, null));
    }

    /** The services behind the batch and task Actions. */
    public record Batches(JobService jobs, TaskService tasks, DeviceListFiles deviceLists) {
    }

    public static ActionRegistry create(ProductService products, OtaModuleService modules, DeviceService devices,
                                        ModuleVersionService versions, FirmwareService firmware, UploadService uploads,
                                        PublicUrls urls, Clock clock, Batches batches) {
        JobService jobs = batches.jobs();
        TaskService tasks = batches.tasks();
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
                .register("ListOTAModuleVersionsByDevice", 10, new ListOtaModuleVersionsByDeviceAction(versions))
                .register("GenerateDeviceNameListURL", 10, new GenerateDeviceNameListUrlAction(batches.deviceLists(), clock))
                .register("CreateOTAVerifyJob", 10, new CreateOtaVerifyJobAction(jobs))
                .register("CreateOTAStaticUpgradeJob", 20, new CreateOtaStaticUpgradeJobAction(jobs))
                .register("CreateOTADynamicUpgradeJob", 20, new CreateOtaDynamicUpgradeJobAction(jobs))
                .register("QueryOTAJob", 10, new QueryOtaJobAction(jobs))
                .register("ListOTAJobByFirmware", 10, new ListOtaJobByFirmwareAction(jobs))
                .register("ListOTAJobByDevice", 10, new ListOtaJobByDeviceAction(jobs))
                .register("CancelOTAStrategyByJob", 10, new CancelOtaStrategyByJobAction(jobs))
                .register("UpdateOTAJob", 10, new UpdateOtaJobAction(jobs))
                .register("ListOTATaskByJob", 10, new ListOtaTaskByJobAction(tasks))
                .register("ListOTAUnfinishedTaskByDevice", 10, new ListOtaUnfinishedTaskByDeviceAction(tasks))
                .register("CancelOTATaskByJob", 5, new CancelOtaTaskByJobAction(tasks))
                .register("CancelOTATaskByDevice", 10, new CancelOtaTaskByDeviceAction(tasks))
                .register("ConfirmOTATask", 20, new ConfirmOtaTaskAction(tasks))
                .register("ReupgradeOTATask", 20, new ReupgradeOtaTaskAction(tasks));
    }
}
