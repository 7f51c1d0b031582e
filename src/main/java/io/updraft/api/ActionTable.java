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

import static io.updraft.api.Parameter.optional;
import static io.updraft.api.Parameter.optionalBoolean;
import static io.updraft.api.Parameter.optionalInt;
import static io.updraft.api.Parameter.optionalList;
import static io.updraft.api.Parameter.optionalValues;
import static io.updraft.api.Parameter.required;
import static io.updraft.api.Parameter.requiredInt;
import static io.updraft.api.Parameter.requiredValues;

/**
 * The table of supported Actions: wire name, documented QPS per account (ota-api.md §B.2), handler, and the
 * documented parameters the console's API Explorer builds its form and sample code from (IotInstanceId, common to
 * every Action, is implied). Adding an Action = one class + one row here + an SDK test + a line in the README's list.
 */
public final class ActionTable {
    // Parameters several batch Actions share, documented once (ota-api.md §B.4).
    private static final Parameter SRC_VERSIONS = optionalValues("SrcVersion", "up to 10 versions the devices must report");
    private static final Parameter TIMEOUT = optionalInt("TimeoutInMinutes", "1-1440");
    private static final Parameter RETRY_INTERVAL = optionalInt("RetryInterval", "0, 10, 30, 60 or 1440 minutes");
    private static final Parameter RETRY_COUNT = optionalInt("RetryCount", "1, 2 or 5; with RetryInterval");
    private static final Parameter MAXIMUM_PER_MINUTE = optionalInt("MaximumPerMinute", "10-10000 (default)");
    private static final Parameter MAXIMUM_PER_MINUTE_REQUIRED = requiredInt("MaximumPerMinute", "10-10000");
    private static final Parameter OVERWRITE_MODE = optionalInt("OverwriteMode", "1 keep (default), 2 overwrite unfinished tasks");
    private static final Parameter TAGS = optionalList("Tag", "up to 10", "Key", "Value");

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
                        optional("IotId", "or ProductKey and DeviceName"), optional("ProductKey", ""), optional("DeviceName", ""))
                .register("GenerateDeviceNameListURL", 10, new GenerateDeviceNameListUrlAction(batches.deviceLists(), clock))
                .register("CreateOTAVerifyJob", 10, new CreateOtaVerifyJobAction(jobs),
                        required("ProductKey", ""), required("FirmwareId", "a package that needs verification"),
                        requiredValues("TargetDeviceName", "1-10 devices of the product"),
                        optionalInt("TimeoutInMinutes", "1-1440"), optionalBoolean("NeedPush", "default true"),
                        optionalBoolean("NeedConfirm", "default false"), optional("DownloadProtocol", "HTTPS (default) or MQTT"),
                        TAGS)
                .register("CreateOTAStaticUpgradeJob", 20, new CreateOtaStaticUpgradeJobAction(jobs),
                        required("ProductKey", ""), required("FirmwareId", ""),
                        required("TargetSelection", "ALL, SPECIFIC, GRAY or USER_DEFINED"),
                        optionalValues("TargetDeviceName", "SPECIFIC: up to 200 devices"),
                        optional("DnListFileUrl", "SPECIFIC: the FileUrl of GenerateDeviceNameListURL"),
                        optional("GrayPercent", "GRAY: 0.001-99.999 (three decimals)"), optional("GroupId", "not supported"),
                        optional("GroupType", "not supported"), SRC_VERSIONS,
                        optionalInt("ScheduleTime", "ms since 1970: 5 minutes to 7 days ahead"),
                        optionalInt("ScheduleFinishTime", "ms since 1970: 1 hour to 30 days after the start"),
                        TIMEOUT, RETRY_INTERVAL, RETRY_COUNT, MAXIMUM_PER_MINUTE,
                        optionalBoolean("NeedPush", "default true"), optionalBoolean("NeedConfirm", "default false"),
                        OVERWRITE_MODE, optionalBoolean("MultiModuleMode", "default false"),
                        optional("DownloadProtocol", "HTTPS (default) or MQTT"), TAGS)
                .register("CreateOTADynamicUpgradeJob", 20, new CreateOtaDynamicUpgradeJobAction(jobs),
                        required("ProductKey", ""), required("FirmwareId", ""),
                        optionalInt("DynamicMode", "1 (default): devices now and later, 2: only devices reporting later"),
                        optional("GroupId", "not supported"), optional("GroupType", "not supported"), SRC_VERSIONS,
                        TIMEOUT, RETRY_INTERVAL, RETRY_COUNT, MAXIMUM_PER_MINUTE,
                        optionalBoolean("NeedPush", "default true"), optionalBoolean("NeedConfirm", "default false"),
                        OVERWRITE_MODE, optionalBoolean("MultiModuleMode", "default false"),
                        optional("DownloadProtocol", "HTTPS (default) or MQTT"), TAGS)
                .register("QueryOTAJob", 10, new QueryOtaJobAction(jobs),
                        required("JobId", ""))
                .register("ListOTAJobByFirmware", 10, new ListOtaJobByFirmwareAction(jobs),
                        required("FirmwareId", ""), requiredInt("CurrentPage", "from 1"), requiredInt("PageSize", "1-200"))
                .register("ListOTAJobByDevice", 10, new ListOtaJobByDeviceAction(jobs),
                        required("FirmwareId", ""), required("ProductKey", ""), required("DeviceName", ""),
                        requiredInt("CurrentPage", "from 1"), requiredInt("PageSize", "1-100"))
                .register("CancelOTAStrategyByJob", 10, new CancelOtaStrategyByJobAction(jobs),
                        required("JobId", "a dynamic batch"))
                .register("UpdateOTAJob", 10, new UpdateOtaJobAction(jobs),
                        required("JobId", "an unfinished batch"), required("UpgradeType", "the batch's: STATIC or DYNAMIC"),
                        required("TargetSelection", "the batch's own"), MAXIMUM_PER_MINUTE_REQUIRED,
                        TIMEOUT, optionalValues("SrcVersionList", "dynamic batches: up to 10; absent keeps them"),
                        optionalList("Tags", "up to 10; absent clears them", "Key", "Value"))
                .register("ListOTATaskByJob", 10, new ListOtaTaskByJobAction(tasks),
                        required("JobId", ""), optional("TaskStatus", "CONFIRM, QUEUED, NOTIFIED, IN_PROGRESS, SUCCEEDED, FAILED or CANCELED"),
                        optionalValues("DeviceNames", "up to 50; paging is then ignored"),
                        optionalInt("CurrentPage", "from 1"), optionalInt("PageSize", "1-100"))
                .register("ListOTAUnfinishedTaskByDevice", 10, new ListOtaUnfinishedTaskByDeviceAction(tasks),
                        optional("IotId", "or ProductKey and DeviceName"), optional("ProductKey", ""), optional("DeviceName", ""),
                        optional("ModuleName", "default when absent"),
                        optional("TaskStatus", "CONFIRM, QUEUED, NOTIFIED or IN_PROGRESS"),
                        optionalValues("TaskStatusList", "any of CONFIRM, QUEUED, NOTIFIED, IN_PROGRESS"))
                .register("CancelOTATaskByJob", 5, new CancelOtaTaskByJobAction(tasks),
                        required("JobId", ""), optionalBoolean("CancelScheduledTask", ""),
                        optionalBoolean("CancelUnconfirmedTask", ""), optionalBoolean("CancelQueuedTask", ""),
                        optionalBoolean("CancelNotifiedTask", ""), optionalBoolean("CancelInProgressTask", ""))
                .register("CancelOTATaskByDevice", 10, new CancelOtaTaskByDeviceAction(tasks),
                        required("ProductKey", ""), required("FirmwareId", ""),
                        requiredValues("DeviceName", "1-200 devices"), optional("JobId", "only this batch's tasks"))
                .register("ConfirmOTATask", 20, new ConfirmOtaTaskAction(tasks),
                        requiredValues("TaskId", "1-10 tasks waiting for confirmation"))
                .register("ReupgradeOTATask", 20, new ReupgradeOtaTaskAction(tasks),
                        required("JobId", ""), requiredValues("TaskId", "1-10 failed or canceled tasks"));
    }
}
