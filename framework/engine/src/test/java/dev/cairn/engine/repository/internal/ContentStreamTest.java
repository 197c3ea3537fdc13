package dev.cairn.engine.repository.internal;

import dev.cairn.engine.repository.Backups;
import dev.cairn.engine.repository.Repository;
import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.engine.snapshot.ChunkRef;
import dev.cairn.framework.CairnException;
import dev.cairn.framework.unit.ChunkingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stored file read back through {@link Repository#openContent}: reads that span chunks, adjacent blobs
 * read as runs, and damage met midway (at the start, inside and at the end of a run).
 */
class ContentStreamTest {

    private static final int CHUNK = 4096;

    @TempDir
    Path tmp;

    private static byte[] readAll(InputStream in, int bufferSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[bufferSize];
        for (int n; (n = in.read(buf, 0, buf.length)) >= 0; ) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    @Test
    void readsThatSpanManyChunksReturnEveryByteInOrder() throws IOException {
        byte[] content = Backups.random(3, 300 * CHUNK + 123);
        try (Repository repo = Repository.init(tmp.resolve("repo"), Backups.plain(1 << 20))) {
            String id = Backups.backup(repo, Map.of("f", content), ChunkingPolicy.fixed(CHUNK));
            List<ChunkRef> chunks = repo.chunksOf(repo.loadSnapshot(id).items().get(0));
            assertEquals(301, chunks.size());
            for (int size : new int[] {1, CHUNK - 1, CHUNK + 1, 3 * CHUNK, 1 << 20}) {
                try (InputStream in = repo.openContent(chunks)) {
                    assertArrayEquals(content, readAll(in, size), "buffer of " + size + " bytes");
                }
            }
        }
    }

    @Test
    void adjacentBlobsAreReadAsRunsAcrossPacksOfAnEncryptedRepository() throws IOException {
        byte[] content = Backups.pages(5, 600);
        try (Repository repo = Repository.init(tmp.resolve("repo"), Backups.encrypted("pw", 128 << 10))) {
            String id = Backups.backup(repo, Map.of("db", content), ChunkingPolicy.fixed(Backups.PAGE));
            List<ChunkRef> chunks = repo.chunksOf(repo.loadSnapshot(id).items().get(0));
            assertEquals(600, chunks.size());
            try (Stream<Path> s = Files.walk(tmp.resolve("repo").resolve("data"))) {
                assertTrue(s.filter(Files::isRegularFile).count() > 2, "the file's blobs span several packs");
            }
            for (int size : new int[] {1, Backups.PAGE, 7 * Backups.PAGE + 5, 1 << 20}) {
                try (ContentStream in = (ContentStream) repo.openContent(chunks)) {
                    assertArrayEquals(content, readAll(in, size), "buffer of " + size + " bytes");
                    int reads = in.reads();
                    assertTrue(reads >= chunks.size() / ContentStream.RUN_BLOBS && reads < chunks.size() / 4,
                            reads + " reads for " + chunks.size() + " chunks");
                }
            }
        }
    }

    @Test
    void aBlobTheFileHoldsSeveralTimesInOneRunReadsBackEachTime() throws IOException {
        byte[] distinct = Backups.pages(7, 3);
        int[] pattern = {0, 1, 0, 0, 2, 0, 1, 1, 2, 2, 0};
        byte[] content = new byte[pattern.length * 20 * Backups.PAGE];
        for (int p = 0; p < content.length / Backups.PAGE; p++) {
            System.arraycopy(distinct, pattern[p % pattern.length] * Backups.PAGE, content, p * Backups.PAGE, Backups.PAGE);
        }
        try (Repository repo = Repository.init(tmp.resolve("repo"), Backups.encrypted("pw", 1 << 20))) {
            String id = Backups.backup(repo, Map.of("db", content), ChunkingPolicy.fixed(Backups.PAGE));
            List<ChunkRef> chunks = repo.chunksOf(repo.loadSnapshot(id).items().get(0));
            assertEquals(3, chunks.stream().map(ChunkRef::id).distinct().count());
            try (ContentStream in = (ContentStream) repo.openContent(chunks)) {
                assertArrayEquals(content, readAll(in, 1 << 16));
                assertTrue(in.reads() < chunks.size() / 4, in.reads() + " reads for " + chunks.size() + " chunks");
            }
        }
    }

    /** Damage where, with the blobs stored in file order, a run of 32 starts, ends, or has chunks on both sides. */
    @ParameterizedTest
    @ValueSource(ints = {0, 31, 32, 40, 63})
    void damageInAnEncryptedRunIsReportedAfterEveryByteBeforeIt(int damagedChunk) throws IOException {
        byte[] content = Backups.random(6, 64 * CHUNK);
        Path dir = tmp.resolve("repo");
        String id;
        try (Repository repo = Repository.init(dir, Backups.encrypted("pw", 1 << 20))) {
            id = Backups.backup(repo, Map.of("f", content), ChunkingPolicy.fixed(CHUNK));
        }
        try (Repository repo = Repository.open(dir, "pw".toCharArray())) {
            List<ChunkRef> chunks = repo.chunksOf(repo.loadSnapshot(id).items().get(0));
            BlobLocation damaged = ((FileRepository) repo).index().find(Hex.id(chunks.get(damagedChunk).id()));
            Path pack = dir.resolve("data").resolve(damaged.pack().substring(0, 2)).resolve(damaged.pack());
            byte[] bytes = Files.readAllBytes(pack);
            bytes[(int) damaged.offset() + 20] ^= 1;
            Files.write(pack, bytes);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            try (InputStream in = repo.openContent(chunks)) {
                byte[] buf = new byte[3 * CHUNK];
                RepositoryException e = assertThrows(RepositoryException.class, () -> {
                    for (int n; (n = in.read(buf, 0, buf.length)) >= 0; ) {
                        got.write(buf, 0, n);
                    }
                });
                assertEquals(CairnException.Kind.CORRUPT, e.kind());
                assertThrows(RepositoryException.class, () -> in.read(buf, 0, buf.length), "the failure stays");
            }
            assertArrayEquals(Arrays.copyOf(content, damagedChunk * CHUNK), got.toByteArray());
        }
    }

    @Test
    void damageInALaterChunkIsReportedAfterEveryByteBeforeIt() throws IOException {
        byte[] content = Backups.random(4, 64 * CHUNK);
        Path dir = tmp.resolve("repo");
        String id;
        try (Repository repo = Repository.init(dir, Backups.plain(1 << 20))) {
            id = Backups.backup(repo, Map.of("f", content), ChunkingPolicy.fixed(CHUNK));
        }
        Path pack;
        try (Stream<Path> s = Files.walk(dir.resolve("data"))) {
            pack = s.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        try (Repository repo = Repository.open(dir, null)) {
            List<ChunkRef> chunks = repo.chunksOf(repo.loadSnapshot(id).items().get(0));
            // damage the 41st chunk where it is stored (random content does not compress: stored as it is)
            BlobLocation damaged = ((FileRepository) repo).index().find(Hex.id(chunks.get(40).id()));
            byte[] bytes = Files.readAllBytes(pack);
            bytes[(int) damaged.offset() + 10] ^= 1;
            Files.write(pack, bytes);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            try (InputStream in = repo.openContent(chunks)) {
                byte[] buf = new byte[1 << 20];
                RepositoryException e = assertThrows(RepositoryException.class, () -> {
                    for (int n; (n = in.read(buf, 0, buf.length)) >= 0; ) {
                        got.write(buf, 0, n);
                    }
                });
                assertEquals(CairnException.Kind.CORRUPT, e.kind());
            }
            assertArrayEquals(Arrays.copyOf(content, 40 * CHUNK), got.toByteArray());
        }
    }
}
