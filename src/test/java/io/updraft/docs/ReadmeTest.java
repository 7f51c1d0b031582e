package io.updraft.docs;

import io.updraft.api.ActionDefinition;
import io.updraft.api.ActionTable;
import io.updraft.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's lists stay true: every served Action and every error code is documented there. */
class ReadmeTest {
    private final String readme = read();

    private static String read() {
        try {
            return Files.readString(Path.of("README.md"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everySupportedActionIsListedWithItsQps() {
        for (ActionDefinition action : ActionTable.unwired().all()) {
            assertThat(readme).contains("| `" + action.name() + "` | " + action.qps() + " |");
        }
    }

    @Test
    void everyErrorCodeIsInTheErrorTable() {
        for (ErrorCode error : ErrorCode.values()) {
            String code = error.code().replace("%s", "<Parameter>");
            assertThat(readme).as(error.name()).contains("`" + code);
        }
    }

    @Test
    void everyServeOptionIsInTheConfigurationReference() {
        picocli.CommandLine.Model.CommandSpec serve =
                new picocli.CommandLine(new io.updraft.cli.ServeCommand()).getCommandSpec();
        for (picocli.CommandLine.Model.OptionSpec option : serve.options()) {
            String name = option.longestName();
            if (name.equals("--help") || name.equals("--version")) {
                continue;
            }
            assertThat(readme).as(name).contains("| `" + name + "` |");
        }
    }
}
