package io.updraft.reliability;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.iot.model.v20180120.ListOTATaskByJobResponse;
import com.aliyuncs.iot.model.v20180120.QueryDeviceDetailRequest;
import com.aliyuncs.iot.model.v20180120.QueryOTAJobRequest;
import com.aliyuncs.iot.model.v20180120.QueryOTAJobResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.updraft.testing.Batches;
import io.updraft.testing.MqttDevice;
import io.updraft.testing.Sdk;
import io.updraft.testing.ServerProcess;
import io.updraft.testing.TestServer;
import io.updraft.testing.UpgradingDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of the only node in the middle of a rollout, on each store (the child process keeps its H2 file
 * in its data dir; in the PostgreSQL execution its database lives in the test JVM and outlives it). At the kill two
 * tasks are SUCCEEDED, two IN_PROGRESS (their last progress report PUBACKed just before the kill), one NOTIFIED and
 * one QUEUED (its device offline). After the restart on the same data dir or database every acknowledged state is
 * there as acknowledged (API answers and PUBACKed progress and version reports), and once the devices reconnect the
 * rollout completes: the unfinished tasks are pushed again, the QUEUED one is notified, all succeed.
 */
class RolloutKillNineTest {
    private static final int DEVICES = 6;
    private final List<UpgradingDevice> fleet = new ArrayList<>();
    private ServerProcess server;

    /** A task as the store must show it: what was last acknowledged about it. */
    record Acked(String status, String progress) {
    }

    @AfterEach
    void stop() throws Exception {
        for (UpgradingDevice device : fleet) {
            device.close();
        }
        if (server != null) {
            server.ensureStopped();
        }
    }

    @Test
    void afterAKillMidRolloutEveryAcknowledgedStateIsThereAndTheRolloutCompletes() throws Exception {
        server = ServerProcess.on(Path.of("target", "test-data", "rollout-kill9-" + UUID.randomUUID()));
        server.start();
        IAcsClient core = Sdk.core(server.endpoint(), TestServer.ACME);
        String productKey = MqttDevice.newProduct(core);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            UpgradingDevice device = UpgradingDevice.connect(server.endpoint(),
                    MqttDevice.register(core, productKey, "k9-" + i));
            fleet.add(device);
            device.reportVersion("1.0.0");
            names.add(device.device().deviceName());
        }
        UpgradingDevice offline = fleet.get(5);
        offline.disconnect();
        byte[] content = new byte[30_000];
        new Random(9).nextBytes(content);
        String firmwareId = Batches.newPackage(core, productKey, content, "2.0.0", "MD5");
        String jobId = Batches.staticJob(core, productKey, firmwareId, names, r -> r.setMaximumPerMinute(10));

        Map<String, Acked> acked = new LinkedHashMap<>();
        Map<String, String> versions = new LinkedHashMap<>();
        names.forEach(name -> versions.put(name, "1.0.0"));
        for (UpgradingDevice device : fleet.subList(0, 5)) {
            device.awaitPush();
            acked.put(name(device), state(Batches.awaitTask(core, jobId, name(device), "NOTIFIED")));
        }
        acked.put(name(offline), state(Batches.task(core, jobId, name(offline))));
        assertThat(acked.get(name(offline)).status()).as("nobody to push to").isEqualTo("QUEUED");
        for (UpgradingDevice device : fleet.subList(0, 2)) {
            assertThat(device.upgrade(device.pushes().get(0).path("data"))).isEqualTo(content);
            acked.put(name(device), state(Batches.awaitTask(core, jobId, name(device), "SUCCEEDED")));
            versions.put(name(device), "2.0.0");
        }
        for (UpgradingDevice device : fleet.subList(2, 4)) {
            device.progress(10, "downloading");
            acked.put(name(device), state(Batches.awaitTask(core, jobId, name(device), "IN_PROGRESS")));
        }
        for (UpgradingDevice device : fleet.subList(2, 4)) {
            device.progress(50, "downloading");   // PUBACKed: stored
            acked.put(name(device), new Acked("IN_PROGRESS", "50.00"));
        }

        long kill = System.nanoTime();
        server.kill9();   // right after the last PUBACK
        Duration restart = server.start();
        long downMillis = (System.nanoTime() - kill) / 1_000_000;

        Map<String, Acked> stored = new LinkedHashMap<>();
        Map<String, String> storedVersions = new LinkedHashMap<>();
        for (String name : names) {
            stored.put(name, state(Batches.task(core, jobId, name)));
            storedVersions.put(name, firmwareVersion(core, productKey, name));
        }
        assertThat(stored).as("tasks after the restart, against what was acknowledged before the kill")
                .isEqualTo(acked);
        assertThat(storedVersions).as("reported versions after the restart").isEqualTo(versions);
        QueryOTAJobResponse.Data job = job(core, jobId);
        assertThat(job.getJobStatus()).isEqualTo("IN_PROGRESS");
        assertThat(job.getMaximumPerMinute()).isEqualTo(10);

        long reconnect = System.nanoTime();
        for (UpgradingDevice device : fleet) {
            device.reconnect();
        }
        for (UpgradingDevice device : fleet.subList(2, DEVICES)) {
            JsonNode again = device.awaitPush();
            assertThat(device.upgrade(again.path("data"))).isEqualTo(content);
        }
        for (String name : names) {
            ListOTATaskByJobResponse.SimpleOTATaskInfo task = Batches.awaitTask(core, jobId, name, "SUCCEEDED");
            assertThat(task.getProgress()).isEqualTo("100.00");
            assertThat(firmwareVersion(core, productKey, name)).isEqualTo("2.0.0");
        }
        assertThat(job(core, jobId).getJobStatus()).isEqualTo("COMPLETED");
        Figures.report("rollout-kill9", "%d tasks, %d acknowledged task states and %d versions checked after the kill; "
                        + "kill to healthy again %d ms (start %d ms); reconnect to all SUCCEEDED %d ms", DEVICES,
                acked.size(), versions.size(), downMillis, restart.toMillis(),
                (System.nanoTime() - reconnect) / 1_000_000);
        for (UpgradingDevice device : fleet) {
            device.assertNoPush(Duration.ofMillis(200));
        }
        assertThat(fleet).extracting(d -> d.pushes().size()).as("pushes per device: the finished ones never again, "
                + "the unfinished ones once more after the restart, the offline one once").containsExactly(
                1, 1, 2, 2, 2, 1);
    }

    private static String name(UpgradingDevice device) {
        return device.device().deviceName();
    }

    private static Acked state(ListOTATaskByJobResponse.SimpleOTATaskInfo task) {
        return new Acked(task.getTaskStatus(), task.getProgress());
    }

    private static String firmwareVersion(IAcsClient core, String productKey, String deviceName) throws Exception {
        QueryDeviceDetailRequest query = new QueryDeviceDetailRequest();
        query.setProductKey(productKey);
        query.setDeviceName(deviceName);
        return core.getAcsResponse(query).getData().getFirmwareVersion();
    }

    private static QueryOTAJobResponse.Data job(IAcsClient core, String jobId) throws Exception {
        QueryOTAJobRequest query = new QueryOTAJobRequest();
        query.setJobId(jobId);
        return core.getAcsResponse(query).getData();
    }
}
