package dev.cairn.engine.repository.internal;

import dev.cairn.engine.repository.Backups;
import dev.cairn.engine.repository.Repository;
import dev.cairn.engine.snapshot.ManifestItem;
import dev.cairn.framework.unit.ChunkingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local cache of recent snapshots' items: filled by backups, consulted first, verified on every read. */
class ItemsCacheTest {

    @TempDir
    Path tmp;

    private static String backup(Repository repo, long seed) throws IOException {
        // "a" is cut into many chunks and listed in chunk-list blobs, "b" lists its chunks in the item
        return Backups.backup(repo, Map.of("a", Backups.random(seed, 300_000), "b", Backups.random(seed + 1, 300)),
                ChunkingPolicy.fixed(4096));
    }

    private Path cacheDir(Repository repo) {
        return tmp.resolve("cache").resolve(repo.info().id()).resolve("items");
    }

    private Path entry(Repository repo, String id) {
        return cacheDir(repo).resolve(id);
    }

    private static ItemsCache sameKeyAs(Repository repo, Path dir) {
        return new ItemsCache(dir, Crypto.subkey(repo.auditKey(), "items-cache"));
    }

    @Test
    void aBackupCachesItsItemsAndTheRepositoryAnswersFromTheCache() throws IOException {
        try (Repository repo = Repository.init(tmp.resolve("repo"), Backups.encrypted("pw", 1 << 20))) {
            repo.cacheSnapshotsIn(tmp.resolve("cache"));
            String id = backup(repo, 1);
            assertTrue(Files.exists(entry(repo, id)), "written with the snapshot");
            List<ManifestItem> truth = repo.loadSnapshot(id).items();
            assertTrue(truth.get(0).hasChunkLists() && !truth.get(1).hasChunkLists());
            assertEquals(truth, repo.snapshotItems(id));

            // a valid entry saying something else is believed: the answer comes from the cache, not the manifest
            List<ManifestItem> other = List.of(truth.get(1));
            sameKeyAs(repo, cacheDir(repo)).put(id, other);
            assertEquals(other, repo.snapshotItems(id));
        }
    }

    @Test
    void aDamagedEntryIsIgnoredAndRewrittenFromTheManifest() throws IOException {
        try (Repository repo = Repository.init(tmp.resolve("repo"), Backups.encrypted("pw", 1 << 20))) {
            repo.cacheSnapshotsIn(tmp.resolve("cache"));
            String id = backup(repo, 1);
            Path file = entry(repo, id);
            byte[] good = Files.readAllBytes(file);
            byte[] flipped = good.clone();
            flipped[flipped.length - 20] ^= 1;   // one bit of the items: the MAC no longer verifies
            Files.write(file, flipped);
            assertEquals(repo.loadSnapshot(id).items(), repo.snapshotItems(id));
            assertArrayEquals(good, Files.readAllBytes(file), "rewritten from the manifest");
        }
    }

    @Test
    void onlyTheEntriesUsedLastAreKept() throws IOException {
        try (Repository repo = Repository.init(tmp.resolve("repo"), Backups.plain(1 << 20))) {
            repo.cacheSnapshotsIn(tmp.resolve("cache"));
            List<String> ids = new ArrayList<>();
            for (int n = 0; n < ItemsCache.KEEP + 2; n++) {
                ids.add(backup(repo, 10 + n));
                // distinct times, as backups minutes apart would have
                Files.setLastModifiedTime(entry(repo, ids.get(n)), FileTime.fromMillis(1_000_000L * (n + 1)));
            }
            assertEquals(ids.subList(2, ids.size()).stream().sorted().toList(), entries(repo), "the newest KEEP entries");

            // reading an evicted snapshot's items caches them again, as the most recently used
            assertEquals(repo.loadSnapshot(ids.get(0)).items(), repo.snapshotItems(ids.get(0)));
            assertTrue(Files.exists(entry(repo, ids.get(0))));
            assertEquals(ItemsCache.KEEP, entries(repo).size());
            assertFalse(Files.exists(entry(repo, ids.get(2))), "the least recently used went instead");
        }
    }

    @Test
    void forgettingASnapshotRemovesItsEntryAndAnUnwritableCacheOnlyCostsReads() throws IOException {
        try (Repository repo = Repository.init(tmp.resolve("repo"), Backups.plain(1 << 20))) {
            repo.cacheSnapshotsIn(tmp.resolve("cache"));
            String id = backup(repo, 3);
            assertTrue(Files.exists(entry(repo, id)));
            repo.forgetSnapshot(id);
            assertFalse(Files.exists(entry(repo, id)));

            Path blocked = tmp.resolve("blocked");
            Files.writeString(blocked, "a file where the cache directory would be");
            repo.cacheSnapshotsIn(blocked);
            String next = backup(repo, 4);
            assertEquals(repo.loadSnapshot(next).items(), repo.snapshotItems(next));
        }
    }

    private List<String> entries(Repository repo) throws IOException {
        try (Stream<Path> s = Files.list(cacheDir(repo))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(AtomicFiles.TEMP_PREFIX)).sorted().toList();
        }
    }
}
