package dev.cairn.engine.repository;

import dev.cairn.engine.repository.VerifyReport.Kind;
import dev.cairn.engine.repository.VerifyReport.Problem;
import dev.cairn.framework.CairnException;
import dev.cairn.framework.unit.ChunkingPolicy;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damages a repository the ways the issue lists and checks that verify finds each one and names the
 * affected snapshots and files. Every pack holds one random blob, so all packs have the same size
 * (a swap is invisible to the structure check) and a damaged pack hits one file; the files that really cannot be restored any more are computed independently by
 * trying to restore each one.
 */
class VerifyCorruptionTest {

    /** Chunk size and pack target: every pack holds exactly one blob and all packs have the same size. */
    private static final int CHUNK = 64 << 10;

    @TempDir
    Path tmp;

    private Path dir;
    private char[] passphrase;
    private String older;
    private String newer;
    private final Map<String, byte[]> olderFiles = new LinkedHashMap<>();
    private final Map<String, byte[]> newerFiles = new LinkedHashMap<>();

    private void setUp(boolean encrypted) throws IOException {
        dir = tmp.resolve("repo");
        passphrase = encrypted ? "correct horse".toCharArray() : null;
        for (int i = 0; i < 4; i++) {
            olderFiles.put("data/file" + i, Backups.random(100 + i, 2 * CHUNK));
        }
        newerFiles.putAll(olderFiles);
        newerFiles.put("data/new", Backups.random(200, 3 * CHUNK));
        try (Repository repo = Repository.init(dir, encrypted ? Backups.encrypted("correct horse", 64 << 10) : Backups.plain(64 << 10))) {
            older = Backups.backup(repo, olderFiles, ChunkingPolicy.fixed(CHUNK));
            newer = Backups.backup(repo, newerFiles, ChunkingPolicy.fixed(CHUNK));
            VerifyReport clean = repo.verify(VerifyOptions.readAll());
            assertTrue(clean.ok(), clean.problems()::toString);
            assertEquals(2, clean.snapshotsChecked());
        }
    }

    private VerifyReport verify(VerifyOptions options) {
        try (Repository repo = Repository.open(dir, passphrase)) {
            return repo.verify(options);
        }
    }

    private List<Path> packs() throws IOException {
        try (Stream<Path> s = Files.walk(dir.resolve("data"))) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    private List<Path> files(String sub) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve(sub))) {
            return s.sorted().toList();
        }
    }

    /** {@return snapshot id -> paths that can no longer be restored byte-identical} */
    private Map<String, Set<String>> unrestorable() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        try (Repository repo = Repository.open(dir, passphrase)) {
            for (String id : List.of(older, newer)) {
                Map<String, byte[]> expected = id.equals(older) ? olderFiles : newerFiles;
                for (var item : repo.loadSnapshot(id).items()) {
                    try (InputStream in = repo.openContent(repo.chunksOf(item))) {
                        if (!java.util.Arrays.equals(expected.get(item.path()), in.readAllBytes())) {
                            out.computeIfAbsent(id, k -> new HashSet<>()).add(item.path());
                        }
                    } catch (RepositoryException | IOException e) {
                        out.computeIfAbsent(id, k -> new HashSet<>()).add(item.path());
                    }
                }
            }
        }
        return out;
    }

    private static Set<String> files(VerifyReport report) {
        return report.problems().stream().flatMap(p -> p.files().stream()).collect(Collectors.toSet());
    }

    private static Set<String> snapshots(VerifyReport report) {
        return report.problems().stream().flatMap(p -> p.snapshots().stream()).collect(Collectors.toSet());
    }

    private static void flipBit(Path file, long at) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x10);
        }
    }

    private static void assertKind(VerifyReport report, Kind kind) {
        assertTrue(report.problems().stream().anyMatch(p -> p.kind() == kind), () -> "expected " + kind + " in " + report.problems());
    }

    private void assertNamesExactlyTheDamage(VerifyReport report) {
        Map<String, Set<String>> broken = unrestorable();
        assertFalse(broken.isEmpty(), "the damage made some file unrestorable");
        assertEquals(broken.keySet(), snapshots(report), "affected snapshots");
        Set<String> brokenPaths = broken.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        assertEquals(brokenPaths, files(report), "affected files");
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void flippedBitInAPackIsFoundByReadingData(boolean encrypted) throws IOException {
        setUp(encrypted);
        Path pack = packs().get(2);
        flipBit(pack, 200);
        assertTrue(verify(VerifyOptions.structure()).ok(), "a flipped bit leaves the structure intact");
        VerifyReport report = verify(VerifyOptions.readAll());
        assertKind(report, Kind.DAMAGED_BLOB);
        assertNamesExactlyTheDamage(report);
        assertTrue(report.blobsRead() > 0);
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void flippedBitInAPackTrailerIsFoundByItsName(boolean encrypted) throws IOException {
        setUp(encrypted);
        Path pack = packs().get(2);
        flipBit(pack, Files.size(pack) - 20);
        assertTrue(verify(VerifyOptions.structure()).ok(), "a flipped bit leaves the structure intact");
        VerifyReport report = verify(VerifyOptions.readAll());
        assertKind(report, Kind.DAMAGED_FILE);
        String name = pack.getFileName().toString();
        assertTrue(report.problems().stream().allMatch(p -> p.kind() == Kind.DAMAGED_FILE && p.where().contains(name)),
                report.problems()::toString);
        assertTrue(unrestorable().isEmpty(), "the blobs themselves are intact");
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void truncatedPackIsFoundByTheStructureCheck(boolean encrypted) throws IOException {
        setUp(encrypted);
        Path pack = packs().get(1);
        try (RandomAccessFile f = new RandomAccessFile(pack.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        VerifyReport report = verify(VerifyOptions.structure());
        assertKind(report, Kind.MISSING_PACK);
        assertNamesExactlyTheDamage(report);
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void deletedPackIsFoundByTheStructureCheck(boolean encrypted) throws IOException {
        setUp(encrypted);
        Files.delete(packs().get(0));
        VerifyReport report = verify(VerifyOptions.structure());
        assertKind(report, Kind.MISSING_PACK);
        assertNamesExactlyTheDamage(report);
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void deletedIndexIsFoundAndTheNextBackupReindexesThePacks(boolean encrypted) throws IOException {
        setUp(encrypted);
        List<Path> indexes = files("index");
        assertEquals(2, indexes.size(), "one index file per backup");
        Path first = indexes.stream().max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        Files.delete(first);
        VerifyReport report = verify(VerifyOptions.structure());
        assertKind(report, Kind.MISSING_BLOB);
        assertNamesExactlyTheDamage(report);
        try (Repository repo = Repository.open(dir, passphrase)) {
            String third = Backups.backup(repo, Map.of("other", Backups.random(300, 1000)), ChunkingPolicy.fixed(CHUNK));
            VerifyReport after = repo.verify(VerifyOptions.readAll());
            assertTrue(after.ok(), after.problems()::toString);
            assertEquals(Set.of(older, newer, third), Set.copyOf(repo.snapshotIds()));
            assertArrayEquals(newerFiles.get("data/file1"), Backups.restore(repo, newer).get("data/file1"));
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void twoSwappedPacksAreFound(boolean encrypted) throws IOException {
        setUp(encrypted);
        List<Path> packs = packs();
        Path a = packs.get(0);
        Path b = packs.get(1);
        assertEquals(a.toFile().length(), b.toFile().length());
        Path t = dir.resolve("swap");
        Files.move(a, t);
        Files.move(b, a);
        Files.move(t, b);
        assertTrue(verify(VerifyOptions.structure()).ok(), "packs of equal size swap without changing the structure");
        VerifyReport report = verify(VerifyOptions.readAll());
        assertKind(report, Kind.DAMAGED_FILE);
        Set<String> wheres = report.problems().stream().map(Problem::where).collect(Collectors.toSet());
        String nameA = a.getFileName().toString();
        String nameB = b.getFileName().toString();
        assertTrue(wheres.stream().anyMatch(w -> w.contains(nameA)) && wheres.stream().anyMatch(w -> w.contains(nameB)), wheres::toString);
        assertNamesExactlyTheDamage(report);
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void olderSnapshotPutBackInPlaceOfANewerOneIsFound(boolean encrypted) throws IOException {
        setUp(encrypted);
        Files.copy(dir.resolve("snapshots").resolve(older), dir.resolve("snapshots").resolve(newer), StandardCopyOption.REPLACE_EXISTING);
        VerifyReport report = verify(VerifyOptions.structure());
        assertKind(report, Kind.SNAPSHOT_REPLACED);
        assertEquals(Set.of(newer), snapshots(report));
        try (Repository repo = Repository.open(dir, passphrase)) {
            RepositoryException e = assertThrows(RepositoryException.class, () -> repo.loadSnapshot(newer));
            assertEquals(CairnException.Kind.CORRUPT, e.kind());
            assertTrue(e.getMessage().contains(older), e.getMessage());
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void damagedIndexAndSnapshotFilesAreFound(boolean encrypted) throws IOException {
        setUp(encrypted);
        Path index = files("index").get(0);
        byte[] bytes = Files.readAllBytes(index);
        bytes[bytes.length / 2] ^= 1;
        Files.write(index, bytes);
        Path snapshot = dir.resolve("snapshots").resolve(older);
        byte[] snap = Files.readAllBytes(snapshot);
        Files.write(snapshot, java.util.Arrays.copyOf(snap, snap.length - 7));
        VerifyReport report = verify(VerifyOptions.structure());
        assertTrue(report.problems().stream().anyMatch(p -> p.kind() == Kind.DAMAGED_FILE && p.where().startsWith("index/")),
                report.problems()::toString);
        assertTrue(report.problems().stream().anyMatch(p -> p.kind() == Kind.DAMAGED_FILE && p.snapshots().contains(older)),
                report.problems()::toString);
    }
}
