package dev.cairn.engine.repository.internal;

import dev.cairn.engine.repository.Backups;
import dev.cairn.engine.repository.Repository;
import dev.cairn.engine.snapshot.SnapshotFacts;
import dev.cairn.framework.unit.ChunkingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local cache of snapshot facts: filled by backups, verified on every read, never trusted blindly. */
class FactsCacheTest {

    @TempDir
    Path tmp;

    private static String backup(Repository repo, long seed) throws IOException {
        return Backups.backup(repo, Map.of("a", Backups.random(seed, 5000), "b", Backups.random(seed + 1, 300)), ChunkingPolicy.contentDefined());
    }

    private Path entry(Repository repo, String id) {
        return tmp.resolve("cache").resolve(repo.info().id()).resolve(id);
    }

    @Test
    void aBackupCachesTheFactsOfItsSnapshotAndTheyEqualTheManifests() throws IOException {
        try (Repository repo = Repository.init(tmp.resolve("repo"), Backups.encrypted("pw", 1 << 20))) {
            repo.cacheSnapshotsIn(tmp.resolve("cache"));
            String id = backup(repo, 1);
            assertTrue(Files.exists(entry(repo, id)), "written with the snapshot");
            SnapshotFacts expected = SnapshotFacts.of(repo.loadSnapshot(id));
            assertEquals(expected, repo.snapshotFacts(id));
            assertEquals(2, expected.items());
            assertEquals(5300, expected.fileBytes());
        }
    }

    @Test
    void aChangedOrMisplacedEntryIsIgnoredAndRewrittenFromTheManifest() throws IOException {
        try (Repository repo = Repository.init(tmp.resolve("repo"), Backups.encrypted("pw", 1 << 20))) {
            repo.cacheSnapshotsIn(tmp.resolve("cache"));
            String first = backup(repo, 1);
            String second = backup(repo, 2);
            SnapshotFacts truth = SnapshotFacts.of(repo.loadSnapshot(first));

            // a forged item count (the u32 before the u64 file bytes, the root hash and the hostname "host"):
            // the MAC no longer verifies
            Path file = entry(repo, first);
            byte[] good = Files.readAllBytes(file);
            int countAt = good.length - (4 + 4) - (4 + 32) - 8 - 4;
            assertEquals(2, java.nio.ByteBuffer.wrap(good, countAt, 4).getInt(), "the item count where the layout puts it");
            byte[] forged = good.clone();
            forged[countAt + 3] = 9;
            Files.write(file, forged);
            assertEquals(truth, repo.snapshotFacts(first));
            assertArrayEquals(good, Files.readAllBytes(file), "rewritten from the manifest");

            // another snapshot's valid entry put under this id
            Files.copy(entry(repo, second), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertEquals(truth, repo.snapshotFacts(first));

            // garbage and an empty file
            Files.writeString(file, "not an entry");
            assertEquals(truth, repo.snapshotFacts(first));
            Files.write(file, new byte[0]);
            assertEquals(truth, repo.snapshotFacts(first));
        }
    }

    @Test
    void anotherRepositorysEntriesDoNotVerify() throws IOException {
        Path cache = tmp.resolve("cache");
        try (Repository a = Repository.init(tmp.resolve("a"), Backups.encrypted("pw", 1 << 20));
             Repository b = Repository.init(tmp.resolve("b"), Backups.encrypted("pw", 1 << 20))) {
            a.cacheSnapshotsIn(cache);
            b.cacheSnapshotsIn(cache);
            String idA = backup(a, 1);
            String idB = backup(b, 7);
            // b's entry placed where a would look for idA: a's key does not verify it
            Files.copy(cache.resolve(b.info().id()).resolve(idB), cache.resolve(a.info().id()).resolve(idA),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertEquals(SnapshotFacts.of(a.loadSnapshot(idA)), a.snapshotFacts(idA));
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
            assertEquals(SnapshotFacts.of(repo.loadSnapshot(next)), repo.snapshotFacts(next));
        }
    }
}
