package dev.cairn.engine.archiver;

import dev.cairn.engine.profile.InstallProfile;
import dev.cairn.engine.registry.PluginRegistry;
import dev.cairn.engine.registry.RegistryConfig;
import dev.cairn.engine.repository.Repository;
import dev.cairn.engine.restorer.RestoreRequest;
import dev.cairn.engine.restorer.Restorer;
import dev.cairn.engine.snapshot.Manifest;
import dev.cairn.engine.snapshot.ManifestItem;
import dev.cairn.engine.snapshot.MerkleRoot;
import dev.cairn.engine.testing.ScriptedUnit;
import dev.cairn.engine.testing.TestRepositories;
import dev.cairn.engine.testing.TestStrategy;
import dev.cairn.engine.testing.TreeFingerprint;
import dev.cairn.engine.testing.TreeUnit;
import dev.cairn.framework.CairnException;
import dev.cairn.framework.Issue;
import dev.cairn.framework.unit.BackupUnit;
import dev.cairn.framework.unit.ChunkingPolicy;
import dev.cairn.framework.unit.FileMetadata;
import dev.cairn.framework.unit.Item;
import dev.cairn.framework.unit.UnitOutcome;
import dev.cairn.framework.unit.UnitPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArchiverTest {

    @TempDir
    Path temp;
    private Path root;
    private Repository repository;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(temp.resolve("install"));
        Files.createDirectories(root.resolve("config/empty"));
        Files.writeString(root.resolve("config/app.json"), "{\"port\": 8080}\n");
        Files.writeString(root.resolve("config/db.env"), "PASSWORD=hunter2\n");
        Files.createDirectories(root.resolve("data"));
        Files.write(root.resolve("data/blob.bin"), bytes(300_000, 1));
        repository = TestRepositories.create(temp.resolve("repo"));
    }

    @AfterEach
    void tearDown() {
        repository.close();
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static InstallProfile profile(Path root, String strategy, InstallProfile.UnitEntry... units) {
        return new InstallProfile("test", root, null, strategy, List.of(), List.of(units));
    }

    private static InstallProfile.UnitEntry entry(String id, String... paths) {
        return new InstallProfile.UnitEntry(id, true, List.of(paths), List.of(), Map.of());
    }

    private static PluginRegistry registry(Object... units) {
        List<Object> all = new ArrayList<>(List.of(units));
        all.addAll(List.of(TestStrategy.full(), TestStrategy.latest(), TestStrategy.trusting()));
        return PluginRegistry.load(RegistryConfig.only(all.toArray()));
    }

    private static List<String> paths(Manifest m) {
        return m.items().stream().map(ManifestItem::path).toList();
    }

    private static Manifest.UnitRecord record(Manifest m, String unit) {
        return m.units().stream().filter(u -> u.id().equals(unit)).findFirst().orElseThrow();
    }

    @Test
    void unitThatThrowsIsRecordedAsFailedWhileTheOtherUnitsAreInTheSnapshot() {
        ScriptedUnit boom = new ScriptedUnit("boom", ctx -> {
            Path f = ctx.installRoot().resolve("data/blob.bin");
            ctx.sink().accept(Item.File.of("data/blob.bin", FileMetadata.read(f), () -> Files.newInputStream(f)));
            throw new IllegalStateException("disk on fire");
        });
        Archiver archiver = new Archiver(repository, registry(TreeUnit.of("config"), boom));
        BackupResult result = archiver.run(BackupRequest.of(profile(root, "full", entry("boom", "data"), entry("config", "config"))));

        assertNotNull(result.snapshotId());
        Manifest stored = repository.loadSnapshot(result.snapshotId());
        assertEquals("failed", record(stored, "boom").outcome());
        assertTrue(record(stored, "boom").message().contains("disk on fire"), record(stored, "boom").message());
        assertEquals("succeeded", record(stored, "config").outcome());
        assertEquals(List.of("config", "config/app.json", "config/db.env", "config/empty"), paths(stored),
                "the failed unit's item streamed before the throw is left out");
        assertTrue(result.partial());
        assertTrue(result.issues().stream().anyMatch(i -> "boom".equals(i.unitId()) && i.severity() == Issue.Severity.ERROR));
    }

    @Test
    void skippedUnitIsRecordedWithItsReasonAndIsNotAPartialBackup() {
        ScriptedUnit idle = new ScriptedUnit("idle", ctx -> UnitOutcome.skipped("nothing configured exists"));
        BackupResult result = new Archiver(repository, registry(TreeUnit.of("config"), idle))
                .run(BackupRequest.of(profile(root, "full", entry("idle", "nowhere"), entry("config", "config"))));
        Manifest stored = repository.loadSnapshot(result.snapshotId());
        assertEquals("skipped", record(stored, "idle").outcome());
        assertEquals("nothing configured exists", record(stored, "idle").message());
        assertFalse(result.partial(), result.issues().toString());
    }

    @Test
    void fileThatVanishedBeforeItWasReadIsAWarningAndNotInTheManifest() throws IOException {
        ScriptedUnit unit = new ScriptedUnit("files", ctx -> {
            Path gone = ctx.installRoot().resolve("config/app.json");
            FileMetadata m = FileMetadata.read(gone);
            Files.delete(gone);
            ctx.sink().accept(Item.File.of("config/app.json", m, () -> Files.newInputStream(gone)));
            Path kept = ctx.installRoot().resolve("config/db.env");
            ctx.sink().accept(Item.File.of("config/db.env", FileMetadata.read(kept), () -> Files.newInputStream(kept)));
            return UnitOutcome.succeeded(2);
        });
        BackupResult result = new Archiver(repository, registry(unit)).run(BackupRequest.of(profile(root, "full", entry("files", "config"))));
        assertEquals(List.of("config/db.env"), paths(repository.loadSnapshot(result.snapshotId())));
        assertEquals(1, result.issues().size(), result.issues().toString());
        Issue issue = result.issues().get(0);
        assertEquals(Issue.Severity.WARNING, issue.severity());
        assertEquals("config/app.json", issue.path());
        assertTrue(issue.message().contains("vanished"), issue.message());
        assertFalse(result.partial());
    }

    @Test
    void sourceThatFailsMidReadIsAnErrorForThatItemAndTheBackupStillCommits() throws IOException {
        byte[] good = Files.readAllBytes(root.resolve("data/blob.bin"));
        ScriptedUnit unit = new ScriptedUnit("files", ctx -> {
            FileMetadata m = new FileMetadata(1_000_000, 0644, 1, 1, 1);
            ctx.sink().accept(Item.File.of("data/flaky.bin", m, () -> new InputStream() {
                private int served;

                @Override
                public int read() throws IOException {
                    if (served++ >= 100_000) {
                        throw new IOException("input/output error on the disk");
                    }
                    return 'x';
                }
            }));
            Path f = ctx.installRoot().resolve("data/blob.bin");
            ctx.sink().accept(Item.File.of("data/blob.bin", FileMetadata.read(f), () -> Files.newInputStream(f)));
            return UnitOutcome.succeeded(2);
        });
        BackupResult result = new Archiver(repository, registry(unit)).run(BackupRequest.of(profile(root, "full", entry("files", "data"))));

        assertNotNull(result.snapshotId(), "a file that cannot be read must not abort the backup");
        Manifest stored = repository.loadSnapshot(result.snapshotId());
        assertEquals(List.of("data/blob.bin"), paths(stored));
        Issue issue = result.issues().stream().filter(i -> "data/flaky.bin".equals(i.path())).findFirst().orElseThrow();
        assertEquals(Issue.Severity.ERROR, issue.severity());
        assertTrue(issue.message().contains("input/output error on the disk"), issue.message());
        assertTrue(result.partial());
        assertEquals(1, result.filesRead());
        try (InputStream in = repository.openContent(repository.chunksOf(stored.items().get(0)))) {
            assertArrayEquals(good, in.readAllBytes());
        }
    }

    @Test
    void aFileOfPagesIsOpenedOnceMoreToSampleItsPagesOnlyWhileTheRepositoryHasNoDictionary() throws IOException {
        byte[] db = dev.cairn.engine.repository.Backups.pages(41, 700);
        ChunkingPolicy pages = ChunkingPolicy.fixed(dev.cairn.engine.repository.Backups.PAGE).withLayout(ChunkingPolicy.Layout.PAGES);
        AtomicLong opens = new AtomicLong();
        ScriptedUnit unit = new ScriptedUnit("db", ctx -> {
            ctx.sink().accept(new Item.File("data/app.db", new FileMetadata(db.length, 0644, 1, 1, 1), () -> {
                opens.incrementAndGet();
                return new java.io.ByteArrayInputStream(db);
            }, pages, false));
            return UnitOutcome.succeeded(1);
        });
        Archiver archiver = new Archiver(repository, registry(unit));
        InstallProfile profile = profile(root, "full", entry("db", "data"));

        archiver.run(BackupRequest.of(profile));
        assertEquals(2, opens.get(), "opened to sample its pages for the dictionary, then to store it");
        BackupResult second = archiver.run(BackupRequest.of(profile));
        assertEquals(3, opens.get(), "the repository has the dictionary now: opened only to store it");
        Manifest stored = repository.loadSnapshot(second.snapshotId());
        try (InputStream in = repository.openContent(repository.chunksOf(stored.items().get(0)))) {
            assertArrayEquals(db, in.readAllBytes());
        }
    }

    @Test
    void filesWrittenMomentsBeforeABackupAreReadAgainByTheNext() throws IOException {
        PluginRegistry registry = registry(TreeUnit.of("config"), TreeUnit.of("data"));
        Archiver archiver = new Archiver(repository, registry);
        InstallProfile profile = profile(root, "latest", entry("config", "config"), entry("data", "data"));
        BackupResult first = archiver.run(BackupRequest.of(profile));
        assertTrue(first.manifest().items().stream().filter(i -> ManifestItem.FILE.equals(i.type())).allMatch(i -> i.ctimeNs() == -1),
                "times within the racy window are recorded as unknown");
        BackupResult second = archiver.run(BackupRequest.of(profile));
        assertEquals(3, second.filesRead(), "a write in the same clock tick as the first reading would be invisible: read again");
        assertEquals(0, second.filesReused());
    }

    @Test
    void secondBackupReusesUnchangedFilesUnreadWhileFullReadsEverything() throws IOException {
        PluginRegistry registry = registry(TreeUnit.of("config"), TreeUnit.of("data"));
        // The backups run as if ten seconds after the files were written, outside the racy window.
        Archiver archiver = new Archiver(repository, registry, java.time.Clock.offset(java.time.Clock.systemUTC(),
                java.time.Duration.ofSeconds(10)), 2);
        InstallProfile profile = profile(root, "full", entry("config", "config"), entry("data", "data"));
        BackupResult first = archiver.run(BackupRequest.of(profile));
        assertEquals(3, first.filesRead());
        assertEquals(0, first.filesReused());

        BackupResult trusting = archiver.run(BackupRequest.of(profile).withStrategy("trusting"));
        assertEquals(0, trusting.filesRead());
        assertEquals(0, trusting.bytesRead());
        assertEquals(3, trusting.filesReused());
        assertEquals(Files.size(root.resolve("data/blob.bin")) + Files.size(root.resolve("config/app.json"))
                + Files.size(root.resolve("config/db.env")), trusting.bytesReused());
        assertEquals(first.snapshotId(), trusting.manifest().parent(), "the manifest records the baseline");
        assertEquals(first.manifest().rootHash(), trusting.manifest().rootHash(), "same items, same root");

        Files.writeString(root.resolve("config/app.json"), "{\"port\": 9090}\n");
        BackupResult latest = archiver.run(BackupRequest.of(profile).withStrategy("latest"));
        assertEquals(1, latest.filesRead(), "only the changed file is read");
        assertEquals(2, latest.filesReused());

        BackupResult full = archiver.run(BackupRequest.of(profile));
        assertEquals(3, full.filesRead());
        assertEquals(0, full.filesReused());
        assertNull(full.manifest().parent());
        assertEquals(4, repository.snapshotIds().size());
    }

    @Test
    void appendOnlyFileIsReadFromItsPreviousEndAndRestoresByteIdentical() throws IOException {
        Path log = Files.createDirectories(root.resolve("logs")).resolve("app.log");
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 400_000; i++) { // ~100 chunks: the log's chunks are in a chunk-list blob
            text.append("2026-11-25T10:00:").append(i % 60).append(" INFO request ").append(i).append(" served\n");
        }
        Files.writeString(log, text);
        PluginRegistry registry = registry(TreeUnit.of("logs").appendOnly().withChunking(ChunkingPolicy.fixed(4096)));
        Archiver archiver = new Archiver(repository, registry);
        InstallProfile profile = profile(root, "latest", entry("logs", "logs"));
        BackupResult first = archiver.run(BackupRequest.of(profile));
        assertEquals(Files.size(log), first.bytesRead());
        ManifestItem before = first.manifest().items().stream().filter(i -> i.path().equals("logs/app.log")).findFirst().orElseThrow();
        assertTrue(before.hasChunkLists(), "a file of ~100 chunks names a chunk list");

        byte[] appended = "2026-11-25T11:00:00 WARN disk 91% full\n".repeat(50).getBytes(StandardCharsets.UTF_8);
        Files.write(log, appended, StandardOpenOption.APPEND);
        AtomicLong processed = new AtomicLong();
        BackupResult second = archiver.run(BackupRequest.of(profile).withListener(new BackupListener() {
            @Override
            public void bytesProcessed(long bytes) {
                processed.addAndGet(bytes);
            }
        }));
        assertEquals(1, second.filesRead());
        assertEquals(appended.length, second.bytesRead(), "only the appended bytes count as read");
        assertTrue(processed.get() <= appended.length + 4096,
                "chunked only the previous last chunk and the tail: " + processed.get() + " of " + Files.size(log));

        ManifestItem item = second.manifest().items().stream().filter(i -> i.path().equals("logs/app.log")).findFirst().orElseThrow();
        assertEquals(TreeFingerprint.sha256(log), item.sha256());
        assertEquals(Files.size(log), item.size());
        assertTrue(item.hasChunkLists());
        assertEquals(repository.chunksOf(before).subList(0, repository.chunksOf(before).size() - 1),
                repository.chunksOf(item).subList(0, repository.chunksOf(before).size() - 1), "the previous chunks but the last are kept");
        Path target = temp.resolve("restored");
        new Restorer(repository, registry, Map.of()).restore(RestoreRequest.of(repository.loadSnapshot(second.snapshotId()), target));
        assertArrayEquals(Files.readAllBytes(log), Files.readAllBytes(target.resolve("logs/app.log")));
    }

    @Test
    void manifestRootHashIsTheMerkleRootOfItsItems() throws IOException {
        Files.createSymbolicLink(root.resolve("config/current"), Path.of("app.json"));
        BackupResult result = new Archiver(repository, registry(TreeUnit.of("config"), TreeUnit.of("data")))
                .run(BackupRequest.of(profile(root, "full", entry("data", "data"), entry("config", "config"))));
        Manifest stored = repository.loadSnapshot(result.snapshotId());
        assertEquals(MerkleRoot.of(stored.items()), stored.rootHash());
        assertEquals(result.manifest().rootHash(), stored.rootHash());
        assertEquals(paths(stored).stream().sorted().toList(), paths(stored), "items are sorted by path");
        assertEquals(7, stored.items().size());
    }

    @Test
    void dryRunReturnsThePlansAndWritesNothing() {
        Map<String, String> repoBefore = TreeFingerprint.of(repository.root());
        Archiver archiver = new Archiver(repository, registry(TreeUnit.of("config"), TreeUnit.of("data")));
        BackupRequest request = new BackupRequest(profile(root, "full", entry("config", "config"), entry("data", "data")),
                null, Set.of(), true, null, null, Map.of());
        BackupResult result = archiver.run(request);
        assertNull(result.snapshotId());
        assertEquals(List.of(), repository.snapshotIds());
        assertEquals(repoBefore, TreeFingerprint.of(repository.root()), "the repository directory is untouched");
        assertEquals(Set.of("config", "data"), result.plans().keySet());
        UnitPlan config = result.plans().get("config");
        assertEquals(List.of("config", "config/app.json", "config/db.env", "config/empty"),
                config.items().stream().map(UnitPlan.PlannedItem::path).toList());
        assertEquals(300_000, result.plans().get("data").totalBytes());

        BackupResult noRepository = new Archiver(null, registry(TreeUnit.of("config"), TreeUnit.of("data"))).run(request);
        assertEquals(result.plans(), noRepository.plans(), "a dry run needs no repository");
    }

    @Test
    void unitNotEnabledInTheProfileIsAUsageErrorAndAMissingPluginIsAnIssue() {
        Archiver archiver = new Archiver(repository, registry(TreeUnit.of("config")));
        InstallProfile profile = profile(root, "full", entry("config", "config"), entry("ghost", "data"));
        BackupRequest bad = new BackupRequest(profile, null, Set.of("confgi"), false, null, null, Map.of());
        CairnException e = assertThrows(CairnException.class, () -> archiver.run(bad));
        assertEquals(CairnException.Kind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("'confgi'") && e.getMessage().contains("enabled: config, ghost"), e.getMessage());
        assertEquals(List.of(), repository.snapshotIds());

        BackupResult result = archiver.run(BackupRequest.of(profile));
        assertTrue(result.issues().stream().anyMatch(i -> "ghost".equals(i.unitId()) && i.severity() == Issue.Severity.ERROR
                && i.message().contains("no backup unit 'ghost'")), result.issues().toString());
        assertEquals(List.of("config"), result.manifest().units().stream().map(Manifest.UnitRecord::id).toList());

        BackupResult selected = archiver.run(new BackupRequest(profile, null, Set.of("config"), false, null, null, Map.of()));
        assertEquals(List.of(), selected.issues(), "a selection leaves the other units alone");
    }

    @Test
    void unknownStrategyIsAConfigError() {
        Archiver archiver = new Archiver(repository, registry(TreeUnit.of("config")));
        CairnException e = assertThrows(CairnException.class,
                () -> archiver.run(BackupRequest.of(profile(root, "hourly", entry("config", "config")))));
        assertEquals(CairnException.Kind.CONFIG, e.kind());
    }

    @Test
    void storageFailureAbortsTheBackupAndPublishesNothing() {
        Archiver archiver = new Archiver(new FailingStorage(repository, 2), registry(TreeUnit.of("config"), TreeUnit.of("data")));
        CairnException e = assertThrows(CairnException.class,
                () -> archiver.run(BackupRequest.of(profile(root, "full", entry("config", "config"), entry("data", "data")))));
        assertEquals(CairnException.Kind.IO, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("no snapshot written") && e.getMessage().contains("No space left on device"), e.getMessage());
        assertEquals(List.of(), repository.snapshotIds());
    }

    @Test
    void outOfHeapWhileStoringReachesTheCallerAsItselfAndPublishesNothing() {
        // The command line reports an OutOfMemoryError as "out of memory" (exit 17): a storing task's
        // must not arrive wrapped as an I/O failure of the repository.
        Archiver archiver = new Archiver(new FailingStorage(repository, 2, new OutOfMemoryError("Java heap space")),
                registry(TreeUnit.of("config"), TreeUnit.of("data")));
        OutOfMemoryError e = assertThrows(OutOfMemoryError.class,
                () -> archiver.run(BackupRequest.of(profile(root, "full", entry("config", "config"), entry("data", "data")))));
        assertEquals("Java heap space", e.getMessage());
        assertEquals(List.of(), repository.snapshotIds());
    }

    @Test
    void storageSideMissingFileIsAStorageFailureNotAVanishedSource() {
        // The repository throws NoSuchFileException (its data directory disappeared): that is not the
        // source file vanishing, and must not be reported as a skipped item in a published snapshot.
        Archiver archiver = new Archiver(new FailingStorage(repository, 1, new java.nio.file.NoSuchFileException("repo/data/tmp-1")),
                registry(TreeUnit.of("config")));
        CairnException e = assertThrows(CairnException.class,
                () -> archiver.run(BackupRequest.of(profile(root, "full", entry("config", "config")))));
        assertEquals(CairnException.Kind.IO, e.kind(), e.getMessage());
        assertEquals(List.of(), repository.snapshotIds());
    }

    @Test
    void listenerThatThrowsNeverFailsTheRun() {
        BackupListener hostile = new BackupListener() {
            @Override
            public void planned(long files, long bytes) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void itemStarted(String path, long size) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void unitFinished(String unitId, String outcome) {
                throw new IllegalStateException("listener bug");
            }
        };
        BackupResult result = new Archiver(repository, registry(TreeUnit.of("config")))
                .run(BackupRequest.of(profile(root, "full", entry("config", "config"))).withListener(hostile));
        assertNotNull(result.snapshotId());
        assertFalse(result.partial());
    }

    @Test
    void realRepositoryThatCannotStoreAbortsTheBackupAndPublishesNothing() {
        // Once the writer is open, the first unit replaces the pack directory by a plain file: the real
        // writer then cannot create its pack (as root, permissions would not stop it; a file where a
        // directory must be does).
        Path data = repository.root().resolve("data");
        ScriptedUnit sabotage = new ScriptedUnit("a-sabotage", ctx -> {
            Files.move(data, repository.root().resolve("data-aside"));
            Files.writeString(data, "not a directory");
            return UnitOutcome.skipped("sabotaged the repository");
        });
        Archiver archiver = new Archiver(repository, registry(sabotage, TreeUnit.of("config"), TreeUnit.of("data")));
        CairnException e = assertThrows(CairnException.class, () -> archiver.run(BackupRequest.of(profile(root, "full",
                entry("a-sabotage", "data"), entry("config", "config"), entry("data", "data")))));
        assertEquals(CairnException.Kind.IO, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("no snapshot written"), e.getMessage());
        assertTrue(Files.isRegularFile(data), "the failure came from the broken pack directory");
        assertEquals(List.of(), repository.snapshotIds());
    }

    @Test
    void cancelledBackupPublishesNothing() {
        AtomicLong started = new AtomicLong();
        BackupListener counting = new BackupListener() {
            @Override
            public void unitStarted(String unitId) {
                started.incrementAndGet();
            }
        };
        BackupRequest request = new BackupRequest(profile(root, "full", entry("config", "config"), entry("data", "data")), null, Set.of(),
                false, counting, () -> started.get() >= 2, Map.of());
        CairnException e = assertThrows(CairnException.class,
                () -> new Archiver(repository, registry(TreeUnit.of("config"), TreeUnit.of("data"))).run(request));
        assertEquals(CairnException.Kind.CANCELLED, e.kind());
        assertEquals("backup cancelled, no snapshot written", e.getMessage());
        assertEquals(List.of(), repository.snapshotIds());
    }

    @Test
    void planThatThrowsIsAnIssueAndTheScratchDirectoryIsDeletedAfterTheUnit() {
        AtomicReference<Path> scratch = new AtomicReference<>();
        BackupUnit unit = new BackupUnit() {
            @Override
            public String id() {
                return "odd";
            }

            @Override
            public UnitPlan plan(dev.cairn.framework.unit.UnitContext ctx) {
                throw new IllegalStateException("cannot plan");
            }

            @Override
            public UnitOutcome backup(dev.cairn.framework.unit.BackupContext ctx) {
                try {
                    scratch.set(ctx.scratchDirectory());
                    Path copy = Files.writeString(ctx.scratchDirectory().resolve("copy.txt"), "consistent copy");
                    ctx.sink().accept(Item.File.of("config/app.json", FileMetadata.read(ctx.installRoot().resolve("config/app.json")),
                            () -> Files.newInputStream(copy)));
                } catch (IOException e) {
                    return UnitOutcome.failed(e.toString(), e);
                }
                return UnitOutcome.succeeded(1);
            }
        };
        // Watched by a progress listener, the backup plans first (for totals), and the failed plan is an issue.
        BackupResult result = new Archiver(repository, registry(unit)).run(BackupRequest.of(profile(root, "full", entry("odd", "config")))
                .withListener(new dev.cairn.engine.archiver.BackupListener() { }));
        assertTrue(result.issues().stream().anyMatch(i -> i.message().contains("plan failed") && i.message().contains("cannot plan")));
        assertEquals(List.of("config/app.json"), paths(result.manifest()));
        assertEquals("consistent copy".length(), result.manifest().items().get(0).size(), "the content came from the scratch copy");
        assertFalse(Files.exists(scratch.get()), "the engine deletes the unit's scratch directory");
    }

    @Test
    void planPhaseContextHasNoSink() {
        EngineUnitContext ctx = new EngineUnitContext("u", root, List.of("a"), List.of(), dev.cairn.framework.ConfigView.empty(),
                null, null, null, null);
        IllegalStateException e = assertThrows(IllegalStateException.class, ctx::sink);
        assertTrue(e.getMessage().contains("plan phase"));
    }

    @Test
    void pathSelectedByTwoUnitsIsStoredOnceAndTheSnapshotRestores() throws IOException {
        // The profile reader cannot see every overlap (globs), so the archiver keeps a snapshot's paths unique:
        // the first unit in profile order keeps the item, the other gets a warning.
        PluginRegistry registry = registry(TreeUnit.of("config"), TreeUnit.of("files"));
        BackupResult result = new Archiver(repository, registry).run(BackupRequest.of(profile(root, "full",
                entry("config", "config"), entry("files", "config/app.json", "data"))));
        Manifest stored = repository.loadSnapshot(result.snapshotId());
        List<String> paths = paths(stored);
        assertEquals(paths.stream().distinct().toList(), paths, "every path once");
        assertEquals("config", stored.items().stream().filter(i -> i.path().equals("config/app.json")).findFirst().orElseThrow().unit());
        assertTrue(result.issues().stream().anyMatch(i -> "files".equals(i.unitId()) && "config/app.json".equals(i.path())
                && i.severity() == Issue.Severity.WARNING), result.issues().toString());
        assertEquals(MerkleRoot.of(stored.items()), stored.rootHash());

        Path target = temp.resolve("restored");
        new Restorer(repository, registry, Map.of()).restore(RestoreRequest.of(stored, target));
        assertEquals(Files.readString(root.resolve("config/app.json")), Files.readString(target.resolve("config/app.json")));
    }

    @Test
    void manyFilesAllGoThroughTheBoundedStorePoolAndRestore() throws IOException {
        Path many = Files.createDirectories(root.resolve("many"));
        for (int i = 0; i < 300; i++) {
            Files.write(many.resolve("f" + i + ".bin"), bytes(1 + i * 37, i));
        }
        PluginRegistry registry = registry(TreeUnit.of("many"));
        BackupResult result = new Archiver(repository, registry).run(BackupRequest.of(profile(root, "full", entry("many", "many"))));
        assertEquals(300, result.filesRead());
        assertEquals(301, result.manifest().items().size());
        Path target = temp.resolve("restored");
        new Restorer(repository, registry, Map.of()).restore(RestoreRequest.of(repository.loadSnapshot(result.snapshotId()), target));
        for (int i = 0; i < 300; i++) {
            assertArrayEquals(bytes(1 + i * 37, i), Files.readAllBytes(target.resolve("many/f" + i + ".bin")), "f" + i);
        }
    }

    @Test
    void appendOnlyTailIsNeverReadThroughALinkThatReplacedTheFile() throws IOException {
        Path log = Files.createDirectories(root.resolve("logs")).resolve("app.log");
        Files.writeString(log, "line 1\nline 2\n");
        AtomicReference<FileMetadata> listed = new AtomicReference<>();
        ScriptedUnit unit = new ScriptedUnit("logs", ctx -> {
            FileMetadata m = listed.get() != null ? listed.get() : FileMetadata.read(log);
            ctx.sink().accept(new Item.File("logs/app.log", m, () -> Files.newInputStream(log, java.nio.file.LinkOption.NOFOLLOW_LINKS),
                    null, true));
            return UnitOutcome.succeeded(1);
        });
        Archiver archiver = new Archiver(repository, registry(unit));
        InstallProfile profile = profile(root, "latest", entry("logs", "logs"));
        archiver.run(BackupRequest.of(profile));

        // Between listing (same inode, grown) and reading, the log is replaced by a link to a file that
        // starts with the same bytes and goes on with a secret.
        FileMetadata before = FileMetadata.read(log);
        listed.set(new FileMetadata(before.size() + 7, before.mode(), before.mtimeNanos() + 1, before.ctimeNanos() + 1, before.inode()));
        Path secret = Files.writeString(temp.resolve("secret.txt"), "line 1\nline 2\nSECRET\n");
        Files.delete(log);
        Files.createSymbolicLink(log, secret);
        BackupResult second = archiver.run(BackupRequest.of(profile));
        assertTrue(second.manifest().items().isEmpty(), "the link was not followed: " + second.manifest().items());
        assertTrue(second.issues().stream().anyMatch(i -> "logs/app.log".equals(i.path()) && i.severity() == Issue.Severity.ERROR),
                second.issues().toString());
    }
}
