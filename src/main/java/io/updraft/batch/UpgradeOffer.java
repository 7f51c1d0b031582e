package io.updraft.batch;

import java.util.List;
import java.util.Map;

/**
 * What a device is told about its task, in domain terms: the device channel turns it into the push of
 * ota-api.md §F.3 (or the firmware/get reply of §F.5). {@code module} is null for {@code default} (the push then
 * carries no module); {@code signMethod} is the package's (MD5 or SHA256); {@code extData} holds the batch's tags
 * and {@code _package_udi}. Over MQTT ({@code mqtt}), files carry {@code streamFileId} instead of a URL and the
 * offer a {@code streamId} (the task's row number, which file/download requests name).
 */
public record UpgradeOffer(
        long taskPk,
        String module,
        String version,
        boolean delta,
        String signMethod,
        boolean multiFile,
        List<File> files,
        Map<String, String> extData,
        boolean mqtt,
        long streamId) {

    /** One file: {@code url} is a 24-hour download link (null over MQTT); {@code sign} under the package's method. */
    public record File(String name, long size, String url, String md5, String sign, int streamFileId) {
    }
}
