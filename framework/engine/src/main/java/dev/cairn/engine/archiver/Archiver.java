package dev.cairn.engine.archiver;

import dev.cairn.engine.EngineVersion;
import dev.cairn.engine.catalog.SnapshotCatalog;
import dev.cairn.engine.profile.InstallProfile;
import dev.cairn.engine.registry.Plugin;
import dev.cairn.engine.registry.PluginRegistry;
import dev.cairn.engine.repository.BackupWriter;
import dev.cairn.engine.repository.Repository;
import dev.cairn.engine.snapshot.Manifest;
import dev.cairn.engine.snapshot.ManifestItem;
import dev.cairn.engine.snapshot.MerkleRoot;
import dev.cairn.framework.CairnException;
import dev.cairn.framework.ConfigView;
import dev.cairn.framework.Issue;
import dev.cairn.framework.strategy.SnapshotSummary;
import dev.cairn.framework.strategy.Strategy;
import dev.cairn.framework.strategy.StrategyContext;
import dev.cairn.framework.unit.BackupUnit;
import dev.cairn.framework.unit.UnitOutcome;
import dev.cairn.framework.unit.UnitPlan;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** Runs backups of an install into a repository. See the package documentation for the invariants. */
public final class Archiver {

    private static final System.Logger LOG = System.getLogger(Archiver.class.getName());

    private final Repository repository;
    private final PluginRegistry registry;
    private final Clock clock;
    private final int workers;

    /**
     * @param repository where snapshots go (may be {@code null} for dry runs only)
     * @param registry   the units and strategies
     */
    public Archiver(Repository repository, PluginRegistry registry) {
        this(repository, registry, Clock.systemUTC(), Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    Archiver(Repository repository, PluginRegistry registry, Clock clock, int workers) {
        this.repository = repository;
        this.registry = registry;
        this.clock = clock;
        this.workers = workers;
    }

    /**
     * Runs the backup (or, with {@link BackupRequest#dryRun()}, only the plans).
     *
     * @throws CairnException CONFIG for an unknown unit or strategy, IO/CORRUPT when the repository fails;
     *                        no snapshot is published then
     */
    public BackupResult run(BackupRequest request) {
        Instant started = clock.instant();
        InstallProfile profile = request.profile();
        Strategy strategy = registry.strategy(request.strategyId() != null ? request.strategyId() : profile.strategy()).instance();
        List<InstallProfile.UnitEntry> entries = selectedUnits(request);
        List<Issue> issues = new ArrayList<>();
        Map<String, UnitPlan> plans = new LinkedHashMap<>();
        Map<String, Plugin<BackupUnit>> units = new LinkedHashMap<>();
        // The plans give a dry run its answer and a progress bar its totals; a backup nobody watches skips them.
        boolean needPlans = request.dryRun() || request.listener() != BackupListener.NOOP;
        for (InstallProfile.UnitEntry e : entries) {
            Plugin<BackupUnit> plugin = registry.units().get(e.id());
            if (plugin == null) {
                issues.add(Issue.error(e.id(), null, "no backup unit '" + e.id() + "' is installed (known: "
                        + String.join(", ", registry.units().keySet()) + "); skipped"));
                continue;
            }
            units.put(e.id(), plugin);
            if (needPlans) {
                // A real backup meets (and reports) the same issues again while streaming: keep only the dry run's.
                plans.put(e.id(), planUnit(plugin, e, profile, request, issues));
            }
        }
        long files = plans.values().stream().flatMap(p -> p.items().stream())
                .filter(i -> i.type() == UnitPlan.PlannedItem.Type.FILE).count();
        long bytes = plans.values().stream().mapToLong(UnitPlan::totalBytes).sum();
        quietly(() -> request.listener().planned(files, bytes));
        if (request.dryRun()) {
            return new BackupResult(null, null, plans, issues, 0, 0, 0, 0, Duration.between(started, clock.instant()));
        }
        if (repository == null) {
            throw new CairnException(CairnException.Kind.INTERNAL, "a backup needs a repository");
        }
        SnapshotCatalog catalog = new SnapshotCatalog(repository);
        ArchiverSink.Stats stats = new ArchiverSink.Stats();
        List<ManifestItem> items = new ArrayList<>();
        List<Manifest.UnitRecord> records = new ArrayList<>();
        Set<ManifestItem> carriedOver = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        ExecutorService pool = Executors.newFixedThreadPool(workers, daemonThreads());
        try (BackupWriter writer = repository.newWriter()) {
            // Units stream one after the other, but a unit's stores are still running on the pool while the next
            // unit streams (a database copy overlaps with walking the files); they are collected in profile order.
            List<StartedUnit> running = new ArrayList<>();
            try {
                for (InstallProfile.UnitEntry e : entries) {
                    Plugin<BackupUnit> plugin = units.get(e.id());
                    if (plugin != null) {
                        running.add(startUnit(plugin, e, profile, strategy, catalog, writer, pool, request, stats, issues));
                    }
                }
                for (StartedUnit unit : running) {
                    records.add(finishUnit(unit, strategy, request, items, issues, carriedOver));
                }
            } finally {
                running.forEach(StartedUnit::abandon);
            }
            request.cancellation().throwIfCancelled();
            items.sort(Comparator.comparing(ManifestItem::path));
            dropRepeatedPaths(items, issues);
            Manifest manifest = new Manifest(Manifest.FORMAT, null, started.truncatedTo(ChronoUnit.MILLIS).toString(),
                    strategy.id(), commonBaseline(records), includes(entries), profile.excludes(), MerkleRoot.of(items),
                    Manifest.WF_VERSION, EngineVersion.VERSION, hostname(), profile.installRoot().toString(),
                    governance(profile, request), records, items, issues.stream().map(Issue::toString).toList());
            String id = writer.commit(manifest, carriedOver::contains);
            return new BackupResult(id, manifest.withBackupId(id), plans, issues, stats.filesRead.get(),
                    stats.filesReused.get(), stats.bytesRead.get(), stats.bytesReused.get(),
                    Duration.between(started, clock.instant()));
        } catch (IOException e) {
            throw new CairnException(CairnException.Kind.IO, "backup aborted, no snapshot written: " + e.getMessage(), e);
        } catch (CairnException e) {
            if (e.kind() == CairnException.Kind.CANCELLED) {
                throw new CairnException(CairnException.Kind.CANCELLED, "backup cancelled, no snapshot written", e);
            }
            // a storage failure says what broke; the user also needs to know that nothing was published
            if ((e.kind() == CairnException.Kind.IO || e.kind() == CairnException.Kind.CORRUPT)
                    && !String.valueOf(e.getMessage()).contains("not written")) {
                throw new CairnException(e.kind(), "backup aborted, no snapshot written: " + e.getMessage(), e);
            }
            throw e;
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Keeps every path once: two units whose paths overlap (the profile reader cannot see every overlap,
     * e.g. through globs) would otherwise put the same path twice into the snapshot, which no restore
     * could write. {@code sorted} is sorted stably by path, so the unit that comes first in the profile keeps it.
     */
    private static void dropRepeatedPaths(List<ManifestItem> sorted, List<Issue> issues) {
        ManifestItem previous = null;
        for (var it = sorted.iterator(); it.hasNext(); ) {
            ManifestItem item = it.next();
            if (previous != null && previous.path().equals(item.path())) {
                it.remove();
                if (!previous.unit().equals(item.unit())) {
                    issues.add(Issue.warning(item.unit(), item.path(), "also selected by unit " + previous.unit()
                            + ", which keeps it in this snapshot"));
                }
                continue;
            }
            previous = item;
        }
    }

    private List<InstallProfile.UnitEntry> selectedUnits(BackupRequest request) {
        List<InstallProfile.UnitEntry> enabled = request.profile().enabledUnits();
        if (request.units().isEmpty()) {
            return enabled;
        }
        for (String id : request.units()) {
            if (enabled.stream().noneMatch(e -> e.id().equals(id))) {
                throw new CairnException(CairnException.Kind.USAGE, "unit '" + id + "' is not enabled in profile "
                        + request.profile().name() + " (enabled: " + String.join(", ", enabled.stream().map(InstallProfile.UnitEntry::id).toList()) + ")");
            }
        }
        return enabled.stream().filter(e -> request.units().contains(e.id())).toList();
    }

    private UnitPlan planUnit(Plugin<BackupUnit> plugin, InstallProfile.UnitEntry e, InstallProfile profile,
                              BackupRequest request, List<Issue> issues) {
        try {
            UnitPlan plan = plugin.instance().plan(context(e, profile, request, null, null));
            if (request.dryRun()) {
                issues.addAll(plan.issues());
            }
            return plan;
        } catch (RuntimeException | LinkageError ex) {
            // A dry run's answer is then incomplete; a backup only loses its progress totals.
            issues.add(new Issue(request.dryRun() ? Issue.Severity.ERROR : Issue.Severity.WARNING, e.id(), null, "plan failed: " + ex));
            return new UnitPlan(List.of(), List.of());
        }
    }

    /** A unit that has streamed its items; its stores may still be running. */
    private static final class StartedUnit {
        final Plugin<BackupUnit> plugin;
        final InstallProfile.UnitEntry entry;
        final ArchiverSink sink;
        final Path scratch;
        final UnitOutcome outcome;
        final Optional<SnapshotSummary> baseline;
        private boolean collected;

        StartedUnit(Plugin<BackupUnit> plugin, InstallProfile.UnitEntry entry, ArchiverSink sink, Path scratch,
                    UnitOutcome outcome, Optional<SnapshotSummary> baseline) {
            this.plugin = plugin;
            this.entry = entry;
            this.sink = sink;
            this.scratch = scratch;
            this.outcome = outcome;
            this.baseline = baseline;
        }

        /** Waits for the unit's stores, then deletes its scratch directory (the copies it stores from live there). */
        ArchiverSink.Collected collect() throws IOException {
            collected = true;
            try {
                return sink.finish();
            } finally {
                deleteTree(scratch);
            }
        }

        /** Collects a unit the run gave up on (a storage failure or cancellation elsewhere), ignoring its errors. */
        void abandon() {
            if (!collected) {
                try {
                    collect();
                } catch (IOException | RuntimeException ignored) {
                    // the run is already failing for another reason
                }
            }
        }
    }

    private StartedUnit startUnit(Plugin<BackupUnit> plugin, InstallProfile.UnitEntry e, InstallProfile profile,
                                  Strategy strategy, SnapshotCatalog catalog, BackupWriter writer, ExecutorService pool,
                                  BackupRequest request, ArchiverSink.Stats stats, List<Issue> issues) throws IOException {
        BackupUnit unit = plugin.instance();
        Optional<SnapshotSummary> baseline = baselineOf(strategy, e.id(), catalog, issues);
        Map<String, ManifestItem> baselineItems = new HashMap<>();
        baseline.ifPresent(b -> catalog.items(b.id()).stream().filter(i -> i.unit().equals(e.id()))
                .forEach(i -> baselineItems.put(i.path(), i)));
        ArchiverSink sink = new ArchiverSink(e.id(), profile.installRoot(), strategy, baselineItems, writer,
                safeChunking(unit), pool, workers * ArchiverSink.FILES_IN_FLIGHT_PER_WORKER, request.cancellation(), request.listener(), stats, clock);
        quietly(() -> request.listener().unitStarted(e.id()));
        Path scratch = Files.createTempDirectory("cairn-" + e.id() + "-");
        UnitOutcome outcome;
        try {
            outcome = unit.backup(context(e, profile, request, scratch, sink));
        } catch (CairnException ex) {
            if (ex.kind() == CairnException.Kind.CANCELLED) {
                new StartedUnit(plugin, e, sink, scratch, null, baseline).abandon();
                throw ex;
            }
            outcome = UnitOutcome.failed(ex.getMessage(), ex);
        } catch (RuntimeException | LinkageError ex) {
            outcome = UnitOutcome.failed("unit threw " + ex, ex);
        }
        return new StartedUnit(plugin, e, sink, scratch, outcome, baseline);
    }

    private Manifest.UnitRecord finishUnit(StartedUnit started, Strategy strategy, BackupRequest request,
                                           List<ManifestItem> items, List<Issue> issues, Set<ManifestItem> carriedOver)
            throws IOException {
        InstallProfile.UnitEntry e = started.entry;
        ArchiverSink.Collected pending = started.collect();
        issues.addAll(pending.issues());
        carriedOver.addAll(pending.carriedOver());
        String outcomeName;
        String message = null;
        switch (started.outcome) {
            case UnitOutcome.Succeeded s -> {
                outcomeName = "succeeded";
                items.addAll(pending.items());
            }
            case UnitOutcome.Skipped s -> {
                outcomeName = "skipped";
                message = s.reason();
                items.addAll(pending.items());
            }
            case UnitOutcome.Failed f -> {
                outcomeName = "failed";
                message = f.message();
                issues.add(Issue.error(e.id(), null, "unit failed: " + f.message()));
                if (f.cause() != null) {
                    LOG.log(System.Logger.Level.WARNING, "unit " + e.id() + " failed", f.cause());
                }
            }
        }
        String finalOutcome = outcomeName;
        quietly(() -> request.listener().unitFinished(e.id(), finalOutcome));
        return new Manifest.UnitRecord(e.id(), started.plugin.module(), started.plugin.version(), strategy.id(),
                started.baseline.map(SnapshotSummary::id).orElse(null), outcomeName, message, Map.of());
    }

    private Optional<SnapshotSummary> baselineOf(Strategy strategy, String unitId, SnapshotCatalog catalog, List<Issue> issues) {
        try {
            return strategy.baseline(new StrategyContext(unitId, catalog.historyOf(unitId), ConfigView.empty()));
        } catch (RuntimeException ex) {
            issues.add(Issue.warning(unitId, null, "strategy " + strategy.id() + " failed to choose a baseline (" + ex
                    + "); reading everything"));
            return Optional.empty();
        }
    }

    private static dev.cairn.framework.unit.ChunkingPolicy safeChunking(BackupUnit unit) {
        try {
            return unit.chunking();
        } catch (RuntimeException e) {
            return dev.cairn.framework.unit.ChunkingPolicy.contentDefined();
        }
    }

    private EngineUnitContext context(InstallProfile.UnitEntry e, InstallProfile profile, BackupRequest request, Path scratch,
                                      ArchiverSink sink) {
        List<String> excludes = new ArrayList<>(profile.excludes());
        excludes.addAll(e.excludes());
        return new EngineUnitContext(e.id(), profile.installRoot(), e.paths(), excludes, ConfigView.of(e.id(), e.options()),
                dev.cairn.framework.ProgressListener.NOOP, request.cancellation(), scratch, sink);
    }

    private static String commonBaseline(List<Manifest.UnitRecord> records) {
        List<String> baselines = records.stream().map(Manifest.UnitRecord::baseline).distinct().toList();
        return baselines.size() == 1 ? baselines.get(0) : null;
    }

    private static List<String> includes(List<InstallProfile.UnitEntry> entries) {
        return entries.stream().flatMap(e -> e.paths().stream()).distinct().toList();
    }

    private static Map<String, String> governance(InstallProfile profile, BackupRequest request) {
        Map<String, String> g = new LinkedHashMap<>(request.governance());
        g.put("profile", profile.name());
        return g;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "cairn-store-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException ignored) {
            // a listener never fails a run
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover temp file is not worth failing a backup for
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
