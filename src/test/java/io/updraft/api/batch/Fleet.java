package io.updraft.api.batch;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.CreateOTAFirmwareRequest;
import com.aliyuncs.iot.model.v20180120.CreateOTAFirmwareResponse;
import com.aliyuncs.iot.model.v20180120.CreateOTAStaticUpgradeJobRequest;
import com.aliyuncs.iot.model.v20180120.CreateOTAStaticUpgradeJobResponse;
import com.aliyuncs.iot.model.v20180120.ListOTATaskByJobRequest;
import com.aliyuncs.iot.model.v20180120.ListOTATaskByJobResponse;
import com.aliyuncs.iot.model.v20180120.QueryDeviceDetailRequest;
import com.aliyuncs.iot.model.v20180120.QueryOTAFirmwareRequest;
import com.aliyuncs.iot.model.v20180120.QueryOTAFirmwareResponse;
import com.aliyuncs.iot.model.v20180120.QueryOTAJobRequest;
import com.aliyuncs.iot.model.v20180120.QueryOTAJobResponse;
import io.updraft.testing.MqttDevice;
import io.updraft.testing.Sdk;
import io.updraft.testing.TestServer;
import io.updraft.testing.Uploads;
import org.eclipse.paho.client.mqttv3.MqttClient;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A product with registered devices and update packages, made through the old SDK, for the batch tests. Devices stay
 * offline unless a test connects them, so the tasks of a batch wait in QUEUED (or CONFIRM) where the tests look.
 */
final class Fleet {
    final TestServer server;
    final IAcsClient core;
    final String productKey;
    final List<MqttDevice> devices = new ArrayList<>();

    private Fleet(TestServer server, IAcsClient core, String productKey) {
        this.server = server;
        this.core = core;
        this.productKey = productKey;
    }

    static Fleet of(TestServer server, int deviceCount) {
        IAcsClient core = Sdk.core(server, TestServer.ACME);
        Fleet fleet = new Fleet(server, core, Uploads.newProduct(core));
        for (int i = 1; i <= deviceCount; i++) {
            fleet.device("dev" + i + "-" + shortId());
        }
        return fleet;
    }

    static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    MqttDevice device(String name) {
        try {
            MqttDevice device = MqttDevice.register(core, productKey, name);
            devices.add(device);
            return device;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> names() {
        return devices.stream().map(MqttDevice::deviceName).toList();
    }

    /** A full package of the default module; {@code verified} false = created with NeedToVerify=false. */
    String firmware(String destVersion, boolean needToVerify) {
        return firmware(destVersion, needToVerify, null);
    }

    /** A package; {@code srcVersion} non-null makes it a delta package (Type 1) from that version. */
    String firmware(String destVersion, boolean needToVerify, String srcVersion) {
        CreateOTAFirmwareRequest create = new CreateOTAFirmwareRequest();
        create.setProductKey(productKey);
        create.setFirmwareName("batch_" + shortId());
        create.setDestVersion(destVersion);
        create.setNeedToVerify(needToVerify);
        if (srcVersion != null) {
            create.setType(1);
            create.setSrcVersion(srcVersion);
        }
        create.setFirmwareUrl(Uploads.upload(core, ("firmware " + destVersion + " " + UUID.randomUUID())
                .getBytes(StandardCharsets.UTF_8)));
        CreateOTAFirmwareResponse created = call(create);
        assertThat(created.getSuccess()).as(created.getErrorMessage()).isTrue();
        return created.getData().getFirmwareId();
    }

    /** The device reports {@code version} of the default module over MQTT, as a device SDK does after booting. */
    void report(MqttDevice device, String version) {
        try {
            MqttClient client = device.connect(server, "report-" + shortId());
            client.publish("/ota/device/inform/" + productKey + "/" + device.deviceName(),
                    ("{\"id\":\"1\",\"params\":{\"version\":\"" + version + "\"}}").getBytes(StandardCharsets.UTF_8), 1, false);
            client.disconnect();
            client.close();
            QueryDeviceDetailRequest detail = new QueryDeviceDetailRequest();
            detail.setIotId(device.iotId());
            long deadline = System.currentTimeMillis() + 10_000;
            while (!version.equals(call(detail).getData().getFirmwareVersion())
                    || !"OFFLINE".equals(call(detail).getData().getStatus())) {
                assertThat(System.currentTimeMillis()).as("version %s reported and device offline", version)
                        .isLessThan(deadline);
                Thread.sleep(50);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    CreateOTAStaticUpgradeJobRequest staticJob(String firmwareId, String targetSelection) {
        CreateOTAStaticUpgradeJobRequest request = new CreateOTAStaticUpgradeJobRequest();
        request.setFirmwareId(firmwareId);
        request.setProductKey(productKey);
        request.setTargetSelection(targetSelection);
        return request;
    }

    /** Creates the batch and returns its JobId, failing the test on a business error. */
    String create(CreateOTAStaticUpgradeJobRequest request) {
        CreateOTAStaticUpgradeJobResponse response = call(request);
        assertThat(response.getSuccess()).as("%s %s", response.getCode(), response.getErrorMessage()).isTrue();
        return response.getData().getJobId();
    }

    QueryOTAJobResponse.Data job(String jobId) {
        QueryOTAJobRequest query = new QueryOTAJobRequest();
        query.setJobId(jobId);
        QueryOTAJobResponse response = call(query);
        assertThat(response.getSuccess()).as(response.getErrorMessage()).isTrue();
        return response.getData();
    }

    QueryOTAFirmwareResponse.FirmwareInfo firmwareInfo(String firmwareId) {
        QueryOTAFirmwareRequest query = new QueryOTAFirmwareRequest();
        query.setFirmwareId(firmwareId);
        return call(query).getFirmwareInfo();
    }

    /** Every task of the batch (up to 100), by device name. */
    Map<String, ListOTATaskByJobResponse.SimpleOTATaskInfo> tasks(String jobId) {
        ListOTATaskByJobRequest list = new ListOTATaskByJobRequest();
        list.setJobId(jobId);
        list.setPageSize(100);
        list.setCurrentPage(1);
        ListOTATaskByJobResponse response = call(list);
        assertThat(response.getSuccess()).as(response.getErrorMessage()).isTrue();
        return response.getData().stream().collect(Collectors.toMap(ListOTATaskByJobResponse.SimpleOTATaskInfo::getDeviceName,
                t -> t, (a, b) -> a, LinkedHashMap::new));
    }

    /** Task states by device name. */
    Map<String, String> states(String jobId) {
        Map<String, String> states = new LinkedHashMap<>();
        tasks(jobId).forEach((name, task) -> states.put(name, task.getTaskStatus()));
        return states;
    }

    <T extends AcsResponse> T call(AcsRequest<T> request) {
        try {
            return core.getAcsResponse(request);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
