package io.updraft.reliability;

import io.updraft.console.ConsoleBrowserTest;
import io.updraft.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs last (surefire execution {@code log-audit}, phase verify): greps everything the whole test run logged — both
 * stores' surefire output and the logs of the server processes the tests started — for the test accounts' secrets.
 */
class LogAuditTest {
    private static final List<TestServer.Key> KEYS = List.of(TestServer.ACME, TestServer.ACME_READER,
            TestServer.ACME_NODELETE, TestServer.ACME_NOBODY, TestServer.ACME_INACTIVE, TestServer.GLOBEX,
            TestServer.LIMITED, TestServer.LIMITED_RAM, TestServer.CAPPED,
            // signed in through the web console: its secrets stay in the browser
            ConsoleBrowserTest.ROOT, ConsoleBrowserTest.LISTER);

    @Test
    void noTestAccountSecretAppearsInAnyLogOfTheRun() throws IOException {
        List<Path> logs = new ArrayList<>();
        for (String dir : List.of("target/surefire-reports", "target/surefire-reports-postgresql", "target/test-data")) {
            Path root = Path.of(dir);
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(f -> f.getFileName().toString().endsWith("-output.txt")
                            || f.getFileName().toString().endsWith(".log")).forEach(logs::add);
                }
            }
        }
        assertThat(logs).as("the audit must have logs to read: run it after the tests").isNotEmpty();
        long bytes = 0;
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.ISO_8859_1);
            bytes += text.length();
            for (TestServer.Key key : KEYS) {
                assertThat(text).as("%s contains the secret of %s", log, key.id()).doesNotContain(key.secret());
            }
        }
        System.out.printf("log audit: %d files, %d bytes, %d secrets, none found%n", logs.size(), bytes, KEYS.size());
    }
}
