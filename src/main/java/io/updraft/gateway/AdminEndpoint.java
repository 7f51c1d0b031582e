package io.updraft.gateway;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.updraft.account.AccountAdminService;
import io.updraft.account.BootstrapDocument;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code POST /admin/apply}: applies a bootstrap document to the running server, for the operator's CLI. Answers
 * only loopback clients that present the token from the data dir ({@code admin.token}, mode 0600).
 */
public final class AdminEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private final AccountAdminService admin;
    private final byte[] token;

    public AdminEndpoint(AccountAdminService admin, String token) {
        this.admin = admin;
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    public void apply(Context ctx) {
        ctx.contentType("application/json;charset=utf-8");
        if (!isLoopback(ctx.req().getRemoteAddr())) {
            ctx.status(403).result("{\"error\":\"the admin endpoint answers loopback clients only\"}");
            return;
        }
        String presented = ctx.header("Authorization");
        byte[] expected = ("Bearer " + new String(token, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        if (presented == null || !MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
            ctx.status(401).result("{\"error\":\"missing or wrong admin token\"}");
            return;
        }
        try {
            admin.apply(JSON.readValue(ctx.bodyAsBytes(), BootstrapDocument.class));
            ctx.result("{\"applied\":true}");
        } catch (IllegalArgumentException | java.io.IOException e) {
            ctx.status(400).result(JSON.createObjectNode().put("error", e.getMessage()).toString());
        }
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
