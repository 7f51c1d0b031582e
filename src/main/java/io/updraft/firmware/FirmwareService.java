package io.updraft.firmware;

import io.updraft.error.ApiException;
import io.updraft.error.ErrorCode;
import io.updraft.ota.ModuleUsage;
import io.updraft.ota.OtaModule;
import io.updraft.product.Product;
import io.updraft.product.ProductRepository;
import io.updraft.store.Ids;
import io.updraft.store.SqlErrors;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The package rules of ota-api.md §B.3. Creation runs in one transaction that locks the product row (the lock
 * DeleteOTAModule takes, so a module cannot vanish under a new package), the account row (so the per-account limit
 * holds under concurrency) and each uploaded file's row (so the purge cannot remove a file being claimed).
 */
public final class FirmwareService {
    private final ProductRepository products;
    private final FirmwareRepository firmware;
    private final UploadRepository uploads;
    private final UploadService uploadService;
    private final int packageLimit;

    public FirmwareService(ProductRepository products, FirmwareRepository firmware, UploadRepository uploads,
                           UploadService uploadService, int packageLimit) {
        this.products = products;
        this.firmware = firmware;
        this.uploads = uploads;
        this.uploadService = uploadService;
        this.packageLimit = packageLimit;
    }

    /** DeleteOTAModule's question, answered from the packages table inside its transaction. */
    public ModuleUsage moduleUsage() {
        return firmware::moduleHasPackages;
    }

    public Firmware create(String accountId, String instanceId, NewFirmware spec, long now) {
        FirmwareRules.name(spec.name());
        FirmwareRules.version("DestVersion", spec.destVersion());
        int type = spec.type() == null ? 0 : spec.type();
        if (type != 0 && type != 1) {
            throw new ApiException(ErrorCode.FIRMWARE_TYPE_INVALID);
        }
        String srcVersion = spec.srcVersion() == null || spec.srcVersion().isEmpty() ? null : spec.srcVersion();
        if (srcVersion != null) {
            FirmwareRules.version("SrcVersion", srcVersion);
        }
        if (type == 1 && srcVersion == null) {
            throw new ApiException(ErrorCode.FIRMWARE_SRC_VERSION_NULL);
        }
        if (type == 1 && srcVersion.equals(spec.destVersion())) {
            throw new ApiException(ErrorCode.FIRMWARE_SAME_VERSIONS);
        }
        String description = FirmwareRules.description(spec.description());
        String udi = FirmwareRules.udi(spec.udi());
        String signMethod = FirmwareRules.signMethod(spec.signMethod());
        String protocol = FirmwareRules.downloadProtocol(spec.downloadProtocol());
        String moduleName = spec.moduleName() == null || spec.moduleName().isEmpty() ? OtaModule.DEFAULT : spec.moduleName();
        FirmwareRules.moduleName(moduleName);
        List<NewFirmware.FileSpec> files = fileSpecs(spec);
        if (protocol.equals("MQTT") && files.size() != 1) {
            throw new ApiException(ErrorCode.FIRMWARE_DOWNLOAD_PROTOCOL_INVALID,
                    "The MQTT download protocol carries exactly one file; use HTTPS for multi-file packages.");
        }
        boolean multi = spec.multiFiles() != null && !spec.multiFiles().isEmpty();
        int status = Boolean.FALSE.equals(spec.needToVerify()) ? Firmware.STATUS_NO_VERIFICATION : Firmware.STATUS_UNVERIFIED;
        try {
            return firmware.jdbi().inTransaction(h -> {
                Product product = products.find(h, accountId, instanceId, requireProductKey(spec.productKey()), true)
                        .orElseThrow(() -> new ApiException(ErrorCode.PRODUCT_NOT_FOUND));
                String module = moduleName.equalsIgnoreCase(OtaModule.DEFAULT) ? OtaModule.DEFAULT
                        : firmware.moduleName(h, product.id(), moduleName)
                        .orElseThrow(() -> new ApiException(ErrorCode.MODULE_NOT_FOUND));
                firmware.lockAccount(h, accountId);
                if (firmware.countByAccount(h, accountId) >= packageLimit) {
                    throw new ApiException(ErrorCode.FIRMWARE_COUNT_EXCEEDED, packageLimit);
                }
                if (firmware.nameTaken(h, accountId, spec.name(), -1)) {
                    throw new ApiException(ErrorCode.FIRMWARE_NAME_EXISTS);
                }
                List<FirmwareFile> stored = new ArrayList<>();
                for (int i = 0; i < files.size(); i++) {
                    stored.add(claim(h, accountId, files.get(i), multi ? i + 1 : 0, multi, signMethod, protocol));
                }
                Firmware created = new Firmware(0, Ids.alnum(26), accountId, instanceId, product.id(),
                        product.productKey(), product.name(), module, spec.name(), description, spec.destVersion(),
                        srcVersion, type, status, 0, signMethod, udi, protocol, multi, now, now, stored);
                firmware.insert(h, created);
                return created;
            });
        } catch (RuntimeException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new ApiException(ErrorCode.FIRMWARE_NAME_EXISTS);
            }
            throw e;
        }
    }

    private static String requireProductKey(String productKey) {
        if (productKey.isEmpty()) {
            throw new ApiException(ErrorCode.PRODUCT_KEY_NULL);
        }
        return productKey;
    }

    /** The package's files: FirmwareUrl (one file) or MultiFiles.N (up to 20, unique names), never both. */
    private static List<NewFirmware.FileSpec> fileSpecs(NewFirmware spec) {
        boolean single = spec.firmwareUrl() != null && !spec.firmwareUrl().isEmpty();
        List<NewFirmware.FileSpec> multi = spec.multiFiles() == null ? List.of() : spec.multiFiles();
        if (single && !multi.isEmpty()) {
            throw new ApiException(ErrorCode.FIRMWARE_FILES_INVALID,
                    "Give either FirmwareUrl (a single file) or MultiFiles.N (several files), not both.");
        }
        if (single) {
            return List.of(new NewFirmware.FileSpec(null, spec.firmwareUrl(), spec.firmwareSize(),
                    null, spec.firmwareSign()));
        }
        if (multi.isEmpty()) {
            throw new ApiException(ErrorCode.FIRMWARE_URL_NULL);
        }
        if (multi.size() > FirmwareRules.MAX_FILES) {
            throw new ApiException(ErrorCode.FIRMWARE_FILES_INVALID,
                    "A package has at most " + FirmwareRules.MAX_FILES + " files; MultiFiles has " + multi.size() + ".");
        }
        Set<String> names = new HashSet<>();
        for (NewFirmware.FileSpec file : multi) {
            if (file.name() == null || file.name().isEmpty() || FirmwareRules.length(file.name()) > FirmwareRules.MAX_FILE_NAME) {
                throw new ApiException(ErrorCode.FIRMWARE_FILES_INVALID,
                        "Every MultiFiles.N.Name must be 1 to " + FirmwareRules.MAX_FILE_NAME + " characters.");
            }
            if (!names.add(file.name())) {
                throw new ApiException(ErrorCode.FIRMWARE_FILES_INVALID,
                        "MultiFiles names must be unique; \"" + file.name() + "\" appears twice.");
            }
            if (file.url() == null || file.url().isEmpty()) {
                throw new ApiException(ErrorCode.FIRMWARE_FILES_INVALID,
                        "MultiFiles.N.Url is required for every file (\"" + file.name() + "\" has none).");
            }
        }
        return multi;
    }

    /** Binds an uploaded file to the package after checking what the caller claims about it. */
    private FirmwareFile claim(Handle h, String accountId, NewFirmware.FileSpec spec, int position, boolean multi,
                               String signMethod, String protocol) {
        String urlParam = multi ? "MultiFiles." + position + ".Url" : "FirmwareUrl";
        String key = PublicUrls.keyOf(spec.url()).filter(k -> k.startsWith("ota/" + accountId + "/"))
                .orElseThrow(() -> new ApiException(ErrorCode.FIRMWARE_URL_INVALID, urlParam));
        Upload upload = uploads.lock(h, key).filter(u -> u.accountId().equals(accountId) && u.isUploaded())
                .orElseThrow(() -> new ApiException(ErrorCode.FIRMWARE_URL_INVALID, urlParam));
        String sign = signMethod.equals("MD5") ? upload.md5() : upload.sha256();
        String fileLabel = multi ? " \"" + spec.name() + "\"" : "";
        if (spec.size() != null && spec.size() != upload.size()) {
            throw new ApiException(ErrorCode.FIRMWARE_SIZE_MISMATCH, multi ? "MultiFiles." + position + ".Size"
                    : "FirmwareSize", fileLabel, upload.size());
        }
        if (spec.fileMd5() != null && !spec.fileMd5().isEmpty() && !spec.fileMd5().equalsIgnoreCase(upload.md5())) {
            throw new ApiException(ErrorCode.FIRMWARE_SIGN_MISMATCH, "MultiFiles." + position + ".FileMd5", "MD5", fileLabel);
        }
        if (spec.signValue() != null && !spec.signValue().isEmpty() && !spec.signValue().equalsIgnoreCase(sign)) {
            throw new ApiException(ErrorCode.FIRMWARE_SIGN_MISMATCH, multi ? "MultiFiles." + position + ".SignValue"
                    : "FirmwareSign", signMethod, fileLabel);
        }
        if (protocol.equals("MQTT") && upload.size() > FirmwareRules.MAX_MQTT_BYTES) {
            throw new ApiException(ErrorCode.FIRMWARE_DOWNLOAD_PROTOCOL_INVALID,
                    "The MQTT download protocol carries files of at most 16 MB; this one has " + upload.size()
                            + " bytes. Use HTTPS.");
        }
        uploads.markUsed(h, key);
        return new FirmwareFile(position, multi ? spec.name() : null, key, upload.size(), upload.md5(), sign);
    }

    public Firmware query(String accountId, String instanceId, String firmwareId) {
        return findOwn(accountId, instanceId, firmwareId);
    }

    public record Page(List<Firmware> items, int total) {
    }

    public Page list(String accountId, String instanceId, String productKey, String destVersion, int page, int size) {
        Long productId = null;
        if (productKey != null && !productKey.isEmpty()) {
            productId = products.find(accountId, instanceId, productKey)
                    .orElseThrow(() -> new ApiException(ErrorCode.PRODUCT_NOT_FOUND)).id();
        }
        String version = destVersion == null || destVersion.isEmpty() ? null : destVersion;
        int total = firmware.count(accountId, instanceId, productId, version);
        return new Page(firmware.list(accountId, instanceId, productId, version, (page - 1) * size, size), total);
    }

    /** Deletes the package; its files go too once no other package uses them. */
    public void delete(String accountId, String instanceId, String firmwareId) {
        List<String> released = firmware.jdbi().inTransaction(h -> {
            Firmware found = lockOwn(h, accountId, instanceId, firmwareId);
            firmware.delete(h, found.pk());
            return releaseUnused(h, found.files().stream().map(FirmwareFile::blobKey).toList());
        });
        uploadService.deleteQueued(released);
    }

    /**
     * DeleteProduct's part (a {@code ProductService.DeletionHook}): in its transaction the product's packages go,
     * with every file of theirs that no other product's package shares; the files leave the blob store once the
     * deletion committed.
     */
    public Runnable deleteProductPackages(Handle h, Product product) {
        List<String> keys = firmware.blobKeysOfProduct(h, product.id());
        firmware.deleteOfProduct(h, product.id());
        List<String> released = releaseUnused(h, keys);
        return () -> uploadService.deleteQueued(released);
    }

    /**
     * In the transaction that deleted packages: each of their files that no package refers to any more loses its
     * upload row (so no new package can claim it) and is queued for deletion, all in that transaction; the caller
     * deletes the queued files after the commit. A crash in between leaves them queued, never a row without its
     * file. @return the queued keys
     */
    private List<String> releaseUnused(Handle h, List<String> keys) {
        List<String> released = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (String key : new LinkedHashSet<>(keys)) {
            uploads.lock(h, key); // a CreateOTAFirmware claiming it commits before or finds the row gone
            if (!firmware.blobReferenced(h, key)) {
                uploads.delete(h, key);
                uploads.queueGarbage(h, key, now);
                released.add(key);
            }
        }
        return released;
    }

    /** ModifyOTAFirmware: name, description and UDI; null leaves a field, "" clears description and UDI. */
    public void modify(String accountId, String instanceId, String firmwareId, String productKey, String name,
                       String description, String udi, long now) {
        if (name != null) {
            FirmwareRules.name(name);
        }
        if (description != null && !description.isEmpty()) {
            FirmwareRules.description(description);
        }
        if (udi != null && !udi.isEmpty()) {
            FirmwareRules.udi(udi);
        }
        requireProductKey(productKey);
        try {
            firmware.jdbi().useTransaction(h -> {
                Firmware found = lockOwn(h, accountId, instanceId, firmwareId);
                if (!found.productKey().equals(productKey)) {
                    throw new ApiException(ErrorCode.FIRMWARE_PRODUCT_MISMATCH);
                }
                if (name != null && firmware.nameTaken(h, accountId, name, found.pk())) {
                    throw new ApiException(ErrorCode.FIRMWARE_NAME_EXISTS);
                }
                firmware.update(h, found.pk(), name, description, udi, now);
            });
        } catch (RuntimeException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new ApiException(ErrorCode.FIRMWARE_NAME_EXISTS);
            }
            throw e;
        }
    }

    private Firmware findOwn(String accountId, String instanceId, String firmwareId) {
        return visible(firmware.find(accountId, firmwareId), instanceId);
    }

    private Firmware lockOwn(Handle h, String accountId, String instanceId, String firmwareId) {
        return visible(firmware.find(h, accountId, firmwareId, true), instanceId);
    }

    /** Another account's package, or one of another instance, is simply not found. */
    private static Firmware visible(Optional<Firmware> found, String instanceId) {
        return found.filter(f -> f.instanceId().equals(instanceId))
                .orElseThrow(() -> new ApiException(ErrorCode.FIRMWARE_NOT_FOUND));
    }
}
