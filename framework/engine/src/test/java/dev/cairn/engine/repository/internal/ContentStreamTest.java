package dev.cairn.engine.repository.internal;

import dev.cairn.engine.repository.Backups;
import dev.cairn.engine.repository.Repository;
import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.engine.snapshot.ChunkRef;
import dev.cairn.framework.CairnException;
import dev.cairn.framework.unit.ChunkingPolicy;
import org.junit.jupiter.api.Test;
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

/** A stored file read back through {@link Repository#openContent}: reads that span chunks, and damage met midway. */
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
