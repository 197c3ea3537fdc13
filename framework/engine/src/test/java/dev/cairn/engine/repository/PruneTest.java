package dev.cairn.engine.repository;

import dev.cairn.framework.unit.ChunkingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PruneTest {

    @TempDir
    Path tmp;

    @Test
    void forgottenSnapshotsDataIsFreedAndTheRestStillRestores() throws IOException {
        for (boolean encrypted : new boolean[] {false, true}) {
            Path dir = tmp.resolve("repo-" + encrypted);
            RepositoryOptions options = encrypted ? Backups.encrypted("pw", 256 << 10) : Backups.plain(256 << 10);
            try (Repository repo = Repository.init(dir, options)) {
                Map<String, byte[]> shared = new LinkedHashMap<>();
                shared.put("keep", Backups.random(1, 600_000));
                Map<String, byte[]> first = new LinkedHashMap<>(shared);
                first.put("gone", Backups.random(2, 900_000));
                Map<String, byte[]> second = new LinkedHashMap<>(shared);
                second.put("new", Backups.random(3, 300_000));
                String a = Backups.backup(repo, first, ChunkingPolicy.fixed(64 << 10));
                String b = Backups.backup(repo, second, ChunkingPolicy.fixed(64 << 10));
                repo.forgetSnapshot(a.substring(0, 10));
                assertEquals(java.util.List.of(b), repo.snapshotIds());

                long before = size(dir.resolve("data"));
                PruneReport dry = repo.prune(true);
                assertTrue(dry.dryRun());
                assertEquals(900_000 / (64 << 10) + 1, dry.blobsRemoved());
                assertEquals(before, size(dir.resolve("data")), "a dry run changes nothing");

                PruneReport real = repo.prune(false);
                assertEquals(dry.blobsRemoved(), real.blobsRemoved());
                assertTrue(real.packsDeleted() + real.packsRewritten() > 0);
                long after = size(dir.resolve("data"));
                assertTrue(real.bytesFreed() >= 850_000, "freed " + real.bytesFreed());
                assertEquals(before - after, real.bytesFreed(), "reported bytes match the data directory");
                assertArrayEquals(second.get("keep"), Backups.restore(repo, b).get("keep"));
                assertArrayEquals(second.get("new"), Backups.restore(repo, b).get("new"));
                VerifyReport report = repo.verify(VerifyOptions.readAll());
                assertTrue(report.ok(), report.problems()::toString);
                assertEquals(0, repo.prune(false).blobsRemoved(), "a second prune finds nothing");
            }
            try (Repository repo = Repository.open(dir, encrypted ? "pw".toCharArray() : null)) {
                assertTrue(repo.verify(VerifyOptions.readAll()).ok());
            }
        }
    }


    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
