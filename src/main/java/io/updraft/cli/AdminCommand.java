package io.updraft.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.updraft.store.Ids;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Operator commands for a running server: each builds a bootstrap document and POSTs it to the loopback-only
 * admin endpoint with the token from the data dir. Applying is idempotent, like the bootstrap file.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Change accounts, AccessKeys, instances and RAM users of a running server.",
        subcommands = {AdminCommand.Apply.class, AdminCommand.AddAccount.class, AdminCommand.AddKey.class,
                AdminCommand.AddRamUser.class})
public final class AdminCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    static class Target {
        @Option(names = "--data-dir", defaultValue = "${env:UPDRAFT_DATA_DIR:-data}",
                description = "The server's data dir, for admin.token (default ${DEFAULT-VALUE}).")
        Path dataDir;

        @Option(names = "--http-port", defaultValue = "${env:UPDRAFT_HTTP_PORT:-8080}",
                description = "The server's HTTP port on 127.0.0.1 (default ${DEFAULT-VALUE}).")
        int httpPort;

        int send(String document) throws IOException, InterruptedException {
            String token = Files.readString(dataDir.resolve("admin.token")).trim();
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
                            .uri(URI.create("http://127.0.0.1:" + httpPort + "/admin/apply"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(document)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                System.err.println("refused (" + response.statusCode() + "): " + response.body());
                return 1;
            }
            return 0;
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true, description = "Apply a bootstrap-format JSON file.")
    static final class Apply extends Target implements Callable<Integer> {
        @Parameters(index = "0", description = "The JSON file.")
        Path file;

        @Override
        public Integer call() throws Exception {
            return send(Files.readString(file));
        }
    }

    @Command(name = "add-account", mixinStandardHelpOptions = true,
            description = "Create an account (or add instances to it) with a new root AccessKey.")
    static final class AddAccount extends Target implements Callable<Integer> {
        @Option(names = "--name", required = true) String name;
        @Option(names = "--instance", description = "Instance ID to add (repeatable).") List<String> instances;
        @Option(names = "--no-key", description = "Do not create an AccessKey.") boolean noKey;

        @Override
        public Integer call() throws Exception {
            ObjectNode account = JSON.createObjectNode().put("name", name);
            if (instances != null) {
                instances.forEach(account.putArray("instances")::add);
            }
            return sendWithKey(this, account, noKey);
        }
    }

    @Command(name = "add-key", mixinStandardHelpOptions = true,
            description = "Create an AccessKey for an account's root or one of its RAM users, or change a key's status.")
    static final class AddKey extends Target implements Callable<Integer> {
        @Option(names = "--account", required = true) String account;
        @Option(names = "--ram-user") String ramUser;
        @Option(names = "--access-key-id", description = "Existing or new ID (default: generated).") String keyId;
        @Option(names = "--access-key-secret", description = "Secret (default: generated).") String keySecret;
        @Option(names = "--inactive", description = "Create or set the key Inactive.") boolean inactive;

        @Override
        public Integer call() throws Exception {
            ObjectNode doc = JSON.createObjectNode();
            ObjectNode acc = doc.putArray("accounts").addObject().put("name", account);
            ObjectNode holder = ramUser == null ? acc : acc.putArray("ramUsers").addObject().put("name", ramUser);
            String id = keyId == null ? Ids.accessKeyId() : keyId;
            String secret = keySecret == null ? Ids.secret(30) : keySecret;
            holder.putArray("accessKeys").addObject().put("accessKeyId", id).put("accessKeySecret", secret)
                    .put("status", inactive ? "Inactive" : "Active");
            int exit = send(doc.toString());
            if (exit == 0) {
                System.out.println("AccessKeyId: " + id + "\nAccessKeySecret: " + secret);
            }
            return exit;
        }
    }

    @Command(name = "add-ram-user", mixinStandardHelpOptions = true,
            description = "Create a RAM user (or replace its policy) with a new AccessKey.")
    static final class AddRamUser extends Target implements Callable<Integer> {
        @Option(names = "--account", required = true) String account;
        @Option(names = "--name", required = true) String name;
        @Option(names = "--policy", required = true, description = "RAM policy JSON, or @file.") String policy;
        @Option(names = "--no-key", description = "Do not create an AccessKey.") boolean noKey;

        @Override
        public Integer call() throws Exception {
            String text = policy.startsWith("@") ? Files.readString(Path.of(policy.substring(1))) : policy;
            ObjectNode doc = JSON.createObjectNode();
            ObjectNode user = doc.putArray("accounts").addObject().put("name", account)
                    .putArray("ramUsers").addObject().put("name", name);
            user.set("policy", JSON.readTree(text));
            return sendWithKey(this, doc, user, noKey);
        }
    }

    private static int sendWithKey(Target target, ObjectNode account, boolean noKey) throws Exception {
        ObjectNode doc = JSON.createObjectNode();
        ((ArrayNode) doc.putArray("accounts")).add(account);
        return sendWithKey(target, doc, account, noKey);
    }

    private static int sendWithKey(Target target, ObjectNode doc, ObjectNode holder, boolean noKey) throws Exception {
        String id = Ids.accessKeyId();
        String secret = Ids.secret(30);
        if (!noKey) {
            holder.putArray("accessKeys").addObject().put("accessKeyId", id).put("accessKeySecret", secret);
        }
        int exit = target.send(doc.toString());
        if (exit == 0 && !noKey) {
            System.out.println("AccessKeyId: " + id + "\nAccessKeySecret: " + secret);
        }
        return exit;
    }
}
