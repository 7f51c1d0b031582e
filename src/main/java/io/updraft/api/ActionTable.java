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

import static io.updraft.api.Parameter.optional;
import static io.updraft.api.Parameter.optionalBoolean;
import static io.updraft.api.Parameter.optionalInt;
import static io.updraft.api.Parameter.optionalList;
import static io.updraft.api.Parameter.required;
import static io.updraft.api.Parameter.requiredInt;

/**
 * The table of supported Actions: wire name, documented QPS per account (ota-api.md §B.2), handler, and the
 * documented parameters the console's API Explorer builds its form and sample code from (IotInstanceId, common to
 * every Action, is implied). Adding an Action = one class + one row here + an SDK test + a line in the README's list.
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
                .register("CreateProduct", 50, new CreateProductAction(products),
                        required("ProductName", "4-30 characters (Chinese counts 2): letters, digits, _ - @ ( ) and Chinese"),
                        requiredInt("NodeType", "0 device, 1 gateway"),
                        optional("Description", "at most 100 characters"), optionalInt("DataFormat", "0 custom, 1 Alink JSON"),
                        optional("AuthType", "secret, id2 or x509"), optional("NetType", "WIFI, CELLULAR, ETHERNET, OTHER"),
                        optional("ProtocolType", ""), optionalInt("ValidateType", ""), optional("CategoryKey", ""),
                        optional("AliyunCommodityCode", "iothub_senior or iothub"))
                .register("QueryProduct", 50, new QueryProductAction(products),
                        required("ProductKey", ""))
                .register("QueryProductList", 50, new QueryProductListAction(products),
                        requiredInt("CurrentPage", "from 1"), requiredInt("PageSize", "1-200"),
                        optional("AliyunCommodityCode", "iothub_senior or iothub"))
                .register("UpdateProduct", 10, new UpdateProductAction(products),
                        required("ProductKey", ""), required("ProductName", "4-30 characters (Chinese counts 2)"),
                        optional("Description", "at most 100 characters"))
                .register("DeleteProduct", 500, new DeleteProductAction(products),
                        required("ProductKey", ""))
                .register("CreateOTAModule", 10, new CreateOtaModuleAction(modules),
                        required("ProductKey", ""), required("ModuleName", "1-64 of A-Z a-z 0-9 . - _, unique ignoring case"),
                        optional("AliasName", "1-64 letters, digits, . - _ or Chinese"), optional("Desc", "at most 100 characters"))
                .register("UpdateOTAModule", 10, new UpdateOtaModuleAction(modules),
                        required("ProductKey", ""), required("ModuleName", "an existing module"),
                        optional("AliasName", "1-64 letters, digits, . - _ or Chinese; empty clears"),
                        optional("Desc", "at most 100 characters; empty clears"))
                .register("DeleteOTAModule", 10, new DeleteOtaModuleAction(modules),
                        required("ProductKey", ""), required("ModuleName", "a module without update packages"))
                .register("ListOTAModuleByProduct", 10, new ListOtaModuleByProductAction(modules),
                        required("ProductKey", ""))
                .register("GenerateOTAUploadURL", 10, new GenerateOtaUploadUrlAction(uploads, clock),
                        optional("FileSuffix", "bin (default), dav, apk, tar, gz, tar.gz, tar.xz, zip, gzip, pack"))
                .register("CreateOTAFirmware", 10, new CreateOtaFirmwareAction(firmware, clock),
                        required("FirmwareName", "1-40 CJK, letters, digits, - _ ( ), unique in the account"),
                        required("DestVersion", "1-64 of A-Z a-z 0-9 . - _"), required("ProductKey", ""),
                        optional("ModuleName", "default when absent"), optional("FirmwareUrl", "the ObjectStorage of GenerateOTAUploadURL"),
                        optionalInt("FirmwareSize", "bytes"), optional("SignMethod", "MD5 or SHA256"),
                        optional("FirmwareSign", "hex digest of the file"), optionalInt("Type", "0 full, 1 delta"),
                        optional("SrcVersion", "delta packages only"), optional("FirmwareDesc", "at most 100 characters"),
                        optionalBoolean("NeedToVerify", "true: verify on devices before a batch"),
                        optional("Udi", "at most 4096 characters"), optional("DownloadProtocol", "HTTPS (default) or MQTT"),
                        optionalList("MultiFiles", "up to 20 files", "Name", "Url", "Size", "FileMd5", "SignValue"))
                .register("QueryOTAFirmware", 20, new QueryOtaFirmwareAction(firmware, urls, clock),
                        required("FirmwareId", ""))
                .register("ListOTAFirmware", 10, new ListOtaFirmwareAction(firmware, urls, clock),
                        requiredInt("CurrentPage", "from 1"), requiredInt("PageSize", "1-100"),
                        optional("ProductKey", ""), optional("DestVersion", ""))
                .register("DeleteOTAFirmware", 10, new DeleteOtaFirmwareAction(firmware),
                        required("FirmwareId", ""))
                .register("ModifyOTAFirmware", 5, new ModifyOtaFirmwareAction(firmware, clock),
                        required("FirmwareId", ""), required("ProductKey", ""), optional("FirmwareName", "1-40 characters"),
                        optional("FirmwareDesc", "at most 100 characters"), optional("FirmwareUdi", "at most 4096 characters"))
                .register("RegisterDevice", 30, new RegisterDeviceAction(devices),
                        required("ProductKey", ""), optional("DeviceName", "4-32 of letters, digits, - _ @ . :; random when absent"),
                        optional("Nickname", "4-64 characters"))
                .register("QueryDeviceDetail", 50, new QueryDeviceDetailAction(devices, versions),
                        optional("IotId", "or ProductKey and DeviceName"), optional("ProductKey", ""), optional("DeviceName", ""))
                .register("QueryDevice", 50, new QueryDeviceAction(devices),
                        required("ProductKey", ""), optionalInt("CurrentPage", "from 1"), optionalInt("PageSize", "1-50"))
                .register("DeleteDevice", 50, new DeleteDeviceAction(devices),
                        optional("IotId", "or ProductKey and DeviceName"), optional("ProductKey", ""), optional("DeviceName", ""))
                .register("ListOTAModuleVersionsByDevice", 10, new ListOtaModuleVersionsByDeviceAction(versions),
                        requiredInt("CurrentPage", "from 1"), requiredInt("PageSize", "1-200"),
                        optional("IotId", "or ProductKey and DeviceName"), optional("ProductKey", ""), optional("DeviceName", ""));
    }
}
