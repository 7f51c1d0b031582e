package io.updraft.device;

import io.updraft.cluster.NodeIdentity;
import io.updraft.error.ApiException;
import io.updraft.error.ErrorCode;
import io.updraft.product.Product;
import io.updraft.product.ProductRepository;
import io.updraft.store.Ids;
import io.updraft.store.SqlErrors;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Optional;

/**
 * The device registry as the API sees it (ota-api.md §D): registration, lookup by IotId or ProductKey + DeviceName
 * within the caller's account and instance, paging, deletion (which also deletes the device's reported versions).
 */
public final class DeviceService {
    public static final int MAX_QUERY_PAGE_SIZE = 50;
    private final ProductRepository products;
    private final DeviceRepository devices;
    private final DeviceSessions sessions;
    private final NodeIdentity node;

    /** Without a device channel: for tests of the registry and of authentication. */
    public DeviceService(ProductRepository products, DeviceRepository devices) {
        this(products, devices, DeviceSessions.NONE, new NodeIdentity("standalone"));
    }

    /** @param node the node this runs on: it holds the connections {@code sessions} can end */
    public DeviceService(ProductRepository products, DeviceRepository devices, DeviceSessions sessions,
                         NodeIdentity node) {
        this.products = products;
        this.devices = devices;
        this.sessions = sessions;
        this.node = node;
    }

    /** @param deviceName null or empty: a random name, as Alibaba does */
    public Device register(String accountId, String instanceId, String productKey, String deviceName, String nickname) {
        Product product = product(accountId, instanceId, productKey);
        String name = deviceName == null || deviceName.isEmpty() ? Ids.deviceName() : deviceName;
        if (!DeviceNames.isValidName(name)) {
            throw new ApiException(ErrorCode.DEVICE_NAME_INVALID);
        }
        String nick = nickname == null || nickname.isEmpty() ? null : nickname;
        if (nick != null && !DeviceNames.isValidNickname(nick)) {
            throw new ApiException(ErrorCode.INVALID_FORMATTED_PARAMETER,
                    "Nickname must be 4 to 64 characters of letters, digits, underscores (_) and Chinese characters "
                            + "(a Chinese character counts as 2).");
        }
        try {
            devices.insert(product.id(), Ids.iotId(), name, nick, Ids.deviceSecret(), System.currentTimeMillis());
        } catch (RuntimeException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new ApiException(ErrorCode.DEVICE_NAME_EXISTS);
            }
            throw e;
        }
        return devices.findByName(accountId, instanceId, product.productKey(), name)
                .orElseThrow(() -> new ApiException(ErrorCode.DEVICE_NOT_FOUND));
    }

    public Device get(String accountId, String instanceId, DeviceRef ref) {
        if (ref.byIotId()) {
            if (!DeviceNames.isWellFormedIotId(ref.iotId())) {
                throw new ApiException(ErrorCode.DEVICE_IOT_ID_INVALID);
            }
            return devices.findByIotId(accountId, instanceId, ref.iotId())
                    .orElseThrow(() -> new ApiException(ErrorCode.DEVICE_NOT_FOUND));
        }
        boolean hasKey = ref.productKey() != null && !ref.productKey().isEmpty();
        boolean hasName = ref.deviceName() != null && !ref.deviceName().isEmpty();
        if (!hasKey && !hasName) {
            throw new ApiException(ErrorCode.DEVICE_NOT_NAMED);
        }
        if (!hasKey) {
            throw new ApiException(ErrorCode.PRODUCT_KEY_NULL);
        }
        if (!hasName) {
            throw new ApiException(ErrorCode.DEVICE_NAME_NULL);
        }
        return devices.findByName(accountId, instanceId, ref.productKey(), ref.deviceName())
                .orElseThrow(() -> new ApiException(ErrorCode.DEVICE_NOT_FOUND));
    }

    public record Page(List<Device> devices, int total) {
    }

    public Page list(String accountId, String instanceId, String productKey, int currentPage, int pageSize) {
        if (currentPage < 1 || pageSize < 1 || pageSize > MAX_QUERY_PAGE_SIZE) {
            throw new ApiException(ErrorCode.INVALID_PAGE_PARAMS,
                    "CurrentPage must be at least 1 and PageSize between 1 and " + MAX_QUERY_PAGE_SIZE + ".");
        }
        Product product = product(accountId, instanceId, productKey);
        long offset = (long) (currentPage - 1) * pageSize;
        int total = devices.count(product.id());
        return new Page(offset >= total ? List.of() : devices.list(product.id(), (int) offset, pageSize), total);
    }

    /** The device certificate stops working at once: the device channel finds no device to authenticate. */
    public void delete(String accountId, String instanceId, DeviceRef ref) {
        Device device = get(accountId, instanceId, ref);
        devices.askHolderElsewhereToDisconnect(device.id(), node.id(), System.currentTimeMillis());
        if (!devices.delete(device.id())) {
            throw new ApiException(ErrorCode.DEVICE_NOT_FOUND);
        }
        // After the commit: the certificate is invalid now, so its open connection goes too.
        sessions.end(device.productKey(), device.name());
    }

    /**
     * DeleteProduct's part (a {@code ProductService.DeletionHook}): the devices go with the product by cascade; their
     * open connections end once the deletion committed: other nodes are asked to in the same transaction, this node
     * ends its own after it. Here every device is asked for, not only those the table shows connected here: one that
     * connected a moment ago may not be marked yet, and ending no connection costs nothing.
     */
    public Runnable endProductSessions(Handle h, Product product) {
        devices.askHoldersElsewhereToDisconnectProduct(h, product.id(), node.id(), System.currentTimeMillis());
        List<String> names = devices.names(h, product.id());
        return () -> names.forEach(name -> sessions.end(product.productKey(), name));
    }

    /** For operators and tests until DisableThing/EnableThing exist: a disabled device cannot connect. */
    public void setDisabled(String accountId, String instanceId, DeviceRef ref, boolean disabled) {
        Device device = get(accountId, instanceId, ref);
        devices.setDisabled(device.id(), disabled, System.currentTimeMillis());
        if (disabled) {
            devices.askHolderElsewhereToDisconnect(device.id(), node.id(), System.currentTimeMillis());
            sessions.end(device.productKey(), device.name());
        }
    }

    /** The device channel's lookup: by certificate, across tenants (ProductKeys are globally unique). */
    public Optional<Device> findForConnection(String productKey, String deviceName) {
        return devices.findByName(productKey, deviceName);
    }

    public void connected(Device device, String connectionId, String ipAddress) {
        devices.connected(device.id(), connectionId, node.id(), ipAddress, System.currentTimeMillis());
    }

    public void disconnected(long deviceId, String connectionId) {
        devices.disconnected(deviceId, connectionId);
    }

    private Product product(String accountId, String instanceId, String productKey) {
        if (productKey == null || productKey.isEmpty()) {
            throw new ApiException(ErrorCode.PRODUCT_KEY_NULL);
        }
        return products.find(accountId, instanceId, productKey)
                .orElseThrow(() -> new ApiException(ErrorCode.PRODUCT_NOT_FOUND));
    }
}
