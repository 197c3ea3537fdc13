package dev.cairn.engine.restorer;

import dev.cairn.engine.archiver.Archiver;
import dev.cairn.engine.archiver.BackupRequest;
import dev.cairn.engine.profile.InstallProfile;
import dev.cairn.engine.registry.PluginRegistry;
import dev.cairn.engine.registry.RegistryConfig;
import dev.cairn.engine.repository.Repository;
import dev.cairn.engine.snapshot.Manifest;
import dev.cairn.engine.snapshot.ManifestItem;
import dev.cairn.engine.testing.TestRepositories;
import dev.cairn.engine.testing.TestStrategy;
import dev.cairn.engine.testing.TreeFingerprint;
import dev.cairn.engine.testing.TreeUnit;
import dev.cairn.framework.CairnException;
import dev.cairn.framework.ProgressListener;
import dev.cairn.framework.unit.SmokeTestResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestorerTest {

    private static final FileTime OLD = FileTime.from(Instant.parse("2020-01-02T03:04:05.123456789Z"));

    @TempDir
    Path temp;
    private Path root;
    private Repository repository;
    private PluginRegistry registry;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(temp.resolve("install"));
        write("config/app.json", "{\"port\": 8080}\n", "rw-r--r--");
        write("config/secret.key", "-----BEGIN PRIVATE KEY-----\nMIIE\n", "rw-------");
        write("config/sub/deep.yaml", "a: 1\n", "rw-r-----");
        write("config/blank.conf", "", "rw-r--r--");
        Files.createDirectories(root.resolve("config/empty"));
        Files.setPosixFilePermissions(root.resolve("config/empty"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(root.resolve("config/current"), Path.of("app.json"));
        write("data/app.db", "SQLite format 3\u0000 pages", "rw-r-----");
        write("data/state.json", "{\"ready\": true}\n", "rw-r--r--");
        for (String dir : List.of("config/empty", "config/sub", "config", "data")) {
            Files.setLastModifiedTime(root.resolve(dir), OLD);
        }
        repository = TestRepositories.create(temp.resolve("repo"));
        registry = PluginRegistry.load(RegistryConfig.only(
                TreeUnit.of("config"),
                TreeUnit.of("db").withCompanions("-wal"),
                TestStrategy.full()));
    }

    @AfterEach
    void tearDown() {
        repository.close();
    }

    private void write(String rel, String content, String perms) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        Files.setLastModifiedTime(p, OLD);
    }

    private Manifest backup() {
        InstallProfile profile = new InstallProfile("test", root, null, "full", List.of(), List.of(
                new InstallProfile.UnitEntry("config", true, List.of("config"), List.of(), Map.of()),
                new InstallProfile.UnitEntry("db", true, List.of("data/app.db", "data/state.json"), List.of(), Map.of())));
        String id = new Archiver(repository, registry).run(BackupRequest.of(profile)).snapshotId();
        return repository.loadSnapshot(id);
    }

    private Restorer restorer() {
        return new Restorer(repository, registry, Map.of());
    }

    private static RestoreRequest inPlace(Manifest m, Path root, RestoreRequest.SwapObserver observer) {
        return new RestoreRequest(m, root, true, Set.of(), List.of(), false, null, observer);
    }

    private static List<String> leftovers(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".cairn-restore-")).toList();
        }
    }

    private Map<String, String> fingerprintOfSnapshotPaths(Path dir) {
        Map<String, String> all = TreeFingerprint.of(dir);
        all.keySet().removeIf(p -> !p.startsWith("config") && !p.equals("data/app.db") && !p.equals("data/state.json"));
        return all;
    }

    @Test
    void restoreIntoAnEmptyDirectoryGivesBackBytesModesLinksEmptyDirectoriesAndTimes() throws IOException {
        Manifest m = backup();
        Path target = temp.resolve("target");
        RestoreResult result = restorer().restore(RestoreRequest.of(m, target));

        assertEquals(fingerprintOfSnapshotPaths(root), fingerprintOfSnapshotPaths(target));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("config/secret.key"))));
        assertEquals(Path.of("app.json"), Files.readSymbolicLink(target.resolve("config/current")));
        assertTrue(Files.isDirectory(target.resolve("config/empty")));
        for (String dir : List.of("config", "config/empty", "config/sub")) {
            assertEquals(OLD, Files.getLastModifiedTime(target.resolve(dir)), dir + " keeps its modification time");
        }
        assertEquals(List.of(), leftovers(target));
        assertEquals(6, result.filesWritten(), "including the empty file");
        assertEquals(0, Files.size(target.resolve("config/blank.conf")));
        assertEquals(m.items().stream().mapToLong(ManifestItem::size).sum(), result.bytesWritten());
        assertTrue(result.plan().items().stream().allMatch(e -> e.action() == RecoveryPlan.Action.CREATE));
    }

    @Test
    void restoreSelectsByUnitAndByPathPattern() throws IOException {
        Manifest m = backup();
        Path byUnit = temp.resolve("by-unit");
        restorer().restore(new RestoreRequest(m, byUnit, false, Set.of("db"), List.of(), false, null, null));
        assertEquals(Set.of("data", "data/app.db", "data/state.json"), TreeFingerprint.of(byUnit).keySet());

        Path byGlob = temp.resolve("by-glob");
        RestoreResult r = restorer().restore(new RestoreRequest(m, byGlob, false, Set.of(), List.of("config/*.json", "config/sub"),
                false, null, null));
        assertEquals(Set.of("config", "config/app.json", "config/sub", "config/sub/deep.yaml"), TreeFingerprint.of(byGlob).keySet());
        assertEquals(List.of("config/app.json", "config/sub", "config/sub/deep.yaml"),
                r.plan().items().stream().map(RecoveryPlan.Entry::path).toList());

        CairnException e = assertThrows(CairnException.class,
                () -> restorer().plan(new RestoreRequest(m, byGlob, false, Set.of("logs"), List.of(), false, null, null)));
        assertEquals(CairnException.Kind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("no unit 'logs'"), e.getMessage());
        CairnException glob = assertThrows(CairnException.class,
                () -> restorer().plan(new RestoreRequest(m, byGlob, false, Set.of(), List.of("config/[ab"), false, null, null)));
        assertEquals(CairnException.Kind.USAGE, glob.kind());
        assertTrue(glob.getMessage().contains("'config/[ab'"), glob.getMessage());
    }

    @Test
    void dryRunPlansCreateReplaceAndUnchangedAndChangesNothing() throws IOException {
        Manifest m = backup();
        Path target = temp.resolve("target");
        restorer().restore(RestoreRequest.of(m, target));
        Files.writeString(target.resolve("config/app.json"), "{\"port\": 9999}\n");
        Files.setPosixFilePermissions(target.resolve("config/secret.key"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.delete(target.resolve("data/state.json"));
        Files.delete(target.resolve("config/current"));
        Files.createSymbolicLink(target.resolve("config/current"), Path.of("secret.key"));
        Files.setPosixFilePermissions(target.resolve("config/empty"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Map<String, String> before = TreeFingerprint.of(target);

        RestoreResult dry = restorer().restore(new RestoreRequest(m, target, false, Set.of(), List.of(), true, null, null));
        Map<String, RecoveryPlan.Action> actions = new java.util.TreeMap<>();
        dry.plan().items().forEach(e -> actions.put(e.path(), e.action()));
        assertEquals(Map.of(
                "config", RecoveryPlan.Action.UNCHANGED,
                "config/app.json", RecoveryPlan.Action.REPLACE,
                "config/blank.conf", RecoveryPlan.Action.UNCHANGED,
                "config/current", RecoveryPlan.Action.REPLACE,
                "config/empty", RecoveryPlan.Action.REPLACE,
                "config/secret.key", RecoveryPlan.Action.REPLACE,
                "config/sub", RecoveryPlan.Action.UNCHANGED,
                "config/sub/deep.yaml", RecoveryPlan.Action.UNCHANGED,
                "data/app.db", RecoveryPlan.Action.UNCHANGED,
                "data/state.json", RecoveryPlan.Action.CREATE), actions);
        assertTrue(dry.plan().dryRun());
        assertEquals(0, dry.filesWritten());
        assertEquals(before, TreeFingerprint.of(target), "a dry run changes nothing");
        assertEquals(List.of(), leftovers(target));

        RestoreResult real = restorer().restore(new RestoreRequest(m, target, false, Set.of(), List.of(), false, null, null));
        assertEquals(3, real.filesWritten(), "app.json, secret.key and state.json");
        assertEquals(fingerprintOfSnapshotPaths(root), fingerprintOfSnapshotPaths(target));
    }

    /** Live install after the snapshot: contents, a mode, a link and an empty directory differ. */
    private void changeLiveInstall() throws IOException {
        Files.writeString(root.resolve("config/app.json"), "{\"port\": 1}\n");
        Files.setPosixFilePermissions(root.resolve("config/secret.key"), PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.delete(root.resolve("config/current"));
        Files.createSymbolicLink(root.resolve("config/current"), Path.of("elsewhere.json"));
        Files.delete(root.resolve("config/empty"));
        Files.writeString(root.resolve("config/sub/deep.yaml"), "a: 2\n");
        Files.writeString(root.resolve("data/app.db"), "SQLite format 3\u0000 newer pages");
        Files.writeString(root.resolve("data/state.json"), "{\"ready\": false}\n");
        Files.writeString(root.resolve("config/added-later.txt"), "not in the snapshot\n");
        Files.setPosixFilePermissions(root.resolve("config/sub"), PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    @Test
    void inPlaceRestoreFailingAtAnySwapLeavesTheInstallExactlyAsItWas() throws IOException {
        Manifest m = backup();
        Map<String, String> snapshotState = fingerprintOfSnapshotPaths(root);
        changeLiveInstall();
        Map<String, String> live = TreeFingerprint.of(root);
        int changes = restorer().plan(inPlace(m, root, null)).changes().size();
        assertEquals(8, changes);
        for (int failAt = 1; failAt <= changes; failAt++) {
            AtomicInteger swaps = new AtomicInteger();
            int n = failAt;
            CairnException e = assertThrows(CairnException.class, () -> restorer().restore(inPlace(m, root, path -> {
                if (swaps.incrementAndGet() == n) {
                    throw new IOException("power cut before swapping " + path);
                }
            })));
            assertEquals(CairnException.Kind.IO, e.kind());
            assertTrue(e.getMessage().contains("the live install is unchanged"), e.getMessage());
            assertEquals(live, TreeFingerprint.of(root), "after a failure at swap " + failAt);
            assertEquals(List.of(), leftovers(root));
        }
        restorer().restore(inPlace(m, root, null));
        assertTrue(Files.exists(root.resolve("config/added-later.txt")), "a restore does not delete what the snapshot does not hold");
        Files.delete(root.resolve("config/added-later.txt"));
        assertEquals(snapshotState, fingerprintOfSnapshotPaths(root));
        assertEquals(List.of(), leftovers(root));
    }

    @Test
    void anInPlaceRestoreStoppedWhileStagingChangesNothing() throws IOException {
        Manifest m = backup();
        changeLiveInstall();
        Map<String, String> live = TreeFingerprint.of(root);
        AtomicBoolean stop = new AtomicBoolean();
        ProgressListener stopAtFirstBytes = new ProgressListener() {
            @Override
            public void bytesProcessed(long bytes) {
                stop.set(true);   // Ctrl-C while the first file is being staged
            }
        };
        CairnException e = assertThrows(CairnException.class, () -> restorer().restore(new RestoreRequest(m, root, true,
                Set.of(), List.of(), false, stopAtFirstBytes, null, stop::get)));

        assertEquals(CairnException.Kind.CANCELLED, e.kind());
        assertTrue(e.getMessage().contains("the live install is unchanged"), e.getMessage());
        assertEquals(live, TreeFingerprint.of(root));
        assertEquals(List.of(), leftovers(root), "what was staged is deleted");
    }

    @Test
    void aStopAskedForDuringTheSwapLetsTheSwapFinish() throws IOException {
        Manifest m = backup();
        Map<String, String> snapshotState = fingerprintOfSnapshotPaths(root);
        changeLiveInstall();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger swapped = new AtomicInteger();

        restorer().restore(new RestoreRequest(m, root, true, Set.of(), List.of(), false, null, path -> {
            stop.set(true);   // Ctrl-C with the first move into place: stopping now would leave a half-restored install
            swapped.incrementAndGet();
        }, stop::get));

        assertEquals(8, swapped.get(), "every change was swapped in");
        Files.delete(root.resolve("config/added-later.txt"));
        assertEquals(snapshotState, fingerprintOfSnapshotPaths(root));
        assertEquals(List.of(), leftovers(root));
    }

    @Test
    void failedSmokeTestChangesNothing() throws IOException {
        Manifest m = backup();
        changeLiveInstall();
        Map<String, String> live = TreeFingerprint.of(root);
        AtomicReference<String> stagedContent = new AtomicReference<>();
        PluginRegistry rejecting = PluginRegistry.load(RegistryConfig.only(TreeUnit.of("config").withSmokeTest(ctx -> {
            try {
                stagedContent.set(Files.readString(ctx.staged("config/app.json")));
            } catch (IOException io) {
                return SmokeTestResult.failed("staged file missing: " + io);
            }
            return SmokeTestResult.failed("config/app.json: unexpected end of input");
        }), TreeUnit.of("db")));
        CairnException e = assertThrows(CairnException.class,
                () -> new Restorer(repository, rejecting, Map.of()).restore(inPlace(m, root, null)));
        assertEquals("{\"port\": 8080}\n", stagedContent.get(), "the smoke test sees the restored bytes, staged beside the install");
        assertEquals(CairnException.Kind.SMOKE_TEST, e.kind());
        assertTrue(e.getMessage().contains("unit config rejected") && e.getMessage().contains("unexpected end of input"), e.getMessage());
        assertEquals(live, TreeFingerprint.of(root));
        assertEquals(List.of(), leftovers(root));
    }

    @Test
    void eachSmokeTestSeesAllItsUnitsFilesAndTheFirstUnitInChangeOrderIsReported() throws IOException {
        Manifest m = backup();
        List<String> missing = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.function.Function<String, TreeUnit> rejecting = id -> TreeUnit.of(id).withSmokeTest(ctx -> {
            for (String path : ctx.items()) {
                if (!Files.exists(ctx.staged(path), java.nio.file.LinkOption.NOFOLLOW_LINKS) && m.items().stream()
                        .anyMatch(i -> i.path().equals(path) && ManifestItem.FILE.equals(i.type()))) {
                    missing.add(path);
                }
            }
            return SmokeTestResult.failed(id + " says no");
        });
        // db's files (data/...) may finish staging first; config (config/...) comes first in the changes
        PluginRegistry both = PluginRegistry.load(RegistryConfig.only(rejecting.apply("db"), rejecting.apply("config")));
        Path target = temp.resolve("target");
        CairnException e = assertThrows(CairnException.class,
                () -> new Restorer(repository, both, Map.of()).restore(RestoreRequest.of(m, target)));
        assertEquals(CairnException.Kind.SMOKE_TEST, e.kind());
        assertTrue(e.getMessage().contains("unit config rejected") && e.getMessage().contains("config says no"), e.getMessage());
        assertEquals(List.of(), missing, "files not yet staged when their unit's smoke test ran");
    }

    @Test
    void smokeTestThatThrowsCountsAsFailed() throws IOException {
        Manifest m = backup();
        PluginRegistry throwing = PluginRegistry.load(RegistryConfig.only(TreeUnit.of("config").withSmokeTest(ctx -> {
            throw new IllegalStateException("parser crashed");
        })));
        Path target = temp.resolve("target");
        CairnException e = assertThrows(CairnException.class,
                () -> new Restorer(repository, throwing, Map.of()).restore(RestoreRequest.of(m, target)));
        assertEquals(CairnException.Kind.SMOKE_TEST, e.kind());
        assertTrue(e.getMessage().contains("parser crashed"), e.getMessage());
        assertEquals(Map.of(), TreeFingerprint.of(target), "nothing was restored into the target");
    }

    /** Flips a bit in a stored blob; {@return the snapshot's files that can no longer be read back} */
    private Set<String> damageOneBlob(Manifest m) throws IOException {
        Path pack;
        try (Stream<Path> s = Files.walk(temp.resolve("repo").resolve("data"))) {
            pack = s.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
        }
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(pack.toFile(), "rw")) {
            f.seek(200);
            int b = f.read();
            f.seek(200);
            f.write(b ^ 0x10);
        }
        Set<String> unreadable = new java.util.TreeSet<>();
        for (ManifestItem item : m.items()) {
            if (ManifestItem.FILE.equals(item.type())) {
                try (java.io.InputStream in = repository.openContent(repository.chunksOf(item))) {
                    in.readAllBytes();
                } catch (CairnException | IOException e) {
                    unreadable.add(item.path());
                }
            }
        }
        long files = m.items().stream().filter(i -> ManifestItem.FILE.equals(i.type())).count();
        assertFalse(unreadable.isEmpty(), "the flipped bit damaged a file");
        assertTrue(unreadable.size() < files, "and left others intact: " + unreadable);
        return unreadable;
    }

    @Test
    void aDamagedFileStopsTheRestoreNamingTheFileAndNothingIsWritten() throws IOException {
        Manifest m = backup();
        Set<String> damaged = damageOneBlob(m);
        Path target = temp.resolve("target");
        CairnException e = assertThrows(CairnException.class, () -> restorer().restore(RestoreRequest.of(m, target)));
        assertTrue(e.kind() == CairnException.Kind.CORRUPT || e.kind() == CairnException.Kind.NOT_FOUND, e::toString);
        assertTrue(damaged.contains(e.itemPath()), () -> e.itemPath() + " not in " + damaged);
        assertEquals(Map.of(), TreeFingerprint.of(target), "nothing was restored into the target");
    }

    @Test
    void skippingDamagedFilesRestoresEveryIntactFileAndReportsTheOthers() throws IOException {
        Manifest m = backup();
        Set<String> damaged = damageOneBlob(m);
        Set<String> smokeTested = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.function.Function<String, TreeUnit> recording = id -> TreeUnit.of(id).withSmokeTest(ctx -> {
            smokeTested.add(id);
            return SmokeTestResult.passed();
        });
        PluginRegistry units = PluginRegistry.load(RegistryConfig.only(recording.apply("config"), recording.apply("db")));
        Path target = temp.resolve("target");

        RestoreResult result = new Restorer(repository, units, Map.of()).restore(RestoreRequest.of(m, target).skippingDamaged());

        assertEquals(List.copyOf(damaged), result.damaged());
        assertTrue(result.partial());
        Map<String, String> expected = fingerprintOfSnapshotPaths(root);
        expected.keySet().removeAll(damaged);
        assertEquals(expected, fingerprintOfSnapshotPaths(target), "every intact file (and link and directory) is restored");
        for (String path : damaged) {
            assertFalse(Files.exists(target.resolve(path), LinkOption.NOFOLLOW_LINKS), path + " is left out, not written in part");
            assertTrue(result.issues().stream().anyMatch(i -> path.equals(i.path())
                    && i.severity() == dev.cairn.framework.Issue.Severity.ERROR), () -> path + " is reported: " + result.issues());
        }
        Set<String> damagedUnits = new java.util.HashSet<>();
        m.items().stream().filter(i -> damaged.contains(i.path())).forEach(i -> damagedUnits.add(i.unit()));
        for (String unit : List.of("config", "db")) {
            boolean left = damagedUnits.contains(unit);
            assertEquals(!left, smokeTested.contains(unit), unit + ": a unit with files left out is not smoke-tested, the others are");
            assertEquals(left, result.issues().stream().anyMatch(i -> unit.equals(i.unitId())
                    && i.message().startsWith("smoke test did not run")), unit + ": " + result.issues());
        }
        long intactFiles = m.items().stream().filter(i -> ManifestItem.FILE.equals(i.type()) && !damaged.contains(i.path())).count();
        assertEquals(intactFiles, result.filesWritten());
        assertEquals(List.of(), leftovers(target));
    }

    @Test
    void damagedFilesCannotBeSkippedInPlace() throws IOException {
        Manifest m = backup();
        changeLiveInstall();
        Map<String, String> live = TreeFingerprint.of(root);
        CairnException e = assertThrows(CairnException.class,
                () -> restorer().restore(inPlace(m, root, null).skippingDamaged()));
        assertEquals(CairnException.Kind.USAGE, e.kind());
        assertEquals(live, TreeFingerprint.of(root));
    }

    @Test
    void companionFilesMoveAsideWithTheItemAndComeBackOnRollback() throws IOException {
        Manifest m = backup();
        Files.writeString(root.resolve("data/app.db"), "SQLite format 3\u0000 newer pages");
        Files.writeString(root.resolve("data/app.db-wal"), "wal frames of the newer database");
        Files.writeString(root.resolve("data/state.json"), "{\"ready\": false}\n");
        Map<String, String> live = TreeFingerprint.of(root);
        AtomicReference<Boolean> walAsideWhileSwapping = new AtomicReference<>();
        CairnException e = assertThrows(CairnException.class, () -> restorer().restore(new RestoreRequest(m, root, true,
                Set.of("db"), List.of(), false, null, path -> {
            if (path.equals("data/state.json")) {
                walAsideWhileSwapping.set(Files.exists(root.resolve("data/app.db-wal")));
                throw new IOException("failure after the database was swapped");
            }
        })));
        assertEquals(CairnException.Kind.IO, e.kind());
        assertFalse(walAsideWhileSwapping.get(), "the -wal was moved aside together with app.db");
        assertEquals(live, TreeFingerprint.of(root), "app.db and its -wal are back");

        restorer().restore(new RestoreRequest(m, root, true, Set.of("db"), List.of(), false, null, null));
        assertFalse(Files.exists(root.resolve("data/app.db-wal")), "the old -wal is not carried over to the restored database");
        assertEquals("SQLite format 3\u0000 pages", Files.readString(root.resolve("data/app.db")));
        assertEquals(List.of(), leftovers(root));
    }

    @Test
    void manifestWithAnUnsafePathIsCorruptAndNothingIsWritten() throws IOException {
        Manifest good = backup();
        ManifestItem file = good.items().stream().filter(i -> i.path().equals("config/app.json")).findFirst().orElseThrow();
        ManifestItem escaping = new ManifestItem("../x", file.unit(), file.type(), file.size(), file.sha256(), file.mode(), file.mtimeNs(),
                file.ctimeNs(), file.inode(), null, file.chunks(), null);
        Manifest bad = new Manifest(good.format(), good.backupId(), good.createdUtc(), good.strategy(), null, good.includes(), good.excludes(),
                good.rootHash(), good.wfVersion(), good.engineVersion(), good.hostname(), good.installRoot(), good.governance(),
                good.units(), List.of(file, escaping), List.of());
        Path target = temp.resolve("target");
        CairnException e = assertThrows(CairnException.class, () -> restorer().restore(RestoreRequest.of(bad, target)));
        assertEquals(CairnException.Kind.CORRUPT, e.kind());
        assertTrue(e.getMessage().contains("unsafe path"), e.getMessage());
        assertFalse(Files.exists(target));
        assertFalse(Files.exists(temp.resolve("x")));
    }

    @Test
    void restoreRefusesToWriteThroughASymlinkedParentDirectory() throws IOException {
        Manifest m = backup();
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Path target = Files.createDirectories(temp.resolve("target"));
        Files.createSymbolicLink(target.resolve("config"), outside);
        CairnException e = assertThrows(CairnException.class, () -> restorer().restore(new RestoreRequest(m, target, false, Set.of(),
                List.of("config/app.json"), false, null, null)));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        assertEquals(Map.of(), TreeFingerprint.of(outside));
        assertTrue(Files.isSymbolicLink(target.resolve("config")));
    }

    @Test
    void restoreRefusesToWriteThroughASymlinkedGrandparentDirectory() throws IOException {
        Manifest m = backup();
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.createDirectories(outside.resolve("sub"));
        Path target = Files.createDirectories(temp.resolve("target"));
        Files.createSymbolicLink(target.resolve("config"), outside);
        CairnException e = assertThrows(CairnException.class, () -> restorer().restore(new RestoreRequest(m, target, false, Set.of(),
                List.of("config/sub/deep.yaml"), false, null, null)));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        assertEquals(Map.of("sub", TreeFingerprint.of(temp).get("outside/sub")), TreeFingerprint.of(outside), "nothing lands outside");
    }

    @Test
    void itemBelowASymlinkOfTheSameSnapshotIsNotWrittenThroughTheLink() throws IOException {
        // A snapshot may hold a link and a lexical path through it (a unit configured with current/config
        // while another backs up the link "current"); restoring must never follow the restored link.
        Manifest good = backup();
        Path outside = Files.createDirectories(temp.resolve("outside"));
        ManifestItem file = good.items().stream().filter(i -> i.path().equals("config/app.json")).findFirst().orElseThrow();
        ManifestItem link = new ManifestItem("current", "config", ManifestItem.SYMLINK, 0, null, 0777, file.mtimeNs(), -1, -1,
                outside.toString(), null, null);
        ManifestItem through = new ManifestItem("current/app.json", "config", ManifestItem.FILE, file.size(), file.sha256(), file.mode(),
                file.mtimeNs(), -1, -1, null, file.chunks(), null);
        Manifest m = new Manifest(good.format(), good.backupId(), good.createdUtc(), good.strategy(), null, good.includes(), good.excludes(),
                good.rootHash(), good.wfVersion(), good.engineVersion(), good.hostname(), good.installRoot(), good.governance(),
                good.units(), List.of(link, through), List.of());
        Path target = temp.resolve("target");
        CairnException e = assertThrows(CairnException.class, () -> restorer().restore(RestoreRequest.of(m, target)));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        assertEquals(Map.of(), TreeFingerprint.of(outside), "nothing was written through the link, not even while staging");
        assertEquals(List.of(), leftovers(target));
        assertFalse(Files.exists(target.resolve("current"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void inPlaceRestoreGoesThroughALinkThatStaysInsideTheInstall() throws IOException {
        // current -> releases/2, and the profile names current/config: backups go through the link
        // (FileTreeSupport keeps the lexical paths), so an in-place restore must as well.
        Path install = Files.createDirectories(temp.resolve("deploy"));
        Files.createDirectories(install.resolve("releases/2/config"));
        Files.writeString(install.resolve("releases/2/config/app.json"), "{\"release\": 2}\n");
        Files.createSymbolicLink(install.resolve("current"), Path.of("releases/2"));
        InstallProfile profile = new InstallProfile("deploy", install, null, "full", List.of(),
                List.of(new InstallProfile.UnitEntry("config", true, List.of("current/config"), List.of(), Map.of())));
        Manifest m = repository.loadSnapshot(new Archiver(repository, registry).run(BackupRequest.of(profile)).snapshotId());
        assertEquals(List.of("current/config", "current/config/app.json"), m.items().stream().map(ManifestItem::path).toList());

        Files.writeString(install.resolve("releases/2/config/app.json"), "{\"release\": \"broken\"}\n");
        Files.delete(install.resolve("releases/2/config/app.json"));
        restorer().restore(inPlace(m, install, null));
        assertEquals("{\"release\": 2}\n", Files.readString(install.resolve("releases/2/config/app.json")));
        assertTrue(Files.isSymbolicLink(install.resolve("current")), "the link stays a link");
        assertEquals(List.of(), leftovers(install));
    }

    @Test
    void inPlaceRestoreRefusesALinkThatLeadsOutOfTheInstall() throws IOException {
        Manifest m = backup();
        Path outside = Files.createDirectories(temp.resolve("outside/config"));
        Files.writeString(outside.resolve("app.json"), "outside");
        Path moved = temp.resolve("config-moved");
        Files.move(root.resolve("config"), moved);
        Files.createSymbolicLink(root.resolve("config"), outside);
        Map<String, String> before = TreeFingerprint.of(temp.resolve("outside"));
        CairnException e = assertThrows(CairnException.class, () -> restorer().restore(new RestoreRequest(m, root, true, Set.of(),
                List.of("config/app.json"), false, null, null)));
        assertTrue(e.getMessage().contains("does not lead to a directory inside"), e.getMessage());
        assertEquals(before, TreeFingerprint.of(temp.resolve("outside")));
        assertEquals(List.of(), leftovers(root));
    }
}
