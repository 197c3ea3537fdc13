package dev.cairn.bench.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The compare command's options.
 *
 * @param scale      install size factor (1.0 = ~2 GiB)
 * @param runs       runs per tool; the report shows medians
 * @param seed       generator seed
 * @param workDir    where installs, repositories and restores go (default /tmp/cairn-bench)
 * @param cairn      the Cairn launcher
 * @param cache      auto, cold or warm
 * @param hostMemory auto, hold or as-is: whether free page reporting to the host is paused for the run ({@link HostMemory})
 * @param dbGrowth   run only the DB-growth measurement (issue 5)
 * @param probeRuns  frame-budget probe runs per tool (0 = no probe)
 * @param tools      the tools to run, in report order
 * @param jsonOut    where to write the results as JSON, or {@code null}
 * @param keep       keep the last run's repositories (for inspection)
 */
public record CompareSettings(double scale, int runs, long seed, Path workDir, Path cairn, String cache, String hostMemory,
                              boolean dbGrowth, int probeRuns, List<String> tools, Path jsonOut, boolean keep) {

    /** The usage text. */
    public static final String USAGE = """
            compare [--scale S] [--runs N] [--seed N] [--work DIR] [--cairn LAUNCHER] [--cache auto|cold|warm]
                    [--host-memory auto|hold|as-is] [--db-growth] [--probe-runs K] [--tools cairn,restic,borg]
                    [--json FILE] [--keep]
              --scale S       install size factor, 1.0 = ~2 GiB (default 1.0)
              --runs N        runs per tool, medians reported (default 3)
              --db-growth     only measure what the DB incremental adds (issue 5): ~250 MB x S database,
                              10,000 x S inserts + 1,000 x S updates
              --probe-runs K  frame-budget probe runs per tool during a first backup, medians reported
                              (default 3: each tool takes each place in the order once; 0 = off)
              --cache         cold = drop caches before each step (needs root), warm = read inputs first,
                              auto = cold when permitted (default)
              --host-memory   hold = pause a virtual machine's free page reporting for the run and touch
                              6 GiB once first, so no step pays host faults for memory another freed;
                              as-is = leave it; auto = hold where there is reporting to pause (default)
            """;

    /** Parses the command line. */
    public static CompareSettings parse(String[] args, Path defaultCairn) {
        double scale = 1.0;
        int runs = 3;
        long seed = 20_260_101L;
        Path work = Path.of("/tmp/cairn-bench");
        Path cairn = defaultCairn;
        String cache = "auto";
        String hostMemory = "auto";
        boolean dbGrowth = false;
        int probeRuns = 3;
        List<String> tools = List.of("cairn", "restic", "borg");
        Path json = null;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--db-growth" -> dbGrowth = true;
                case "--keep" -> keep = true;
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("unknown option or missing value: " + option + "\n" + USAGE);
                    }
                    String value = args[++i];
                    switch (option) {
                        case "--scale" -> scale = Double.parseDouble(value);
                        case "--runs" -> runs = Integer.parseInt(value);
                        case "--seed" -> seed = Long.parseLong(value);
                        case "--work" -> work = Path.of(value).toAbsolutePath();
                        case "--cairn" -> cairn = Path.of(value).toAbsolutePath();
                        case "--cache" -> cache = value;
                        case "--host-memory" -> hostMemory = value;
                        case "--probe-runs" -> probeRuns = Integer.parseInt(value);
                        case "--tools" -> tools = parseTools(value);
                        case "--json" -> json = Path.of(value).toAbsolutePath();
                        default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
                    }
                }
            }
        }
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1");
        }
        return new CompareSettings(scale, runs, seed, work, cairn, cache, hostMemory, dbGrowth, probeRuns, tools, json, keep);
    }

    private static List<String> parseTools(String value) {
        List<String> tools = new ArrayList<>();
        for (String t : value.split(",")) {
            String tool = t.trim().toLowerCase(Locale.ROOT);
            if (!List.of("cairn", "restic", "borg").contains(tool)) {
                throw new IllegalArgumentException("unknown tool " + t + " (cairn, restic, borg)");
            }
            tools.add(tool);
        }
        return List.copyOf(tools);
    }
}
