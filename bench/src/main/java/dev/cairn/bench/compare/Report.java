package dev.cairn.bench.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Turns a finished {@link Comparison} into the printed table (medians over runs), Cairn's ratio to the
 * best of the others, the verdict on every target of issue 6, and a JSON document of the same.
 */
public final class Report {

    private static final List<String> OTHERS = List.of("restic", "borg");
    /** Steal time during one probed backup from which the report points the reader at medians. */
    private static final double NOTABLE_STEAL_SECONDS = 0.5;

    private final Comparison comparison;
    private final Map<String, Object> json = new LinkedHashMap<>();

    /** A report of {@code comparison}. */
    public Report(Comparison comparison) {
        this.comparison = comparison;
    }

    /** Prints the report to {@code out}. */
    public void print(PrintStream out) {
        CompareSettings s = comparison.settings();
        out.println();
        out.println("=".repeat(100));
        out.printf(Locale.ROOT, "Cairn vs restic vs borg - %s, scale %s (%d files, %s), seed %d, median of %d run(s)%n",
                s.dbGrowth() ? "DB-growth mode" : "full install", Double.toString(s.scale()), comparison.installFiles(),
                bytes(comparison.installBytes()), s.seed(), s.runs());
        out.println("cache: " + comparison.cacheDescription());
        out.println("host memory: " + comparison.hostMemoryDescription());
        out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + bytes(totalMemory()) + " RAM; sizes are apparent bytes of every file in the repository");
        for (BackupTool tool : comparison.tools().values()) {
            out.println("  " + tool.name() + ": " + tool.settingsDescription());
        }
        for (Map.Entry<String, String> e : comparison.unavailable().entrySet()) {
            out.println("  " + e.getKey() + " NOT RUN: " + e.getValue());
        }
        for (Map.Entry<String, List<ToolRun>> e : comparison.runs().entrySet()) {
            e.getValue().stream().map(ToolRun::failure).filter(Objects::nonNull).findFirst()
                    .ifPresent(f -> out.println("  " + e.getKey() + " FAILED: " + f));
        }
        json.put("scale", s.scale());
        json.put("runs", s.runs());
        json.put("seed", s.seed());
        json.put("install_files", comparison.installFiles());
        json.put("install_bytes", comparison.installBytes());
        json.put("cache", comparison.cacheDescription());
        json.put("host_memory", comparison.hostMemoryDescription());
        if (s.dbGrowth()) {
            printDbGrowth(out);
        } else {
            printTable(out);
            printTargets(out);
        }
        out.println("=".repeat(100));
    }

    /** Writes the figures printed by {@link #print} as JSON. */
    public void writeJson(java.nio.file.Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    }

    private void printDbGrowth(PrintStream out) {
        var changes = comparison.dayChanges();
        out.printf(Locale.ROOT, "%nDB incremental (issue 5): %,d-byte SQLite DB, then %s inserts + %s updates, backed up again%n",
                comparison.dbBytes(), changes == null ? "?" : String.format("%,d", changes.dbInserts()),
                changes == null ? "?" : String.format("%,d", changes.dbUpdates()));
        out.printf("%-28s%s%n", "", header());
        Map<String, Object> growth = new LinkedHashMap<>();
        StringBuilder bytesRow = new StringBuilder();
        StringBuilder shareRow = new StringBuilder();
        for (String tool : comparison.tools().keySet()) {
            Double added = median(tool, r -> r.dbGrowthBytes() < 0 ? Double.NaN : r.dbGrowthBytes());
            bytesRow.append(cell(added == null ? "n/a" : bytes(added.longValue())));
            shareRow.append(cell(added == null ? "n/a" : String.format(Locale.ROOT, "%.2f %%", 100 * added / comparison.dbBytes())));
            if (added != null) {
                growth.put(tool, Map.of("bytes_added", added.longValue(), "percent_of_db", 100 * added / comparison.dbBytes()));
            }
        }
        out.printf("%-28s%s%n", "bytes added to repository", bytesRow);
        out.printf("%-28s%s%n", "as % of DB size", shareRow);
        json.put("db_bytes", comparison.dbBytes());
        json.put("db_growth", growth);
    }

    private void printTable(PrintStream out) {
        out.println();
        out.printf("%-34s%s%s%n", "(cpu = user+sys, RSS = peak)", header(), cell("cairn/best other"));
        Map<String, Object> table = new LinkedHashMap<>();
        for (Operation op : Operation.values()) {
            row(out, table, op.label() + " wall", tool -> measured(tool, op, Measurement::wallSeconds), Report::seconds);
            row(out, table, op.label() + " cpu", tool -> measured(tool, op, Measurement::cpuSeconds), Report::seconds);
            row(out, table, op.label() + " RSS", tool -> measured(tool, op, m -> m.peakRssKiB() * 1024.0),
                    v -> bytes(v.longValue()));
        }
        row(out, table, "repository after first backup", tool -> median(tool,
                r -> r.repoBytesAfterFirst() < 0 ? Double.NaN : r.repoBytesAfterFirst()), v -> bytes(v.longValue()));
        row(out, table, "repository after mutation", tool -> median(tool,
                r -> r.repoBytesAfterMutation() < 0 ? Double.NaN : r.repoBytesAfterMutation()), v -> bytes(v.longValue()));
        StringBuilder checks = new StringBuilder();
        for (String tool : comparison.tools().keySet()) {
            List<ToolRun> runs = comparison.runs().get(tool);
            String check = runs.isEmpty() ? "not run" : runs.stream().map(ToolRun::restoreCheck)
                    .filter(c -> !"ok".equals(c)).findFirst().orElse("ok (all runs)");
            checks.append(cell(check.length() > 16 ? check.substring(0, 16) : check));
        }
        out.printf("%-34s%s%n", "restore matches install", checks);
        if (!comparison.cairnStartup().isEmpty()) {
            out.printf(Locale.ROOT, "%-34s%s%n", "cairn --help, steps' cache state", cell(seconds(median(comparison.cairnStartup()))));
            out.printf(Locale.ROOT, "%-34s%s%n", "cairn --help, warm page cache", cell(seconds(median(comparison.cairnStartupWarm()))));
            json.put("cairn_help_seconds", comparison.cairnStartup());
            json.put("cairn_help_warm_seconds", comparison.cairnStartupWarm());
        }
        json.put("medians", table);
        if (comparison.idleFrames() != null) {
            out.println();
            out.printf(Locale.ROOT, "frame-budget probe (60 Hz, %.1f ms CPU/frame), share of frames over 16.67 ms:%n",
                    comparison.idleFrames().workMillis());
            out.printf(Locale.ROOT, "  idle machine (no backup): %.2f %% of %d frames%n", 100 * comparison.idleFrames().overShare(),
                    comparison.idleFrames().frames());
            if (comparison.idleFrames().overShare() > 0.01) {
                out.println("  WARNING: frames miss their budget with no backup running: other load on this machine"
                        + " dominates the figures below; rerun on a quiet machine before comparing them to the 1% target");
            }
            Map<String, Object> frames = new LinkedHashMap<>();
            frames.put("idle", comparison.idleFrames().overShare());
            int probeRuns = 0;
            int stolenRuns = 0;
            for (String tool : comparison.tools().keySet()) {
                List<ProbeResult> probes = comparison.probes().get(tool);
                if (probes.isEmpty()) {
                    out.printf("  %-6s beside its first backup: not measured%n", tool);
                    continue;
                }
                double share = median(probes.stream().map(p -> p.frames().overShare()).toList());
                double wall = median(probes.stream().map(p -> p.backup().wallSeconds()).toList());
                out.printf(Locale.ROOT, "  %-6s beside its first backup: %.2f %% over budget (runs %s %%, p99 %s ms),"
                        + " backup wall %.2f s; steal %s s%n", tool, 100 * share,
                        joined(probes, p -> 100 * p.frames().overShare()), range(probes, p -> p.frames().p99Millis()), wall,
                        joined(probes, p -> p.backup().stealSeconds()));
                List<Map<String, Object>> runs = new ArrayList<>();
                for (ProbeResult p : probes) {
                    Map<String, Object> run = new LinkedHashMap<>();
                    run.put("over_share", p.frames().overShare());
                    run.put("p99_ms", p.frames().p99Millis());
                    run.put("backup_wall_seconds", p.backup().wallSeconds());
                    run.put("steal_seconds", p.backup().stealSeconds());
                    runs.add(run);
                }
                frames.put(tool, Map.of("over_share", share, "backup_wall_seconds", wall, "runs", runs));
                probeRuns += probes.size();
                stolenRuns += (int) probes.stream().filter(p -> p.backup().stealSeconds() >= NOTABLE_STEAL_SECONDS).count();
            }
            json.put("frames", frames);
            if (stolenRuns > 0) {
                out.printf(Locale.ROOT, "  note: in %d of %d probe runs the hypervisor took %.1f s or more of this machine's CPU"
                        + " (steal); frames missed then are not all the tool's: compare medians (docs/PERFORMANCE.md)%n",
                        stolenRuns, probeRuns, NOTABLE_STEAL_SECONDS);
            }
        }
    }

    private void printTargets(PrintStream out) {
        out.println();
        out.println("targets of issue 6 (Cairn vs the others, medians):");
        List<Map<String, String>> verdicts = new ArrayList<>();
        for (Operation op : List.of(Operation.FIRST, Operation.AFTER_MUTATION, Operation.RESTORE)) {
            target(out, verdicts, op.label() + " wall <= 0.5x restic",
                    measured("cairn", op, Measurement::wallSeconds), measured("restic", op, Measurement::wallSeconds), 0.5, "s");
        }
        Double noChange = measured("cairn", Operation.NO_CHANGE, Measurement::wallSeconds);
        Double startup = comparison.cairnStartup().isEmpty() ? null : median(comparison.cairnStartup());
        verdict(out, verdicts, "no-change backup <= 0.5 s beyond JVM start",
                noChange == null || startup == null ? null : noChange - startup <= 0.5,
                noChange == null || startup == null ? "cairn no-change backup not measured"
                        : String.format(Locale.ROOT, "%.2f s - %.2f s start = %.2f s", noChange, startup, noChange - startup));
        target(out, verdicts, "repository after first backup <= 0.95x min(restic, borg)",
                median("cairn", r -> positive(r.repoBytesAfterFirst())), minOther(r -> positive(r.repoBytesAfterFirst())), 0.95, "B");
        target(out, verdicts, "repository after mutation <= 0.95x min(restic, borg)",
                median("cairn", r -> positive(r.repoBytesAfterMutation())), minOther(r -> positive(r.repoBytesAfterMutation())),
                0.95, "B");
        target(out, verdicts, "peak RSS (max over the 4 operations) <= 1.5x restic",
                maxRss("cairn"), maxRss("restic"), 1.5, "B");
        List<ProbeResult> cairnProbes = comparison.probes().getOrDefault("cairn", List.of());
        List<ProbeResult> resticProbes = comparison.probes().getOrDefault("restic", List.of());
        Double cairnShare = cairnProbes.isEmpty() ? null : median(cairnProbes.stream().map(p -> p.frames().overShare()).toList());
        verdict(out, verdicts, "frames over budget while Cairn backs up <= 1%",
                cairnShare == null ? null : cairnShare <= 0.01,
                cairnShare == null ? "probe beside Cairn not measured" : String.format(Locale.ROOT, "%.2f %%", 100 * cairnShare));
        Double cairnProbed = cairnProbes.isEmpty() ? null : median(cairnProbes.stream().map(p -> p.backup().wallSeconds()).toList());
        Double resticProbed = resticProbes.isEmpty() ? null : median(resticProbes.stream().map(p -> p.backup().wallSeconds()).toList());
        target(out, verdicts, "...and that backup no slower than restic's beside the probe", cairnProbed, resticProbed, 1.0, "s");
        String cairnMissing = comparison.unavailable().containsKey("cairn") ? comparison.unavailable().get("cairn")
                : comparison.runs().getOrDefault("cairn", List.of()).stream().map(ToolRun::failure).filter(Objects::nonNull)
                        .findFirst().orElse(null);
        if (cairnMissing != null) {
            out.println("  Cairn did not complete its runs (" + cairnMissing + "): every target it has no figure for is NOT MET.");
        }
        long met = verdicts.stream().filter(v -> v.get("status").equals("MET")).count();
        out.printf("%d of %d targets met; %d missed; %d not measured%n", met, verdicts.size(),
                verdicts.stream().filter(v -> v.get("status").equals("MISSED")).count(),
                verdicts.stream().filter(v -> v.get("status").equals("NOT MEASURED")).count());
        json.put("targets", verdicts);
    }

    private void target(PrintStream out, List<Map<String, String>> verdicts, String name, Double cairn, Double reference,
                        double factor, String unit) {
        if (cairn == null || reference == null) {
            verdict(out, verdicts, name, null, cairn == null ? "Cairn not measured" : "reference not measured");
            return;
        }
        String detail = String.format(Locale.ROOT, "cairn %s vs %s -> ratio %.2f (target %.2f)", format(cairn, unit),
                format(reference, unit), cairn / reference, factor);
        verdict(out, verdicts, name, cairn <= factor * reference, detail);
    }

    private static void verdict(PrintStream out, List<Map<String, String>> verdicts, String name, Boolean met, String detail) {
        String status = met == null ? "NOT MEASURED" : met ? "MET" : "MISSED";
        out.printf("  [%-12s] %-62s %s%n", status, name, detail);
        verdicts.add(Map.of("target", name, "status", status, "detail", detail));
    }

    private void row(PrintStream out, Map<String, Object> table, String label, Function<String, Double> value,
                     Function<Double, String> format) {
        StringBuilder line = new StringBuilder();
        Map<String, Double> values = new LinkedHashMap<>();
        for (String tool : comparison.tools().keySet()) {
            Double v = value.apply(tool);
            values.put(tool, v);
            line.append(cell(v == null ? "n/a" : format.apply(v)));
        }
        Double best = OTHERS.stream().map(values::get).filter(Objects::nonNull).min(Double::compare).orElse(null);
        Double cairn = values.get("cairn");
        line.append(cell(cairn == null || best == null || best == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", cairn / best)));
        out.printf("%-34s%s%n", label, line);
        table.put(label, values);
    }

    private String header() {
        StringBuilder h = new StringBuilder();
        for (String tool : comparison.tools().keySet()) {
            h.append(cell(tool));
        }
        return h.toString();
    }

    private static String cell(String text) {
        return String.format("%18s", text);
    }

    private Double measured(String tool, Operation op, ToDoubleFunction<Measurement> metric) {
        return median(tool, r -> {
            Measurement m = r.measurement(op);
            return m == null ? Double.NaN : metric.applyAsDouble(m);
        });
    }

    private Double maxRss(String tool) {
        Double max = null;
        for (Operation op : Operation.values()) {
            Double v = measured(tool, op, m -> m.peakRssKiB() * 1024.0);
            if (v == null) {
                return null;
            }
            max = max == null ? v : Math.max(max, v);
        }
        return max;
    }

    private Double minOther(ToDoubleFunction<ToolRun> metric) {
        return OTHERS.stream().filter(comparison.runs()::containsKey).map(t -> median(t, metric))
                .filter(Objects::nonNull).min(Double::compare).orElse(null);
    }

    /** {@return the median over the tool's runs of a metric (NaN = missing), or null when no run has it} */
    private Double median(String tool, ToDoubleFunction<ToolRun> metric) {
        List<ToolRun> runs = comparison.runs().get(tool);
        if (runs == null) {
            return null;
        }
        List<Double> values = runs.stream().map(metric::applyAsDouble).filter(v -> !v.isNaN()).toList();
        return values.isEmpty() ? null : median(values);
    }

    private static double positive(long v) {
        return v < 0 ? Double.NaN : v;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** {@return each probe run's value, in run order, as "a / b / c" with two decimals} */
    static String joined(List<ProbeResult> probes, ToDoubleFunction<ProbeResult> value) {
        return String.join(" / ", probes.stream().map(p -> String.format(Locale.ROOT, "%.2f", value.applyAsDouble(p))).toList());
    }

    /** {@return the smallest and largest of the probe runs' values as "min-max" with one decimal} */
    static String range(List<ProbeResult> probes, ToDoubleFunction<ProbeResult> value) {
        java.util.DoubleSummaryStatistics stats = probes.stream().mapToDouble(value).summaryStatistics();
        return stats.getCount() == 0 ? "NaN-NaN" : String.format(Locale.ROOT, "%.1f-%.1f", stats.getMin(), stats.getMax());
    }

    private static String format(double v, String unit) {
        return "B".equals(unit) ? bytes((long) v) : seconds(v);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f s", s);
    }

    static String bytes(long b) {
        if (b < 10L << 10) {
            return b + " B";
        }
        if (b < 10L << 20) {
            return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
        }
        if (b < 10L << 30) {
            return String.format(Locale.ROOT, "%.1f MiB", b / 1048576.0);
        }
        return String.format(Locale.ROOT, "%.2f GiB", b / 1073741824.0);
    }

    private static long totalMemory() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
