package io.updraft.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a run was measured on; load averages from /proc/loadavg at the start and the end of the run. */
public record Machine(int cores, String cpu, long memoryMib, String jdk, String os, String loadAtStart,
                      String loadAtEnd) {

    public static Machine describe(String loadAtStart) {
        return new Machine(Runtime.getRuntime().availableProcessors(), cpuModel(), totalMemoryMib(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"), loadAtStart, loadAverage());
    }

    /** The 1-, 5- and 15-minute load averages, e.g. {@code "3.05 3.75 4.82"}. */
    public static String loadAverage() {
        String all = read("/proc/loadavg");
        String[] fields = all.trim().split("\\s+");
        return fields.length < 3 ? "unknown" : fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static String cpuModel() {
        return read("/proc/cpuinfo").lines().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
    }

    private static long totalMemoryMib() {
        return read("/proc/meminfo").lines().filter(l -> l.startsWith("MemTotal:")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).orElse(-1L);
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }
}
