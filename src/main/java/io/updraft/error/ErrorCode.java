package io.updraft.error;

/**
 * Every error code Updraft returns, in one table: the code on the wire, the HTTP status, the message, and
 * whether it is a gateway error (non-2xx, {@code Code}/{@code Message}/{@code Recommend}) or an IoT business
 * error (HTTP 200, {@code Success:false}, {@code Code}/{@code ErrorMessage}). Messages containing {@code %s}
 * take arguments. Gateway wording follows the Alibaba POP gateway; {@code iot.*} codes follow Alibaba's
 * documented codes where one exists and are Updraft's own (same style) where none does.
 */
public enum ErrorCode {
    // ---- gateway errors (protocol.md §11) ----
    MISSING_PARAMETER("Missing%s", 400, "%s is mandatory for this action."),
    INVALID_PARAMETER("Invalid%s", 400, "Specified parameter %s is not valid."),
    INVALID_FORMAT("InvalidParameter.Format", 400, "Specified parameter format is not valid."),
    MALFORMED_REQUEST("InvalidParameter", 400, "The request is malformed: %s"),
    REQUEST_TOO_LARGE("RequestTooLarge", 413, "The request exceeds the maximum size of %s bytes."),
    URI_TOO_LONG("RequestURITooLong", 414,
            "The request URI exceeds %s bytes. Send large parameters in an application/x-www-form-urlencoded body."),
    HEADERS_TOO_LARGE("RequestHeaderFieldsTooLarge", 431, "The request headers exceed %s bytes."),
    TOO_MANY_PARAMETERS("InvalidParameter.Count", 400, "The request has more than %s parameters."),
    INCOMPLETE_SIGNATURE("IncompleteSignature", 400,
            "The request signature does not conform to Aliyun standards. server string to sign is:%s"),
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 400,
            "Specified signature is not matched with our calculation. server string to sign is:%s"),
    ACCESS_KEY_NOT_FOUND("InvalidAccessKeyId.NotFound", 404, "Specified access key is not found."),
    ACCESS_KEY_INACTIVE("InvalidAccessKeyId.Inactive", 400, "Specified access key is disabled."),
    TIMESTAMP_FORMAT("InvalidTimeStamp.Format", 400, "Specified time stamp or date value is not well formatted."),
    TIMESTAMP_EXPIRED("InvalidTimeStamp.Expired", 400, "Specified time stamp or date value is expired."),
    NONCE_USED("SignatureNonceUsed", 400, "Specified signature nonce was used already."),
    SIGNATURE_METHOD("InvalidSignatureMethod", 400, "Specified signature method is not valid."),
    SIGNATURE_VERSION("InvalidSignatureVersion", 400, "Specified signature version is not valid."),
    THROTTLING_USER("Throttling.User", 400, "Request was denied due to user flow control."),
    FORBIDDEN_RAM("Forbidden.RAM", 403,
            "User not authorized to operate on the specified resource, or this API doesn't support RAM."),
    ACTION_NOT_FOUND("InvalidAction.NotFound", 404, "Specified api is not found, please check your url and method."),
    INVALID_VERSION("InvalidVersion", 400, "Specified parameter Version is not valid."),
    UNSUPPORTED_HTTP_METHOD("UnsupportedHTTPMethod", 400, "This http method not supported."),
    INTERNAL_ERROR("InternalError", 500,
            "The request processing has failed due to some unknown error, exception or failure."),
    SERVICE_UNAVAILABLE("ServiceUnavailable", 503, "The request has failed due to a temporary failure of the server."),

    // ---- upload endpoint (OSS PostObject) and package downloads: OSS error XML, OSS's codes and wording ----
    UPLOAD_MALFORMED("MalformedPOSTRequest", 400,
            "The body of your POST request is not well-formed multipart/form-data: %s"),
    UPLOAD_POLICY_INVALID("InvalidPolicyDocument", 400, "Invalid Policy: %s"),
    UPLOAD_ACCESS_KEY_INVALID("InvalidAccessKeyId", 403,
            "The OSSAccessKeyId of the form is not the one GenerateOTAUploadURL returned."),
    UPLOAD_SIGNATURE_MISMATCH("SignatureDoesNotMatch", 403,
            "The request signature we calculated does not match the signature you provided: send Policy and "
                    + "Signature exactly as GenerateOTAUploadURL returned them."),
    UPLOAD_POLICY_EXPIRED("AccessDenied", 403,
            "Invalid according to Policy: Policy expired. Call GenerateOTAUploadURL again and upload within its validity."),
    UPLOAD_POLICY_CONDITION("AccessDenied", 403, "Invalid according to Policy: Policy Condition failed: %s"),
    UPLOAD_TOO_LARGE("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed size of %s bytes."),
    UPLOAD_TOO_SMALL("EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed size of %s bytes."),
    DOWNLOAD_EXPIRED("AccessDenied", 403, "Request has expired: get a fresh URL from QueryOTAFirmware."),
    DOWNLOAD_DENIED("AccessDenied", 403, "The download URL is not signed by this server or was altered."),
    DOWNLOAD_NOT_FOUND("NoSuchKey", 404, "The specified key does not exist."),
    DOWNLOAD_RANGE_INVALID("InvalidRange", 416, "The requested range is not satisfiable."),

    // ---- IoT business errors: HTTP 200 + Success:false (ota-api.md §C) ----
    SYSTEM_EXCEPTION("iot.system.SystemException", "A system exception occurred."),
    INSTANCE_NOT_FOUND("iot.system.InstanceNotFound",
            "The instance ID does not exist. Check IotInstanceId, or omit it for the default instance."),
    INVALID_PAGE_PARAMS("iot.common.InvalidPageParams", "%s"),
    INVALID_FORMATTED_PARAMETER("iot.check.InvalidFormattedParameter", "%s"),

    PRODUCT_NOT_FOUND("iot.prod.NotExistedProduct", "The specified product does not exist."),
    PRODUCT_NAME_EXISTS("iot.prod.AlreadyExistedProductName",
            "A product with this name already exists in the instance. Choose another ProductName."),
    PRODUCT_NAME_NULL("iot.prod.NullProductName", "The product name cannot be empty."),
    PRODUCT_NAME_INVALID("iot.prod.InvalidFormattedProductName",
            "The product name must be 4 to 30 characters (a Chinese character counts as 2) of letters, digits, "
                    + "underscores (_), hyphens (-), at signs (@), parentheses and Chinese characters."),
    PRODUCT_DESC_TOO_LONG("iot.prod.LongProductDesc", "The product description must be at most 100 characters."),
    PRODUCT_NODE_TYPE_INVALID("iot.prod.InvalidNodeType", "NodeType must be 0 (device) or 1 (gateway)."),
    PRODUCT_KEY_NULL("iot.prod.NullProductKey", "The ProductKey cannot be empty."),

    DEVICE_NOT_FOUND("iot.device.NotExistedDevice",
            "The specified device does not exist. Check IotId, or ProductKey and DeviceName (and IotInstanceId)."),
    DEVICE_NAME_EXISTS("iot.device.AlreadyExistedDeviceName",
            "A device with this DeviceName already exists in the product. Choose another DeviceName."),
    DEVICE_NAME_NULL("iot.device.NullDeviceName",
            "The DeviceName cannot be empty: give IotId, or ProductKey together with DeviceName."),
    DEVICE_NAME_INVALID("iot.device.InvalidFormattedDeviceName",
            "DeviceName must be 4 to 32 characters of letters, digits, hyphens (-), underscores (_), at signs (@), periods (.) and colons (:)."),
    DEVICE_IOT_ID_INVALID("iot.device.InvalidIoTId",
            "The IotId is not well formed: it is the IotId RegisterDevice returned (letters and digits)."),
    DEVICE_NOT_NAMED("iot.check.NullParameter", "Name the device: give IotId, or ProductKey and DeviceName."),

    MODULE_NAME_NULL("iot.ota.NullOtaModuleName", "the module name can not be empty."),
    MODULE_NAME_INVALID("iot.ota.InvalidOtaModuleName",
            "the format of module name is invalid. Use 1 to 64 letters, digits, periods (.), hyphens (-) or underscores (_)."),
    MODULE_EXISTS("iot.ota.OtaModuleAlreadyExisted",
            "The OTA module already exists (module names are compared ignoring case, and \"default\" is built in). Choose another ModuleName."),
    MODULE_COUNT_EXCEEDED("iot.ota.OtaModuleCountExceedMax",
            "The number of OTA modules exceeds the limit: a product can have at most %s custom modules. Delete an unused module first."),
    MODULE_NOT_FOUND("iot.ota.OtaModuleNotExist",
            "The OTA module does not exist in this product. Check ModuleName with ListOTAModuleByProduct."),
    DEFAULT_MODULE_NOT_DELETABLE("iot.ota.DefaultOtaModuleCannotBeDeleted",
            "The default OTA module is built in and cannot be deleted."),
    DEFAULT_MODULE_NOT_UPDATABLE("iot.ota.DefaultOtaModuleCannotBeModified",
            "The default OTA module is built in and cannot be modified."),
    MODULE_HAS_FIRMWARE("iot.ota.OtaModuleHasFirmware",
            "The OTA module has update packages and cannot be deleted. Delete its update packages first."),
    MODULE_UPDATE_EMPTY("iot.ota.NothingToUpdate",
            "UpdateOTAModule needs AliasName or Desc (or both); neither was given."),

    FIRMWARE_NOT_FOUND("iot.ota.FirmwareNotFound", "The specified firmware does not exist."),
    FIRMWARE_PRODUCT_MISMATCH("iot.ota.FirmwareAndProductKeyMismatch",
            "The OTA update package is not consistent with the ProductKey: give the ProductKey the package belongs to."),
    FIRMWARE_NAME_EXISTS("iot.firmware.AlreadyExistedFirmwareName",
            "The OTA update package already exists: FirmwareName must be unique in the account. Choose another FirmwareName."),
    FIRMWARE_NAME_INVALID("iot.firmware.IncorrectFormattedFirmwareName",
            "The format of the OTA update package name is invalid: use 1 to 40 Chinese or Japanese characters, letters, "
                    + "digits, hyphens (-), underscores (_) and parentheses, starting with a letter, digit or CJK character."),
    FIRMWARE_DESC_TOO_LONG("iot.firmware.FirmwareDescExceedLimit",
            "The description of the firmware is longer than the limit of 100 characters."),
    FIRMWARE_UDI_TOO_LONG("iot.firmware.FirmwareUdiExceedLimit",
            "The UDI of the firmware is longer than the limit of 4096 characters."),
    FIRMWARE_VERSION_INVALID("iot.firmware.IncorrectFormattedVersion",
            "%s must be 1 to 64 letters, digits, periods (.), hyphens (-) or underscores (_)."),
    FIRMWARE_TYPE_INVALID("iot.firmware.InvalidFirmwareType", "Type must be 0 (full package) or 1 (delta package)."),
    FIRMWARE_SRC_VERSION_NULL("iot.firmware.NullSrcVersion",
            "A delta package (Type=1) needs SrcVersion: the version devices must run to apply it."),
    FIRMWARE_SAME_VERSIONS("iot.firmware.SameSrcAndDestVersion",
            "A delta package must update from another version: SrcVersion must differ from DestVersion."),
    FIRMWARE_SIGN_METHOD_INVALID("iot.firmware.InvalidSignMethod", "SignMethod must be MD5 or SHA256."),
    FIRMWARE_SIGN_MISMATCH("iot.firmware.FirmwareSignMismatch",
            "%s does not match the %s of the uploaded file%s: compute it over the exact file you uploaded."),
    FIRMWARE_SIZE_MISMATCH("iot.firmware.FirmwareSizeMismatch",
            "%s does not match the size of the uploaded file%s (%s bytes)."),
    FIRMWARE_URL_NULL("iot.firmware.NullFirmwareUrl",
            "Give the package's file: FirmwareUrl for a single file, or MultiFiles.N.Url for several."),
    FIRMWARE_URL_INVALID("iot.firmware.InvalidFirmwareUrl",
            "%s is not a file this account uploaded with a GenerateOTAUploadURL form, or it was purged (files no "
                    + "package uses are removed after 60 minutes). Upload the file again."),
    FIRMWARE_FILES_INVALID("iot.firmware.InvalidMultiFiles", "%s"),
    FIRMWARE_DOWNLOAD_PROTOCOL_INVALID("iot.firmware.InvalidDownloadProtocol", "%s"),
    FIRMWARE_FILE_SUFFIX_INVALID("iot.firmware.InvalidFileSuffix",
            "FileSuffix must be one of bin, dav, apk, tar, gz, tar.gz, tar.xz, zip, gzip, pack."),
    // ---- upgrade batches and device tasks (ota-api.md §A.3, §A.4, §B.4, §C.3); "own" codes where none is documented ----
    JOB_NOT_FOUND("iot.ota.InvalidJobId", "The job is not existed: check JobId (and IotInstanceId)."),
    JOB_CANCELED("iot.ota.JobHasCanceled", "The job has already been canceled."),
    JOB_FINISHED("iot.ota.JobHasFinished", "The job has already finished."),
    NOT_DYNAMIC_JOB("iot.ota.noDynamicJob", "The job is not a dynamic upgrade job: only dynamic jobs have a policy to cancel or update."),
    DYNAMIC_JOB_EXISTS("iot.ota.DynamicJobAlreadyExists",
            "The update package already has a running dynamic upgrade job: cancel its policy (CancelOTAStrategyByJob) first."),
    FIRMWARE_NOT_VERIFIED("iot.ota.FirmwareNotVerified",
            "The firmware validation is not completed: run a verification job (CreateOTAVerifyJob) that succeeds, or create the package with NeedToVerify=false."),
    FIRMWARE_VERIFY_NOT_ALLOWED("iot.ota.FirmwareVerifyNotAllowed",
            "The update package is %s and cannot be verified again."),
    TARGET_SELECTION_INVALID("iot.ota.InvalidTargetSelection", "TargetSelection must be ALL, SPECIFIC, GRAY or GROUP."),
    DEVICE_GROUP_NOT_SUPPORTED("iot.ota.DeviceGroupNotSupported",
            "Device groups are not supported by this server yet: use TargetSelection ALL, SPECIFIC or GRAY, or SrcVersion.N for dynamic jobs."),
    TARGET_DEVICES_INVALID("iot.ota.InvalidTargetDeviceName", "%s"),
    DEVICE_NOT_EXIST("iot.ota.DeviceNotExist", "The device does not exist: %s"),
    GRAY_PERCENT_INVALID("iot.ota.InvalidGrayPercent",
            "GrayPercent must be a percentage above 0 and at most 100 with up to 3 decimals, e.g. 33.333."),
    SRC_VERSION_INVALID("iot.ota.InvalidSrcVersionList", "%s"),
    SRC_VERSION_EMPTY("iot.ota.EmptySrcVersionList", "SrcVersion.N is required for a dynamic upgrade job."),
    SCHEDULE_TIME_INVALID("iot.ota.InvalidScheduleTime",
            "ScheduleTime must be a 13-digit epoch in milliseconds 5 minutes to 7 days from now."),
    SCHEDULE_FINISH_TIME_INVALID("iot.ota.InvalidScheduleFinishTime",
            "ScheduleFinishTime must be 1 hour to 30 days after ScheduleTime (or after now when there is no ScheduleTime)."),
    TIMEOUT_INVALID("iot.ota.InvalidTimeout", "Parameter TimeoutInMinutes is invalid: use 1 to 1440 minutes."),
    RETRY_INVALID("iot.ota.InvalidRetryParameter", "%s"),
    MAXIMUM_PER_MINUTE_INVALID("iot.ota.InvalidMaximumPerMinute", "MaximumPerMinute must be 10 to 10000."),
    OVERWRITE_MODE_INVALID("iot.ota.InvalidOverwriteMode", "%s"),
    DYNAMIC_MODE_INVALID("iot.ota.InvalidDynamicMode", "DynamicMode must be 1 (current and future devices) or 2 (future devices only)."),
    JOB_DOWNLOAD_PROTOCOL_INVALID("iot.ota.InvalidDownloadProtocol", "%s"),
    JOB_TAG_INVALID("iot.ota.InvalidJobTag", "%s"),
    JOB_TAG_TOO_LONG("iot.ota.JobTagIsTooLong", "The tags are too long: at most 10 tags and 4096 characters of keys and values in all."),
    CANCEL_SCOPE_EMPTY("iot.ota.CancelScopeEmpty",
            "Set at least one of CancelScheduledTask, CancelUnconfirmedTask, CancelQueuedTask, CancelNotifiedTask, CancelInProgressTask to true."),
    TASK_STATUS_INVALID("iot.firmware.InvalidTaskStatus", "Invalid TaskStatus: %s"),
    TASK_ID_INVALID("iot.ota.InvalidTaskId", "The tasks are not existed: check TaskId.N (tasks of this account and instance, from ListOTATaskByJob)."),
    TOO_MANY_TASKS("iot.ota.TooManyOtaTask", "There are too many tasks in parameters: at most %s TaskId.N."),
    INVALID_TASK_EXIST("iot.ota.InvalidTaskExist", "The taskId list contains at least an invalid task: %s"),
    UNMATCHED_JOB("iot.ota.UnmatchedJob", "The jobId and taskId do not match: %s"),
    FAILED_TASK_NOT_FOUND("iot.ota.FailedTaskNotFound", "There are no failed tasks: only FAILED tasks can be upgraded again."),
    DEVICE_NOT_REUPGRADED("iot.ota.DeviceNotReUpgraded",
            "There is no device can upgrade: the device already has an unfinished task for this module."),
    UPGRADE_TYPE_INVALID("iot.ota.InvalidUpgradeType", "UpgradeType must be %s for this job."),
    OPERATION_FORBIDDEN("iot.ota.OperationForbidden", "%s"),
    DN_LIST_FILE_INVALID("iot.ota.InvalidDnListFile", "%s"),
    EMPTY_DEVICE_INFO("iot.ota.EmptyDeviceInfoParams",
            "the device info in params is empty: give IotId, or ProductKey and DeviceName."),

    FIRMWARE_COUNT_EXCEEDED("iot.firmware.FirmwareCountExceedMax",
            "The number of OTA update packages exceeds the limit: an account can have at most %s. Delete unused packages first."),
    ;

    private final String code;
    private final int httpStatus;
    private final String message;
    private final boolean gateway;

    ErrorCode(String code, int httpStatus, String message) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.message = message;
        this.gateway = true;
    }

    ErrorCode(String code, String message) {
        this.code = code;
        this.httpStatus = 200;
        this.message = message;
        this.gateway = false;
    }

    /**
     * How to fix it, for the console's Error Center: the sentences of the message after the first when the message
     * already says (most business errors do), else the advice below. Kept beside the table, one source with the API.
     */
    public String remedy() {
        return switch (this) {
            case MISSING_PARAMETER -> "Send the parameter: the API Explorer marks required parameters with *.";
            case INVALID_PARAMETER -> "Check the parameter's type and documented limits (API Explorer) and send a valid value.";
            case INVALID_FORMAT -> "Send Format=JSON or Format=XML, or leave it out.";
            case MALFORMED_REQUEST -> "Send an RPC request as the official SDKs do: POST or GET on /, form-encoded parameters.";
            case REQUEST_TOO_LARGE, URI_TOO_LONG, HEADERS_TOO_LARGE, TOO_MANY_PARAMETERS ->
                    "Send fewer or shorter parameters (large values in a form body), or raise --max-request-bytes.";
            case INCOMPLETE_SIGNATURE, SIGNATURE_DOES_NOT_MATCH ->
                    "Sign with the AccessKeySecret of this AccessKeyId, over exactly the parameters and headers sent; "
                            + "compare your string to sign with the server's in the message. Use an official SDK.";
            case ACCESS_KEY_NOT_FOUND -> "Use an AccessKey of this Updraft (bootstrap file or data/initial-access-key.json).";
            case ACCESS_KEY_INACTIVE -> "Enable the AccessKey in the bootstrap file, or use an active one.";
            case TIMESTAMP_FORMAT -> "Send Timestamp (or x-acs-date) as yyyy-MM-ddTHH:mm:ssZ in UTC.";
            case TIMESTAMP_EXPIRED -> "Synchronise the client's clock (NTP): the timestamp must be within 15 minutes.";
            case NONCE_USED -> "Send a new random SignatureNonce with every request, also on retries.";
            case SIGNATURE_METHOD -> "Send SignatureMethod=HMAC-SHA1 (V1) or sign with ACS3-HMAC-SHA256 (V3).";
            case SIGNATURE_VERSION -> "Send SignatureVersion=1.0.";
            case THROTTLING_USER -> "Call less often: each Action has a documented QPS per account (README); retry with back-off.";
            case FORBIDDEN_RAM -> "Grant the RAM user the action iot:<Action> in its policy, or call with another key.";
            case ACTION_NOT_FOUND -> "Check the Action name (case-sensitive) against the supported Actions.";
            case INVALID_VERSION -> "Send Version=2018-01-20.";
            case UNSUPPORTED_HTTP_METHOD -> "Use POST (or GET).";
            case INTERNAL_ERROR, SYSTEM_EXCEPTION -> "Retry; if it persists, the server log has the RequestId of the failure.";
            case SERVICE_UNAVAILABLE -> "Retry with back-off: the store was briefly busy or unreachable.";
            case UPLOAD_MALFORMED -> "Post the form fields GenerateOTAUploadURL returned, the file field last.";
            case DOWNLOAD_NOT_FOUND -> "The package file is gone: its update package was deleted.";
            case DOWNLOAD_RANGE_INVALID -> "Request a Range within the file's size.";
            default -> {
                int end = message.indexOf(". ");
                yield end < 0 ? "" : message.substring(end + 2);
            }
        };
    }

    public String code() { return code; }
    public int httpStatus() { return httpStatus; }
    public String messageTemplate() { return message; }
    /** Gateway errors are non-2xx with Code/Message; business errors are HTTP 200 with Success:false. */
    public boolean isGateway() { return gateway; }
}
