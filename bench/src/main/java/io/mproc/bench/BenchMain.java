package io.mproc.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs every benchmark of the project and prints one table: mproc's figure, Python multiprocessing's measured in
 * the same run, an in-process Java thread pool's, and the ratios. Also writes the table as JSON. Run it with
 * {@code bench/run} from the repository root.
 */
public final class BenchMain {

    private BenchMain() {
    }

    /**
     * Arguments: the repository root, then optionally the sections to run ({@code pool shared scaling metrics
     * process}; all by default), or {@code sweep N,N,...} for {@link ScalingSweep} alone.
     */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        PythonFigures python = new PythonFigures(root.resolve("bench/python"));
        List<String> sections = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        if (!sections.isEmpty() && sections.get(0).equals("sweep")) {
            new ScalingSweep(python).run(Arrays.stream(sections.get(1).split(",")).mapToInt(Integer::parseInt)
                    .toArray());
            return;
        }
        Map<String, Section> all = new LinkedHashMap<>();
        all.put("pool", () -> new PoolBenchmarks(python).run());
        all.put("shared", () -> new SharedMemoryBenchmarks(python).run());
        all.put("scaling", () -> new ScalingBenchmarks(python).run());
        all.put("metrics", () -> new MetricsCostBenchmarks().run());
        all.put("process", () -> new ProcessBenchmarks(python).run());
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Section> section : all.entrySet()) {
            if (sections.isEmpty() || sections.contains(section.getKey())) {
                rows.addAll(section.getValue().run());
            }
        }
        print(rows);
        Path json = root.resolve("bench/results/" + (sections.isEmpty() ? "bench" : "bench-" + String.join("-", sections))
                + ".json");
        Files.createDirectories(json.getParent());
        Files.writeString(json, toJson(rows));
        System.out.println("written: " + json);
    }

    @FunctionalInterface
    private interface Section {
        List<Row> run() throws Exception;
    }

    private static void print(List<Row> rows) {
        int nameWidth = rows.stream().mapToInt(row -> row.name().length()).max().orElse(0);
        String format = "%-" + nameWidth + "s %-8s %12s %12s %9s %12s %9s %10s%n";
        System.out.printf(Locale.ROOT, format, "figure", "unit", "mproc", "python", "vs python", "java threads",
                "vs thrds", "target");
        for (Row row : rows) {
            System.out.printf(Locale.ROOT, format, row.name(), row.unit(), number(row.mproc()), number(row.python()),
                    ratio(row.versusPython()), number(row.threads()), ratio(row.versusThreads()), row.target());
        }
        System.out.println("ratios: how many times better mproc is (above 1: mproc is better)");
    }

    private static String toJson(List<Row> rows) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("figure", row.name());
            entry.put("unit", row.unit());
            entry.put("mproc", finite(row.mproc()));
            entry.put("python", finite(row.python()));
            entry.put("versusPython", finite(row.versusPython()));
            entry.put("javaThreads", finite(row.threads()));
            entry.put("versusJavaThreads", finite(row.versusThreads()));
            entry.put("higherIsBetter", row.higherIsBetter());
            entry.put("target", row.target());
            entries.add(entry);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("cpus", Runtime.getRuntime().availableProcessors());
        document.put("java", System.getProperty("java.version"));
        document.put("rows", entries);
        return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(document);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static String number(double value) {
        if (!Double.isFinite(value)) {
            return "-";
        }
        if (value >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", value / 1e6);
        }
        if (value >= 1e4) {
            return String.format(Locale.ROOT, "%.1fk", value / 1e3);
        }
        if (value < 10) {
            return String.format(Locale.ROOT, "%.3g", value);
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String ratio(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2fx", value) : "-";
    }
}
