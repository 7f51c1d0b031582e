package io.updraft.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** The measurements docs/reliability.md reports, appended to {@code target/reliability-figures.txt} as tests run. */
final class Figures {
    private static final Path FILE = Path.of("target", "reliability-figures.txt");

    private Figures() {
    }

    static synchronized void report(String test, String format, Object... args) {
        String line = Instant.now() + " " + test + " [" + System.getProperty("updraft.test.store", "h2") + "] "
                + String.format(format, args);
        System.out.println(line);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("cannot record the figure: " + e);
        }
    }
}
