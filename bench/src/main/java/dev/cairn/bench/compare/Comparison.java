package dev.cairn.bench.compare;

import dev.cairn.bench.generator.GeneratorSettings;
import dev.cairn.bench.generator.InstallGenerator;
import dev.cairn.bench.generator.InstallPart;
import dev.cairn.bench.generator.InstallProfileWriter;
import dev.cairn.bench.probe.FrameStats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs the comparison: generates the install once, then for each run copies it, and for every tool in
 * turn (the order rotates between runs) meters the first backup, a no-change backup, the backup after
 * one day of changes and a full restore, checking each restore against the install. Then the
 * frame-budget probe runs beside a first backup of each tool.
 */
public final class Comparison {

    private static final String PASSPHRASE = "cairn-bench-passphrase";

    private final CompareSettings settings;
    private final GeneratorSettings generator;
    private final Set<InstallPart> parts;
    private final Map<String, BackupTool> tools = new LinkedHashMap<>();
    private final Map<String, String> unavailable = new LinkedHashMap<>();
    private final Map<String, List<ToolRun>> runs = new LinkedHashMap<>();
    private final Map<String, List<ProbeResult>> probes = new LinkedHashMap<>();
    private final List<Double> cairnStartup = new ArrayList<>();
    private final List<Double> cairnStartupWarm = new ArrayList<>();
    private CacheControl cache;
    private String hostMemory = "not set";
    private ProcessMeter meter;
    private FrameStats idleFrames;
    private long installBytes;
    private long installFiles;
    private long dbBytes;
    private InstallGenerator.DayChanges dayChanges;

    /** A comparison with these settings. */
    public Comparison(CompareSettings settings) {
        this.settings = settings;
        this.generator = new GeneratorSettings(settings.seed(), settings.scale());
        this.parts = settings.dbGrowth() ? EnumSet.of(InstallPart.DB) : EnumSet.allOf(InstallPart.class);
        for (String name : settings.tools()) {
            BackupTool tool = switch (name) {
                case "cairn" -> new CairnTool(settings.cairn(), PASSPHRASE);
                case "restic" -> new ResticTool(PASSPHRASE);
                case "borg" -> new BorgTool(PASSPHRASE);
                default -> throw new IllegalArgumentException("unknown tool " + name);
            };
            tools.put(name, tool);
            tool.unavailableReason().ifPresent(reason -> unavailable.put(name, reason));
            runs.put(name, new ArrayList<>());
            probes.put(name, new ArrayList<>());
        }
    }

    /** Runs everything the settings ask for. */
    public void run() throws IOException, InterruptedException {
        Files.createDirectories(settings.workDir());
        cache = CacheControl.choose(settings.cache());
        meter = new ProcessMeter(settings.workDir().resolve("logs"));
        Path pristine = preparePristine();
        try (HostMemory held = HostMemory.choose(settings.hostMemory(), settings.workDir())) {
            hostMemory = held.description();
            measureAll(pristine);
        }
    }

    private void measureAll(Path pristine) throws IOException, InterruptedException {
        try (Stream<Path> all = Files.walk(pristine)) {
            List<Path> regular = all.filter(Files::isRegularFile).toList();
            installFiles = regular.size();
            installBytes = regular.stream().mapToLong(p -> p.toFile().length()).sum();
        }
        dbBytes = Files.size(pristine.resolve("data/app.db"));
        warmUp(pristine);
        for (int run = 0; run < settings.runs(); run++) {
            System.out.printf("== run %d of %d%n", run + 1, settings.runs());
            if (settings.dbGrowth()) {
                dbGrowthRun(pristine, run);
            } else {
                fullRun(pristine, run);
            }
        }
        if (!settings.dbGrowth()) {
            measureCairnStartup();
            if (settings.probeRuns() > 0) {
                probeRuns(pristine);
            }
        }
    }

    /** Runs each tool's {@linkplain BackupTool#warmUp unmeasured warm-up} on a copy of the install. */
    private void warmUp(Path pristine) throws IOException, InterruptedException {
        Path runDir = settings.workDir().resolve("warmup");
        for (String name : rotated(0)) {
            BackupTool tool = tools.get(name);
            Path toolDir = runDir.resolve(name);
            List<List<String>> commands = tool.warmUp(toolDir.resolve("repo"), runDir.resolve("install"), runDir.resolve("profile.json"),
                    toolDir.resolve("restore"));
            if (commands.isEmpty()) {
                continue;
            }
            Path install = copyInstall(pristine, runDir);
            Files.createDirectories(toolDir);
            long t0 = System.nanoTime();
            for (List<String> command : commands) {
                Measurement m = meter.run(name + "-warmup", command, tool.environment(toolDir), install);
                if (!m.succeeded()) {
                    System.out.printf("   %-6s warm-up step exited %d: %s%n", name, m.exitCode(), m.errorSummary());
                    break;
                }
            }
            System.out.printf("warm-up: %s (unmeasured, %.1f s)%n", name, (System.nanoTime() - t0) / 1e9);
        }
        deleteTree(runDir);
    }

    private Path preparePristine() throws IOException {
        String name = String.format(java.util.Locale.ROOT, "pristine-v%d-seed%d-scale%s%s", InstallGenerator.FORMAT, settings.seed(),
                Double.toString(settings.scale()), settings.dbGrowth() ? "-db" : "");
        Path dir = settings.workDir().resolve(name);
        Path install = dir.resolve("install");
        Path complete = dir.resolve("complete");
        if (Files.exists(complete)) {
            System.out.println("install: reusing " + install);
            return install;
        }
        deleteTree(dir);
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        new InstallGenerator(generator, parts).generate(install, null);
        Files.writeString(complete, "generated\n");
        System.out.printf("install: generated %s in %.1f s%n", install, (System.nanoTime() - t0) / 1e9);
        return install;
    }

    private List<String> rotated(int run) {
        List<String> names = new ArrayList<>(tools.keySet());
        names.removeAll(unavailable.keySet());
        if (!names.isEmpty()) {
            java.util.Collections.rotate(names, -(run % names.size()));
        }
        return names;
    }

    private Path copyInstall(Path pristine, Path runDir) throws IOException, InterruptedException {
        deleteTree(runDir);
        Files.createDirectories(runDir);
        Path install = runDir.resolve("install");
        int exit = new ProcessBuilder("cp", "-a", pristine.toString(), install.toString()).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IOException("cp -a " + pristine + " failed");
        }
        InstallProfileWriter.write(runDir.resolve("profile.json"), install, parts);
        return install;
    }

    private void fullRun(Path pristine, int run) throws IOException, InterruptedException {
        Path runDir = settings.workDir().resolve("run");
        Path install = copyInstall(pristine, runDir);
        Path profile = runDir.resolve("profile.json");
        List<String> order = rotated(run);
        Map<String, ToolRun> results = initAll(order, runDir);
        for (Operation operation : List.of(Operation.FIRST, Operation.NO_CHANGE, Operation.AFTER_MUTATION)) {
            if (operation == Operation.AFTER_MUTATION) {
                dayChanges = new InstallGenerator(generator, parts).applyDay(install, 1);
            }
            for (String name : order) {
                ToolRun result = results.get(name);
                if (!result.ok()) {
                    continue;
                }
                backup(name, runDir, install, profile, operation, result);
                long size = directoryBytes(repo(runDir, name));
                if (result.ok()) {
                    // Per run, not only the median: each repository's chunker key moves the cuts, so sizes spread.
                    System.out.printf("   %-6s %-22s repository %,10.1f MiB%n", name, operation.label(), size / 1048576.0);
                }
                if (operation == Operation.FIRST) {
                    result.repoBytesAfterFirst(size);
                } else if (operation == Operation.AFTER_MUTATION) {
                    result.repoBytesAfterMutation(size);
                }
            }
        }
        for (String name : order) {
            ToolRun result = results.get(name);
            if (!result.ok()) {
                continue;
            }
            BackupTool tool = tools.get(name);
            Path target = runDir.resolve(name).resolve("restore");
            deleteTree(target);
            if (tool.restoreRunsInTarget()) {
                Files.createDirectories(target);
            }
            cache.beforeStep(List.of(repo(runDir, name)));
            Measurement m = meter.run(name + "-restore", tool.restore(repo(runDir, name), target),
                    tool.environment(runDir.resolve(name)), tool.restoreRunsInTarget() ? target : runDir);
            result.record(Operation.RESTORE, m);
            report(name, Operation.RESTORE, m);
            if (m.succeeded()) {
                result.restoreCheck(RestoreCheck.compare(install, target));
                System.out.printf("   %-6s restore check: %s%n", name, result.restoreCheck());
            }
            deleteTree(target);
        }
        if (!settings.keep()) {
            deleteTree(runDir);
        }
    }

    private void dbGrowthRun(Path pristine, int run) throws IOException, InterruptedException {
        Path runDir = settings.workDir().resolve("run");
        Path install = copyInstall(pristine, runDir);
        Path profile = runDir.resolve("profile.json");
        List<String> order = rotated(run);
        Map<String, ToolRun> results = initAll(order, runDir);
        for (String name : order) {
            ToolRun result = results.get(name);
            if (result.ok()) {
                backup(name, runDir, install, profile, Operation.FIRST, result);
                result.repoBytesAfterFirst(directoryBytes(repo(runDir, name)));
            }
        }
        dayChanges = new InstallGenerator(generator, parts).applyDay(install, 1);
        for (String name : order) {
            ToolRun result = results.get(name);
            if (result.ok()) {
                backup(name, runDir, install, profile, Operation.AFTER_MUTATION, result);
                long after = directoryBytes(repo(runDir, name));
                result.repoBytesAfterMutation(after);
                if (result.ok()) {
                    result.dbGrowthBytes(after - result.repoBytesAfterFirst());
                    System.out.printf("   %-6s DB incremental added %,d bytes (%.2f%% of the %,d-byte DB)%n", name,
                            after - result.repoBytesAfterFirst(), 100.0 * (after - result.repoBytesAfterFirst()) / dbBytes,
                            dbBytes);
                }
            }
        }
        if (!settings.keep()) {
            deleteTree(runDir);
        }
    }

    /** {@return a fresh result per tool for this run, in {@code order}, each tool's repository initialised} */
    private Map<String, ToolRun> initAll(List<String> order, Path runDir) throws IOException, InterruptedException {
        Map<String, ToolRun> results = new LinkedHashMap<>();
        for (String name : order) {
            ToolRun result = new ToolRun();
            results.put(name, result);
            runs.get(name).add(result);
            init(name, runDir, result);
        }
        return results;
    }

    private void init(String name, Path runDir, ToolRun result) throws IOException, InterruptedException {
        BackupTool tool = tools.get(name);
        Path toolDir = Files.createDirectories(runDir.resolve(name));
        Measurement m = meter.run(name + "-init", tool.init(repo(runDir, name)), tool.environment(toolDir), toolDir);
        if (!m.succeeded()) {
            result.fail("init exited " + m.exitCode() + ": " + m.errorSummary());
            System.out.printf("   %-6s init FAILED: %s%n", name, result.failure());
        }
    }

    private Measurement backup(String name, Path runDir, Path install, Path profile, Operation operation, ToolRun result)
            throws IOException, InterruptedException {
        BackupTool tool = tools.get(name);
        cache.beforeStep(List.of(install));
        Measurement m = meter.run(name + "-" + operation.name().toLowerCase(),
                tool.backup(repo(runDir, name), install, profile, operation), tool.environment(runDir.resolve(name)), install);
        result.record(operation, m);
        report(name, operation, m);
        return m;
    }

    private static void report(String name, Operation operation, Measurement m) {
        if (m.succeeded()) {
            System.out.printf("   %-6s %-22s wall %7.2f s  cpu %7.2f s  rss %,8d KiB  steal %5.2f s%n", name,
                    operation.label(), m.wallSeconds(), m.cpuSeconds(), m.peakRssKiB(), m.stealSeconds());
        } else {
            System.out.printf("   %-6s %-22s FAILED (exit %d): %s%n", name, operation.label(), m.exitCode(), m.errorSummary());
        }
    }

    private void measureCairnStartup() throws IOException, InterruptedException {
        BackupTool cairn = tools.get("cairn");
        if (cairn == null || unavailable.containsKey("cairn") || cairn.startupProbe().isEmpty()) {
            return;
        }
        Path dir = Files.createDirectories(settings.workDir().resolve("startup"));
        for (int i = 0; i < settings.runs(); i++) {
            // In the cache state of the metered steps (cold: the JDK and Cairn's jars come from disk, as they
            // do for the no-change backup this start-up is subtracted from), then at once again, warm.
            cache.beforeStep(List.of());
            Measurement m = meter.run("cairn-startup", cairn.startupProbe().get(), cairn.environment(dir), dir);
            cairnStartup.add(m.wallSeconds());
            Measurement warm = meter.run("cairn-startup-warm", cairn.startupProbe().get(), cairn.environment(dir), dir);
            cairnStartupWarm.add(warm.wallSeconds());
        }
    }

    private void probeRuns(Path pristine) throws IOException, InterruptedException {
        System.out.println("== frame-budget probe (60 Hz, 8 ms of CPU per frame) beside a first backup");
        FrameProbeRunner probe = new FrameProbeRunner(settings.workDir().resolve("probe"));
        idleFrames = probe.measure("idle", null, 10).stats();
        System.out.printf("   idle machine: %.2f%% of frames over budget%n", 100 * idleFrames.overShare());
        for (int run = 0; run < settings.probeRuns(); run++) {
            Path runDir = settings.workDir().resolve("run");
            Path install = copyInstall(pristine, runDir);
            Path profile = runDir.resolve("profile.json");
            // Rotated like the full runs: the first tool after a fresh copy of the install meets the most steal time
            // (docs/PERFORMANCE.md, "Host memory and steal time"), and with as many probe runs as tools each tool is first once.
            for (String name : rotated(run)) {
                ToolRun scratch = new ToolRun();
                init(name, runDir, scratch);
                if (!scratch.ok()) {
                    continue;
                }
                cache.beforeStep(List.of(install));
                BackupTool tool = tools.get(name);
                FrameProbeRunner.Probed<Measurement> probed = probe.measure(name + "-" + run,
                        () -> meter.run(name + "-probed-first", tool.backup(repo(runDir, name), install, profile,
                                Operation.FIRST), tool.environment(runDir.resolve(name)), install), 0);
                if (probed.value().succeeded()) {
                    probes.get(name).add(new ProbeResult(probed.stats(), probed.value()));
                    System.out.printf("   %-6s %.2f%% of %d frames over budget (p99 %.1f ms); backup wall %.2f s; steal %.2f s%n",
                            name, 100 * probed.stats().overShare(), probed.stats().frames(), probed.stats().p99Millis(),
                            probed.value().wallSeconds(), probed.value().stealSeconds());
                } else {
                    System.out.printf("   %-6s backup FAILED beside the probe: %s%n", name, probed.value().errorSummary());
                }
            }
            deleteTree(runDir);
        }
    }

    private static Path repo(Path runDir, String name) {
        return runDir.resolve(name).resolve("repo");
    }

    private static long directoryBytes(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return -1;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        if (!dir.toAbsolutePath().normalize().startsWith(settings.workDir().toAbsolutePath().normalize())) {
            throw new IOException("refusing to delete " + dir + " outside the work directory");
        }
        try {
            int exit = new ProcessBuilder("rm", "-rf", dir.toString()).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IOException("rm -rf " + dir + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while deleting " + dir, e);
        }
    }

    /** {@return the settings} */
    public CompareSettings settings() {
        return settings;
    }

    /** {@return tool name -> tool, in report order} */
    public Map<String, BackupTool> tools() {
        return tools;
    }

    /** {@return tool name -> why it could not run} */
    public Map<String, String> unavailable() {
        return unavailable;
    }

    /** {@return tool name -> its runs} */
    public Map<String, List<ToolRun>> runs() {
        return runs;
    }

    /** {@return tool name -> its probe runs} */
    public Map<String, List<ProbeResult>> probes() {
        return probes;
    }

    /** {@return the probe on an idle machine, or {@code null} when the probe did not run} */
    public FrameStats idleFrames() {
        return idleFrames;
    }

    /**
     * {@return wall times of {@code cairn --help}, the JVM and CLI start-up, in the cache state of the
     * metered steps (what the no-change backup's start-up is)}
     */
    public List<Double> cairnStartup() {
        return cairnStartup;
    }

    /** {@return wall times of {@code cairn --help} run right after another: start-up from a warm page cache} */
    public List<Double> cairnStartupWarm() {
        return cairnStartupWarm;
    }

    /** {@return the host-memory statement: whether memory the guest frees was kept from the host during the run} */
    public String hostMemoryDescription() {
        return hostMemory;
    }

    /** {@return the cache state statement} */
    public String cacheDescription() {
        return cache.description();
    }

    /** {@return regular files in the install} */
    public long installFiles() {
        return installFiles;
    }

    /** {@return bytes in the install} */
    public long installBytes() {
        return installBytes;
    }

    /** {@return size of the SQLite database before the mutation} */
    public long dbBytes() {
        return dbBytes;
    }

    /** {@return what the day's mutation changed in the DB, or {@code null} when none ran} */
    public InstallGenerator.DayChanges dayChanges() {
        return dayChanges;
    }
}
