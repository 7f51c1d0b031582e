package io.updraft.testing;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One Prometheus text scrape, parsed: the value of a series by name and labels. */
public record Scrape(Map<String, Map<Map<String, String>, Double>> series) {
    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    public static Scrape parse(String text) {
        Map<String, Map<Map<String, String>, Double>> series = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a Prometheus sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher label = LABEL.matcher(m.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            series.computeIfAbsent(m.group(1), k -> new HashMap<>()).put(labels, Double.parseDouble(m.group(4)));
        }
        return new Scrape(series);
    }

    /** The sum over every series of the name whose labels include {@code labels} (0 when there is none). */
    public double value(String name, String... labels) {
        Map<String, String> wanted = new HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return series.getOrDefault(name, Map.of()).entrySet().stream()
                .filter(e -> e.getKey().entrySet().containsAll(wanted.entrySet()))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    public boolean has(String name) {
        return series.containsKey(name);
    }
}
