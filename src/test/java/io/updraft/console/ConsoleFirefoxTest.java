package io.updraft.console;

import io.updraft.testing.NodeProject;
import io.updraft.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.updraft.console.ConsoleBrowserTest.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in Debian's Firefox ESR (headless), driven by puppeteer-core over WebDriver BiDi
 * ({@code src/test/console/console.firefox.mjs}): V3 sign-in, a product and the API's validation error, a package
 * upload to 100 %, and a V1 call from the API Explorer. {@link ConsoleBrowserTest} covers every scenario in Chromium.
 */
class ConsoleFirefoxTest {
    @Test
    void signingUploadAndExplorerWorkInFirefox() throws Exception {
        assertThat(Path.of("/usr/bin/firefox-esr")).as("Debian's firefox-esr (apt-get install firefox-esr; .ci/run does)")
                .isExecutable();
        Path dir = Path.of("target", "test-data", "console-firefox-" + UUID.randomUUID()).toAbsolutePath();
        TestServer server = TestServer.start(dir, ConsoleBrowserTest.bootstrap(dir));
        try {
            Path project = NodeProject.install("src/test/console", "target/console-browser", ConsoleBrowserTest.FILES,
                    "puppeteer-core");
            ProcessBuilder builder = new ProcessBuilder(NodeProject.nodeCommand(), "console.firefox.mjs")
                    .directory(project.toFile()).redirectErrorStream(true);
            builder.environment().putAll(Map.of(
                    "CONSOLE_URL", "http://127.0.0.1:" + server.port() + "/console/",
                    "ROOT_ID", ROOT.id(), "ROOT_SECRET", ROOT.secret(),
                    "WORK", Files.createDirectories(dir.resolve("firefox")).toString()));
            Process node = builder.start();
            node.getOutputStream().close();
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!node.waitFor(1, TimeUnit.MINUTES)) {
                node.destroyForcibly();
            }
            assertThat(node.exitValue()).as(output).isZero();
            assertThat(output.lines().toList()).as(output).containsAll(List.of("PASS firefox sign-in V3",
                    "PASS firefox product and validation error", "PASS firefox upload progress reached 100",
                    "PASS firefox explorer V1"));
        } finally {
            server.close();
        }
    }
}
