package io.updraft.testing;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.CreateOTAFirmwareRequest;
import com.aliyuncs.iot.model.v20180120.CreateOTAStaticUpgradeJobRequest;
import com.aliyuncs.iot.model.v20180120.CreateOTAStaticUpgradeJobResponse;
import com.aliyuncs.iot.model.v20180120.ListOTATaskByJobRequest;
import com.aliyuncs.iot.model.v20180120.ListOTATaskByJobResponse;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** Shortcuts for tests that roll a package out through the core SDK: a package, a static batch, its tasks. */
public final class Batches {
    private Batches() {
    }

    /** Uploads {@code content} and creates a full package of it for the default module, not needing verification. */
    public static String newPackage(IAcsClient core, String productKey, byte[] content, String destVersion,
                                    String signMethod) {
        return newPackage(core, productKey, content, destVersion, signMethod, request -> { });
    }

    public static String newPackage(IAcsClient core, String productKey, byte[] content, String destVersion,
                                    String signMethod, Consumer<CreateOTAFirmwareRequest> customize) {
        return newPackage(core, productKey, content, destVersion, signMethod, null, customize);
    }

    /** @param uploader posts the upload form (one trusting the test CA when forms point at HTTPS); null: plain */
    public static String newPackage(IAcsClient core, String productKey, byte[] content, String destVersion,
                                    String signMethod, java.net.http.HttpClient uploader,
                                    Consumer<CreateOTAFirmwareRequest> customize) {
        try {
            CreateOTAFirmwareRequest create = new CreateOTAFirmwareRequest();
            create.setProductKey(productKey);
            create.setFirmwareName("fw_" + UUID.randomUUID().toString().substring(0, 8));
            create.setDestVersion(destVersion);
            create.setFirmwareUrl(Uploads.upload(core, content, uploader));
            create.setSignMethod(signMethod);
            create.setFirmwareSign(hex(signMethod.equals("MD5") ? "MD5" : "SHA-256", content));
            create.setFirmwareSize(content.length);
            create.setNeedToVerify(false);
            customize.accept(create);
            return core.getAcsResponse(create).getData().getFirmwareId();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A static batch for the named devices (SPECIFIC); {@code customize} sets NeedPush, DownloadProtocol, tags … */
    public static String staticJob(IAcsClient core, String productKey, String firmwareId, List<String> deviceNames,
                                   Consumer<CreateOTAStaticUpgradeJobRequest> customize) {
        try {
            CreateOTAStaticUpgradeJobRequest create = new CreateOTAStaticUpgradeJobRequest();
            create.setProductKey(productKey);
            create.setFirmwareId(firmwareId);
            create.setTargetSelection("SPECIFIC");
            create.setTargetDeviceNames(deviceNames);
            customize.accept(create);
            CreateOTAStaticUpgradeJobResponse response = core.getAcsResponse(create);
            if (!Boolean.TRUE.equals(response.getSuccess())) {
                throw new IllegalStateException("CreateOTAStaticUpgradeJob failed: " + response.getCode() + " "
                        + response.getErrorMessage());
            }
            return response.getData().getJobId();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static ListOTATaskByJobResponse.SimpleOTATaskInfo task(IAcsClient core, String jobId, String deviceName) {
        try {
            ListOTATaskByJobRequest list = new ListOTATaskByJobRequest();
            list.setJobId(jobId);
            list.setDeviceNamess(List.of(deviceName));
            list.setPageSize(10);
            list.setCurrentPage(1);
            List<ListOTATaskByJobResponse.SimpleOTATaskInfo> tasks = core.getAcsResponse(list).getData();
            if (tasks == null || tasks.size() != 1) {
                throw new AssertionError("expected one task of " + deviceName + " in " + jobId + ", got " + tasks);
            }
            return tasks.get(0);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits up to 20 s for the device's task to reach {@code status}; returns it. */
    public static ListOTATaskByJobResponse.SimpleOTATaskInfo awaitTask(IAcsClient core, String jobId,
                                                                       String deviceName, String status)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        ListOTATaskByJobResponse.SimpleOTATaskInfo task = task(core, jobId, deviceName);
        while (!status.equals(task.getTaskStatus())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("task of " + deviceName + " is " + task.getTaskStatus() + " ("
                        + task.getTaskDesc() + "), not " + status + ", after 20 s");
            }
            Thread.sleep(100);
            task = task(core, jobId, deviceName);
        }
        return task;
    }

    public static String hex(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
