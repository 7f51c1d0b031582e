package io.updraft.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.updraft.batch.UpgradeOffer;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The upgrade push of ota-api.md §F.3 and the firmware/get reply of §F.5, built from an {@link UpgradeOffer} so that
 * both device-SDK generations accept it.
 * <ul>
 *   <li>C SDK 3.x drops a push without {@code "message":"success"}, needs {@code version}, {@code url}, {@code md5}
 *       (lower-case: it compares with strcmp) and {@code size}, and does not unescape JSON: Jackson writes '/', '&amp;'
 *       and non-ASCII characters raw (UTF-8), never {@code \/} or {@code \u0026}.</li>
 *   <li>LinkSDK 4.x finds each key by scanning the text for its first {@code "key":} anywhere, nested or not, so
 *       the fields it reads come first and {@code extData} (user tags, the package Udi) comes last: a tag named
 *       {@code version} cannot shadow the real one. It accepts {@code signMethod} {@code Md5} or {@code SHA256} only
 *       and drops a sign that is not 32 / 64 characters long. It reads a one-element {@code files} array with the
 *       single-file key names ({@code size}, {@code url}, {@code sign}), so such an entry carries both spellings.</li>
 * </ul>
 * The field order of the single-file push follows the one observed from Alibaba (size, streamId, sign, dProtocol,
 * version, signMethod, streamFileId, md5): hand-written device code in the field parses it with fixed patterns.
 */
public final class UpgradeMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private UpgradeMessages() {
    }

    /** The push on {@code /ota/device/upgrade/{pk}/{dn}}; {@code id} is a millisecond timestamp on Alibaba. */
    public static byte[] push(UpgradeOffer offer, long id) {
        ObjectNode root = JSON.createObjectNode();
        root.put("code", "1000");
        root.set("data", data(offer));
        root.put("id", id);
        root.put("message", "success");
        return bytes(root);
    }

    /** The firmware/get reply: the offer's data, or {@code {}} when the device has nothing pending. */
    public static byte[] pullReply(String requestId, Optional<UpgradeOffer> offer) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", requestId);
        root.put("code", 200);
        root.set("data", offer.map(UpgradeMessages::data).orElseGet(JSON::createObjectNode));
        return bytes(root);
    }

    /** The {@code data} object shared by the push and the pull reply. */
    static ObjectNode data(UpgradeOffer offer) {
        if (offer.files().isEmpty()) {
            throw new IllegalArgumentException("an upgrade offer without files: task " + offer.taskPk());
        }
        ObjectNode data = JSON.createObjectNode();
        String signMethod = wireSignMethod(offer.signMethod());
        if (!offer.multiFile()) {
            UpgradeOffer.File file = offer.files().get(0);
            data.put("size", file.size());
            if (offer.mqtt()) {
                data.put("streamId", offer.streamId());
            }
            data.put("sign", hex(file.sign()));
            if (offer.mqtt()) {
                data.put("dProtocol", "mqtt");
            }
            data.put("version", offer.version());
            if (offer.delta()) {
                data.put("isDiff", 1);
            }
            if (!offer.mqtt()) {
                data.put("url", file.url());
            }
            data.put("signMethod", signMethod);
            if (offer.mqtt()) {
                data.put("streamFileId", file.streamFileId());
            }
            if (file.md5() != null) {
                data.put("md5", hex(file.md5()));
            }
        } else {
            data.put("version", offer.version());
            data.put("signMethod", signMethod);
            if (offer.mqtt()) {
                data.put("dProtocol", "mqtt");
                data.put("streamId", offer.streamId());
            }
            if (offer.delta()) {
                data.put("isDiff", 1);
            }
        }
        if (offer.module() != null && !offer.module().equals("default")) {
            data.put("module", offer.module());
        }
        if (offer.multiFile()) {
            ArrayNode files = data.putArray("files");
            boolean single = offer.files().size() == 1;
            for (UpgradeOffer.File file : offer.files()) {
                files.add(multiFileEntry(file, offer.mqtt(), single));
            }
        }
        Map<String, String> ext = offer.extData();
        if (ext != null && !ext.isEmpty()) {
            ObjectNode extData = data.putObject("extData");
            ext.forEach(extData::put);
        }
        return data;
    }

    private static ObjectNode multiFileEntry(UpgradeOffer.File file, boolean mqtt, boolean alsoSingleFileKeys) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("fileName", file.name());
        entry.put("fileSize", file.size());
        if (mqtt) {
            entry.put("streamFileId", file.streamFileId());
        } else {
            entry.put("fileUrl", file.url());
        }
        entry.put("fileSign", hex(file.sign()));
        if (file.md5() != null) {
            entry.put("fileMd5", hex(file.md5()));
        }
        if (alsoSingleFileKeys) {
            entry.put("size", file.size());
            if (!mqtt) {
                entry.put("url", file.url());
            }
            entry.put("sign", hex(file.sign()));
        }
        return entry;
    }

    /** The package's SignMethod (MD5 / SHA256, any case) as the devices spell it: {@code Md5} or {@code SHA256}. */
    static String wireSignMethod(String packageSignMethod) {
        return switch (packageSignMethod.toUpperCase(Locale.ROOT)) {
            case "MD5" -> "Md5";
            case "SHA256" -> "SHA256";
            default -> throw new IllegalArgumentException("unknown sign method " + packageSignMethod);
        };
    }

    private static String hex(String digest) {
        return digest == null ? null : digest.toLowerCase(Locale.ROOT);
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
