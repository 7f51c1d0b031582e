package io.updraft.api.ota;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.iot.model.v20180120.CreateOTAModuleRequest;
import com.aliyuncs.iot.model.v20180120.CreateOTAModuleResponse;
import com.aliyuncs.iot.model.v20180120.CreateProductRequest;
import com.aliyuncs.iot.model.v20180120.CreateProductResponse;
import com.aliyuncs.iot.model.v20180120.DeleteOTAModuleRequest;
import com.aliyuncs.iot.model.v20180120.DeleteOTAModuleResponse;
import com.aliyuncs.iot.model.v20180120.ListOTAModuleByProductRequest;
import com.aliyuncs.iot.model.v20180120.ListOTAModuleByProductResponse;
import com.aliyuncs.iot.model.v20180120.UpdateOTAModuleRequest;
import com.aliyuncs.iot.model.v20180120.UpdateOTAModuleResponse;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shorthands for the module tests, all through the old SDK (aliyun-java-sdk-core + aliyun-java-sdk-iot), which
 * returns business failures (HTTP 200, Success:false) as a response and throws only for gateway errors.
 */
final class Modules {
    private Modules() {
    }

    /** A product name no other test uses: letters, digits and _, at most 21 characters. */
    static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    /** Creates a product in the default instance (instanceId null) or the given one; returns its ProductKey. */
    static String createProduct(IAcsClient client, String instanceId) {
        CreateProductRequest request = new CreateProductRequest();
        request.setProductName(uniqueName("otamod"));
        request.setNodeType(0);
        if (instanceId != null) {
            request.setIotInstanceId(instanceId);
        }
        CreateProductResponse response = call(client, request);
        assertThat(response.getSuccess()).as("CreateProduct: %s %s", response.getCode(), response.getErrorMessage())
                .isTrue();
        return response.getProductKey();
    }

    static String createProduct(IAcsClient client) {
        return createProduct(client, null);
    }

    static CreateOTAModuleRequest createRequest(String productKey, String name, String alias, String desc) {
        CreateOTAModuleRequest request = new CreateOTAModuleRequest();
        request.setProductKey(productKey);
        request.setModuleName(name);
        request.setAliasName(alias);
        request.setDesc(desc);
        return request;
    }

    static CreateOTAModuleResponse create(IAcsClient client, String productKey, String name, String alias, String desc) {
        return call(client, createRequest(productKey, name, alias, desc));
    }

    static CreateOTAModuleResponse create(IAcsClient client, String productKey, String name) {
        return create(client, productKey, name, null, null);
    }

    /** Creates a module and fails the test unless that succeeded. */
    static void createOk(IAcsClient client, String productKey, String name, String alias, String desc) {
        CreateOTAModuleResponse response = create(client, productKey, name, alias, desc);
        assertThat(response.getSuccess()).as("CreateOTAModule %s: %s %s", name, response.getCode(),
                response.getErrorMessage()).isTrue();
    }

    static UpdateOTAModuleRequest updateRequest(String productKey, String name, String alias, String desc) {
        UpdateOTAModuleRequest request = new UpdateOTAModuleRequest();
        request.setProductKey(productKey);
        request.setModuleName(name);
        request.setAliasName(alias);
        request.setDesc(desc);
        return request;
    }

    static UpdateOTAModuleResponse update(IAcsClient client, String productKey, String name, String alias, String desc) {
        return call(client, updateRequest(productKey, name, alias, desc));
    }

    static DeleteOTAModuleRequest deleteRequest(String productKey, String name) {
        DeleteOTAModuleRequest request = new DeleteOTAModuleRequest();
        request.setProductKey(productKey);
        request.setModuleName(name);
        return request;
    }

    static DeleteOTAModuleResponse delete(IAcsClient client, String productKey, String name) {
        return call(client, deleteRequest(productKey, name));
    }

    static ListOTAModuleByProductRequest listRequest(String productKey) {
        ListOTAModuleByProductRequest request = new ListOTAModuleByProductRequest();
        request.setProductKey(productKey);
        return request;
    }

    static ListOTAModuleByProductResponse listResponse(IAcsClient client, String productKey) {
        return call(client, listRequest(productKey));
    }

    /** The product's modules; fails the test unless the call succeeded. */
    static List<ListOTAModuleByProductResponse.OtaModuleDTO> list(IAcsClient client, String productKey) {
        ListOTAModuleByProductResponse response = listResponse(client, productKey);
        assertThat(response.getSuccess()).as("ListOTAModuleByProduct: %s %s", response.getCode(),
                response.getErrorMessage()).isTrue();
        assertThat(response.getData()).as("Data").isNotNull();
        return response.getData();
    }

    static List<String> names(IAcsClient client, String productKey) {
        return list(client, productKey).stream().map(ListOTAModuleByProductResponse.OtaModuleDTO::getModuleName).toList();
    }

    /** "ok", or the business error Code of a module Action's response. */
    static String outcome(Object response) {
        Boolean success;
        String code;
        if (response instanceof CreateOTAModuleResponse r) {
            success = r.getSuccess(); code = r.getCode();
        } else if (response instanceof UpdateOTAModuleResponse r) {
            success = r.getSuccess(); code = r.getCode();
        } else if (response instanceof DeleteOTAModuleResponse r) {
            success = r.getSuccess(); code = r.getCode();
        } else if (response instanceof ListOTAModuleByProductResponse r) {
            success = r.getSuccess(); code = r.getCode();
        } else {
            throw new IllegalArgumentException(String.valueOf(response));
        }
        return Boolean.TRUE.equals(success) ? "ok" : code;
    }

    static <T extends com.aliyuncs.AcsResponse> T call(IAcsClient client, com.aliyuncs.AcsRequest<T> request) {
        try {
            return client.getAcsResponse(request);
        } catch (ClientException e) {
            throw new AssertionError("unexpected " + e.getErrCode() + ": " + e.getErrMsg(), e);
        }
    }

    /** The gateway error a call raises (the old SDK throws ClientException for HTTP 4xx). */
    static ClientException gatewayError(IAcsClient client, com.aliyuncs.AcsRequest<?> request) {
        try {
            client.getAcsResponse(request);
        } catch (ClientException e) {
            return e;
        }
        throw new AssertionError("expected a gateway error from " + request.getSysActionName());
    }
}
