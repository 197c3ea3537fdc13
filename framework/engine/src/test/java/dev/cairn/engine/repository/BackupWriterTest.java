package dev.cairn.engine.repository;

import dev.cairn.engine.snapshot.ManifestItem;
import dev.cairn.framework.CairnException;
import dev.cairn.framework.ProgressListener;
import dev.cairn.framework.unit.ChunkingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackupWriterTest {

    @TempDir
    Path tmp;

    @Test
    void anIoErrorWhilePublishingAbortsTheCommitAndPublishesNoSnapshot() throws IOException {
        Path dir = tmp.resolve("repo");
        byte[] data = Backups.random(1, 700_000);
        try (Repository repo = Repository.init(dir, Backups.encrypted("pw", 128 << 10))) {
            try (BackupWriter writer = repo.newWriter()) {
                StoredContent c = writer.store(new ByteArrayInputStream(data), ChunkingPolicy.fixed(64 << 10), false, ProgressListener.NOOP);
                Files.move(dir.resolve("index"), tmp.resolve("index-away"));
                RepositoryException e = assertThrows(RepositoryException.class,
                        () -> writer.commit(Backups.manifest(List.of(Backups.item("f", c)))));
                assertEquals(CairnException.Kind.IO, e.kind());
                assertThrows(IllegalStateException.class,
                        () -> writer.store(new ByteArrayInputStream(data), ChunkingPolicy.fixed(64 << 10), false, ProgressListener.NOOP));
            }
            Files.move(tmp.resolve("index-away"), dir.resolve("index"));
            assertTrue(repo.snapshotIds().isEmpty(), "no snapshot was published");
            assertTrue(repo.verify(VerifyOptions.readAll()).ok());
            String id = Backups.backup(repo, Map.of("f", data), ChunkingPolicy.fixed(64 << 10));
            assertArrayEquals(data, Backups.restore(repo, id).get("f"));
        }
    }

    @Test
    void storeMayBeCalledFromSeveralThreadsAtOnce() throws Exception {
        try (Repository repo = Repository.init(tmp.resolve("repo"), Backups.encrypted("pw", 256 << 10))) {
            List<byte[]> files = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                files.add(i % 2 == 0 ? Backups.random(i % 4, 400_000) : Backups.compressible(i, 400_000));
            }
            AtomicLong progress = new AtomicLong();
            ProgressListener listener = new ProgressListener() {
                @Override
                public void bytesProcessed(long bytes) {
                    progress.addAndGet(bytes);
                }
            };
            String id;
            ExecutorService callers = Executors.newFixedThreadPool(3);
            try (BackupWriter writer = repo.newWriter()) {
                List<Future<StoredContent>> stored = new ArrayList<>();
                for (byte[] f : files) {
                    stored.add(callers.submit(() -> writer.store(new ByteArrayInputStream(f), ChunkingPolicy.fixed(32 << 10), false, listener)));
                }
                List<ManifestItem> items = new ArrayList<>();
                for (int i = 0; i < files.size(); i++) {
                    StoredContent c = stored.get(i).get();
                    assertTrue(writer.contains(c.chunks().get(0).id()));
                    items.add(Backups.item("f" + i, c));
                }
                id = writer.commit(Backups.manifest(items));
            } finally {
                callers.shutdownNow();
            }
            assertEquals(8L * 400_000, progress.get());
            Map<String, byte[]> restored = Backups.restore(repo, id);
            for (int i = 0; i < files.size(); i++) {
                assertArrayEquals(files.get(i), restored.get("f" + i));
            }
            VerifyReport report = repo.verify(VerifyOptions.readAll());
            assertTrue(report.ok(), report.problems()::toString);
        }
    }

    @Test
    void readDataSubsetReadsSomePacksAndReportsNothingOnASoundRepository() throws IOException {
        try (Repository repo = Repository.init(tmp.resolve("repo"), Backups.plain(64 << 10))) {
            Backups.backup(repo, Map.of("f", Backups.random(1, 2_000_000)), ChunkingPolicy.fixed(64 << 10));
            VerifyReport all = repo.verify(VerifyOptions.readAll());
            VerifyReport some = repo.verify(new VerifyOptions(10, ProgressListener.NOOP));
            assertTrue(all.ok() && some.ok());
            assertTrue(some.blobsRead() > 0 && some.blobsRead() < all.blobsRead(), some.blobsRead() + " of " + all.blobsRead());
            assertEquals(0, repo.verify(VerifyOptions.structure()).blobsRead());
        }
    }

    @Test
    void abortedSessionLeavesNoSnapshotAndItsPacksAreReused() throws IOException {
        Path dir = tmp.resolve("repo");
        byte[] data = Backups.random(2, 1_000_000);
        try (Repository repo = Repository.init(dir, Backups.plain(64 << 10))) {
            try (BackupWriter writer = repo.newWriter()) {
                writer.store(new ByteArrayInputStream(data), ChunkingPolicy.fixed(64 << 10), false, ProgressListener.NOOP);
                writer.abort();
            }
            long afterAbort = size(dir.resolve("data"));
            assertTrue(afterAbort > 0);
            assertTrue(repo.snapshotIds().isEmpty());
            String id = Backups.backup(repo, Map.of("f", data), ChunkingPolicy.fixed(64 << 10));
            assertTrue(size(dir.resolve("data")) < afterAbort + 200_000, "the aborted session's packs were reused");
            assertArrayEquals(data, Backups.restore(repo, id).get("f"));
            assertFalse(repo.verify(VerifyOptions.readAll()).problems().iterator().hasNext());
        }
    }

    @Test
    void aSessionWithManyBlobsPublishesSeveralIndexFiles() throws IOException {
        Path dir = tmp.resolve("repo");
        byte[] data = Backups.compressible(3, 70_000 * 512);
        try (Repository repo = Repository.init(dir, Backups.plain(1 << 20))) {
            String id = Backups.backup(repo, Map.of("pages.db", data), ChunkingPolicy.fixed(512));
            try (Stream<Path> s = Files.list(dir.resolve("index"))) {
                assertEquals(2, s.count(), "one index file published once 65,536 entries were packed, one at commit");
            }
            assertArrayEquals(data, Backups.restore(repo, id).get("pages.db"));
        }
        try (Repository repo = Repository.open(dir, null)) {
            VerifyReport report = repo.verify(VerifyOptions.structure());
            assertTrue(report.ok(), report.problems()::toString);
        }
    }

    @Test
    void sourcesOfOneChunkOnEitherSideOfTheInlineLimitStoreAndDeduplicateLikeLongerOnes() throws IOException {
        int limit = 1 << 20; // DefaultBackupWriter.ONE_CHUNK_INLINE_MAX: a source's only chunk up to this size is stored by the caller
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("empty", new byte[0]);
        files.put("tiny", Backups.compressible(1, 100));
        files.put("at-limit", Backups.compressible(2, limit));
        files.put("over-limit", Backups.random(3, limit + 1));               // one chunk, too large to store inline
        files.put("three-chunks", Backups.compressible(4, 2 * limit + 17));  // cut at the limit: a held first chunk, then more
        files.put("tiny-again", files.get("tiny").clone());
        ChunkingPolicy chunking = ChunkingPolicy.fixed(2 * limit);
        try (Repository repo = Repository.init(tmp.resolve("repo"), Backups.encrypted("pw", 256 << 10))) {
            try (BackupWriter writer = repo.newWriter()) {
                Map<String, StoredContent> stored = new java.util.LinkedHashMap<>();
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    ChunkingPolicy policy = f.getKey().equals("three-chunks") ? ChunkingPolicy.fixed(limit) : chunking;
                    stored.put(f.getKey(), writer.store(new ByteArrayInputStream(f.getValue()), policy, false, ProgressListener.NOOP));
                }
                assertEquals(List.of(), stored.get("empty").chunks());
                assertEquals(List.of(limit), stored.get("at-limit").chunks().stream().map(c -> c.length()).toList());
                assertEquals(List.of(limit + 1), stored.get("over-limit").chunks().stream().map(c -> c.length()).toList());
                assertEquals(List.of(limit, limit, 17), stored.get("three-chunks").chunks().stream().map(c -> c.length()).toList(),
                        "the held first chunk keeps its place ahead of the rest");
                assertEquals(stored.get("tiny").chunks(), stored.get("tiny-again").chunks(), "the same content, the same blob");
                for (StoredContent c : stored.values()) {
                    for (var chunk : c.chunks()) {
                        assertTrue(writer.contains(chunk.id()), chunk.id());
                    }
                }
                List<ManifestItem> items = new ArrayList<>();
                stored.forEach((path, c) -> items.add(Backups.item(path, c)));
                String id = writer.commit(Backups.manifest(items));
                Map<String, byte[]> back = Backups.restore(repo, id);
                files.forEach((path, bytes) -> assertArrayEquals(bytes, back.get(path), path));
            }
            assertTrue(repo.verify(VerifyOptions.readAll()).ok());
        }
    }

    @Test
    void aRepositoryKnowsEverySessionsBlobsInTheSameProcessAndAfterReopening() throws IOException {
        // The first session's index becomes the repository's in-memory index, later ones are added to it.
        Path dir = tmp.resolve("repo");
        byte[] first = Backups.compressible(5, 600_000);
        byte[] second = Backups.random(6, 300_000);
        ChunkingPolicy chunking = ChunkingPolicy.fixed(16 << 10);
        String one;
        String two;
        String three;
        try (Repository repo = Repository.init(dir, Backups.encrypted("pw", 128 << 10))) {
            one = Backups.backup(repo, Map.of("a", first), chunking);
            long packsAfterOne = packFiles(dir);
            two = Backups.backup(repo, Map.of("a", first, "b", second), chunking);
            long packsAfterTwo = packFiles(dir);
            assertTrue(packsAfterTwo > packsAfterOne, "the new file was stored");
            three = Backups.backup(repo, Map.of("a", first, "b", second, "c", first.clone()), chunking);
            assertEquals(packsAfterTwo, packFiles(dir), "nothing new to store: every blob was found in memory");
        }
        try (Repository repo = Repository.open(dir, "pw".toCharArray())) {
            assertArrayEquals(first, Backups.restore(repo, one).get("a"));
            assertArrayEquals(second, Backups.restore(repo, two).get("b"));
            assertArrayEquals(first, Backups.restore(repo, three).get("c"));
            assertTrue(repo.verify(VerifyOptions.readAll()).ok());
        }
    }

    private static long packFiles(Path repo) throws IOException {
        try (Stream<Path> s = Files.walk(repo.resolve("data"))) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void unencryptedConfigNextToKeySlotsIsRefused() throws IOException {
        Path enc = tmp.resolve("enc");
        Path plain = tmp.resolve("plain");
        Repository.init(enc, Backups.encrypted("pw", 1 << 20)).close();
        Repository.init(plain, Backups.plain(1 << 20)).close();
        Files.copy(plain.resolve("config"), enc.resolve("config"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        RepositoryException e = assertThrows(RepositoryException.class, () -> Repository.open(enc, null));
        assertEquals(CairnException.Kind.CORRUPT, e.kind());
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
