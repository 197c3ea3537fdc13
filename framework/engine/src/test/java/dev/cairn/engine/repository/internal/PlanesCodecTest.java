package dev.cairn.engine.repository.internal;

import dev.cairn.engine.repository.Backups;
import dev.cairn.engine.repository.Repository;
import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.engine.repository.RepositoryOptions;
import dev.cairn.engine.repository.VerifyOptions;
import dev.cairn.engine.repository.VerifyReport;
import dev.cairn.engine.snapshot.ChunkRef;
import dev.cairn.framework.CairnException;
import dev.cairn.framework.unit.ChunkingPolicy;
import dev.cairn.framework.unit.ChunkingPolicy.Layout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@link Compression#PLANES16_ZSTD} blob form of {@link Layout#WORDS16} chunks, from the transform to a repository. */
class PlanesCodecTest {

    @TempDir
    Path tmp;


    @Test
    void planesFormIsEvenOffsetsThenOddOffsetsWithAnOddTrailingByteLast() {
        byte[] plain = {10, 11, 20, 21, 30, 31, 40};
        byte[] planes = new byte[plain.length];
        BytePlanes.split(plain, plain.length, planes);
        assertArrayEquals(new byte[] {10, 20, 30, 11, 21, 31, 40}, planes);
        byte[] back = new byte[plain.length];
        BytePlanes.join(planes, plain.length, back);
        assertArrayEquals(plain, back);
    }

    @Test
    void wideLanesGiveTheDefinedFormAtAnyOffsetAndLength() {
        byte[] source = Backups.random(11, 300);
        for (int off : new int[] {0, 1, 3, 8}) {
            for (int n : new int[] {8, 9, 15, 16, 17, 64, 129, 255}) {
                byte[] planes = new byte[n];
                BytePlanes.split(source, off, n, planes);
                int w = n / 2;
                for (int i = 0; i < w; i++) {
                    assertEquals(source[off + 2 * i], planes[i], "low byte " + i + " (offset " + off + ", length " + n + ")");
                    assertEquals(source[off + 2 * i + 1], planes[w + i], "high byte " + i + " (offset " + off + ", length " + n + ")");
                }
                if (n % 2 == 1) {
                    assertEquals(source[off + n - 1], planes[n - 1], "trailing byte");
                }
                byte[] back = new byte[n];
                BytePlanes.join(planes, n, back);
                assertArrayEquals(java.util.Arrays.copyOfRange(source, off, off + n), back, "offset " + off + ", length " + n);
            }
        }
    }

    @Test
    void splitAndJoinAreInversesForEverySmallLength() {
        for (int n = 0; n <= 67; n++) {
            byte[] plain = Backups.random(n, n);
            byte[] planes = new byte[n + 5];   // longer buffers (the reused per-thread one) are fine
            BytePlanes.split(plain, n, planes);
            byte[] back = new byte[n];
            BytePlanes.join(planes, n, back);
            assertArrayEquals(plain, back, "length " + n);
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void wordsChunksRoundTripThroughTheCodecAtEveryParity(boolean encrypted) {
        RepositoryKeys keys = TestKeys.random(encrypted);
        BlobCodec codec = new BlobCodec(keys);
        SessionKey session = SessionKey.random();
        for (int size : new int[] {0, 1, 2, 63, 64, 65, 4096, 100_001, 262_144}) {
            byte[] plain = Backups.halfWeights(size, size);
            BlobCodec.Encoded e = codec.encode(codec.id(plain, 0, plain.length), plain, session, Layout.WORDS16);
            if (size < 64 || size >= 4096) {   // in between, the frame's overhead decides whether it pays
                assertEquals(size < 64 ? Compression.NONE : Compression.PLANES16_ZSTD, e.compression(), "size " + size);
            } else {
                assertTrue(e.compression() == Compression.NONE || e.compression() == Compression.PLANES16_ZSTD, "size " + size);
            }
            byte[] decoded = codec.decode(location(e), e.copy(), session.key(), "test");
            assertArrayEquals(plain, decoded, "size " + size);
        }
    }

    @Test
    void planesCompressFp16WeightsBetterThanPlainZstd() {
        byte[] weights = Backups.halfWeights(7, 1 << 20);
        byte[] plainZstd = Compression.compressIfPays(weights);
        byte[] planes = Compression.compressPlanesIfPays(weights);
        assertTrue(planes != null && planes.length < (plainZstd == null ? weights.length : plainZstd.length),
                "planes " + (planes == null ? "did not pay" : planes.length) + " vs zstd " + (plainZstd == null ? "none" : plainZstd.length));
    }

    @Test
    void thePlanesFormIsAFrameOfEachPlaneAndTheEarlierSingleFrameStillReads() {
        byte[] weights = Backups.halfWeights(9, 1_000_001);   // the planes' boundary falls inside a 128 KiB zstd block
        byte[] twoFrames = Compression.compressPlanesIfPays(weights);
        assertEquals(weights.length / 2, com.github.luben.zstd.Zstd.getFrameContentSize(twoFrames), "the first frame is the low plane");
        assertArrayEquals(weights, Compression.decompressPlanes(twoFrames, 0, twoFrames.length, weights.length, "test"));

        byte[] planes = new byte[weights.length];
        BytePlanes.split(weights, weights.length, planes);
        byte[] oneFrame = Compression.compressIfPays(planes);   // what writers before 2026-12-03 stored
        assertArrayEquals(weights, Compression.decompressPlanes(oneFrame, 0, oneFrame.length, weights.length, "test"));
        assertTrue(twoFrames.length < oneFrame.length, "two frames " + twoFrames.length + " bytes, one frame " + oneFrame.length);
    }

    @Test
    void wordsChunkThatDoesNotCompressIsStoredPlainNotAsZstd() {
        BlobCodec codec = new BlobCodec(TestKeys.random(false));
        byte[] random = Backups.random(3, 200_000);
        BlobCodec.Encoded e = codec.encode(codec.id(random, 0, random.length), random, SessionKey.random(), Layout.WORDS16);
        assertEquals(Compression.NONE, e.compression());
        assertArrayEquals(random, e.copy());
        byte[] text = Backups.compressible(3, 200_000);
        assertEquals(Compression.ZSTD, codec.encode(codec.id(text, 0, text.length), text, SessionKey.random(), Layout.BYTES).compression(),
                "BYTES chunks keep plain zstd");
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void damagedPlanesBlobIsCorrupt(boolean encrypted) {
        RepositoryKeys keys = TestKeys.random(encrypted);
        BlobCodec codec = new BlobCodec(keys);
        SessionKey session = SessionKey.random();
        byte[] plain = Backups.halfWeights(11, 100_000);
        BlobCodec.Encoded e = codec.encode(codec.id(plain, 0, plain.length), plain, session, Layout.WORDS16);
        assertEquals(Compression.PLANES16_ZSTD, e.compression());
        for (int at : new int[] {e.copy().length / 3, e.copy().length / 2, e.copy().length - 20}) {
            byte[] bad = e.copy().clone();
            bad[at] ^= 0x5a;
            RepositoryException x = assertThrows(RepositoryException.class, () -> codec.decode(location(e), bad, session.key(), "pack x"));
            assertEquals(CairnException.Kind.CORRUPT, x.kind(), x.getMessage());
        }
        // the same bytes under another code do not pass either: the code is part of what is checked
        BlobLocation relabelled = new BlobLocation(e.id(), "p", BlobCodec.TYPE_DATA, Compression.ZSTD, 0, e.copy().length, e.rawLength());
        RepositoryException x = assertThrows(RepositoryException.class, () -> codec.decode(relabelled, e.copy(), session.key(), "pack x"));
        assertEquals(CairnException.Kind.CORRUPT, x.kind());
        BlobLocation unknown = new BlobLocation(e.id(), "p", BlobCodec.TYPE_DATA, 4, 0, e.copy().length, e.rawLength());
        RepositoryException u = assertThrows(RepositoryException.class, () -> codec.decode(unknown, e.copy(), session.key(), "pack x"));
        assertTrue(u.getMessage().contains("compression 4"), u.getMessage());
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void sameBytesAsBytesAndAsWordsAreOneBlobAndVerifyReadsTheWordsForm(boolean encrypted) throws IOException {
        Path dir = tmp.resolve("repo");
        RepositoryOptions options = encrypted ? Backups.encrypted("pw", 1 << 20) : Backups.plain(1 << 20);
        byte[] weights = Backups.halfWeights(5, 3_000_001);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("models/base.f16.bin", weights);
        Set<String> wordsIds;
        try (Repository repo = Repository.init(dir, options)) {
            String words = Backups.backup(repo, files, ChunkingPolicy.contentDefined().withLayout(Layout.WORDS16));
            FileRepository fr = (FileRepository) repo;
            int blobs = fr.index().blobCount();
            wordsIds = ids(repo, words);
            for (String id : wordsIds) {
                assertEquals(Compression.PLANES16_ZSTD, fr.index().find(Hex.id(id)).compression(), id);
            }
            String bytes = Backups.backup(repo, files, ChunkingPolicy.contentDefined());
            assertEquals(wordsIds, ids(repo, bytes), "the layout does not change where chunks are cut or their ids");
            fr.refreshIndex();
            assertEquals(blobs, fr.index().blobCount(), "the BYTES backup stored no new blob");

            VerifyReport report = repo.verify(VerifyOptions.readAll());
            assertTrue(report.ok(), report.problems()::toString);
            assertEquals(wordsIds.size(), report.blobsRead());
            assertArrayEquals(weights, Backups.restore(repo, bytes).get("models/base.f16.bin"));
        }
        try (Repository repo = Repository.open(dir, encrypted ? "pw".toCharArray() : null)) {
            BlobLocation loc = ((FileRepository) repo).index().find(Hex.id(wordsIds.iterator().next()));
            try (RandomAccessFile f = new RandomAccessFile(((FileRepository) repo).packPath(loc.pack()).toFile(), "rw")) {
                long at = loc.offset() + loc.storedLength() / 2;
                f.seek(at);
                int b = f.read();
                f.seek(at);
                f.write(b ^ 0x21);
            }
            VerifyReport damaged = repo.verify(VerifyOptions.readAll());
            assertFalse(damaged.ok());
            assertTrue(damaged.problems().stream().anyMatch(p -> p.files().contains("models/base.f16.bin")), damaged.problems()::toString);
        }
    }

    @Test
    void pruneRewritesAWordsBlobInTheSameForm() throws IOException {
        byte[] weights = Backups.halfWeights(21, 200_000);
        Map<String, byte[]> both = new LinkedHashMap<>();
        both.put("a.f16.bin", weights);
        both.put("b.bin", Backups.random(22, 200_000));
        java.util.function.Function<String, ChunkingPolicy> chunking = path -> path.endsWith(".f16.bin")
                ? ChunkingPolicy.fixed(64 << 10).withLayout(Layout.WORDS16) : ChunkingPolicy.fixed(64 << 10);
        try (Repository repo = Repository.init(tmp.resolve("repo"), Backups.plain(4 << 20))) {
            String first = Backups.backup(repo, both, chunking);
            String second = Backups.backup(repo, Map.of("a.f16.bin", weights), chunking);
            repo.forgetSnapshot(first);

            String pack = ((FileRepository) repo).index().find(Hex.id(ids(repo, second).iterator().next())).pack();
            assertEquals(1, repo.prune(false).packsRewritten(), "the one pack held both files");
            String kept = second;
            try (Repository reopened = Repository.open(tmp.resolve("repo"), null)) {
                FileRepository fr = (FileRepository) reopened;
                for (String id : ids(reopened, kept)) {
                    BlobLocation loc = fr.index().find(Hex.id(id));
                    assertNotEquals(pack, loc.pack(), "rewritten into a new pack");
                    assertEquals(Compression.PLANES16_ZSTD, loc.compression(), id);
                }
                assertArrayEquals(weights, Backups.restore(reopened, kept).get("a.f16.bin"));
            }
        }
    }

    private static Set<String> ids(Repository repo, String snapshot) {
        Set<String> ids = new HashSet<>();
        for (var item : repo.loadSnapshot(snapshot).items()) {
            for (ChunkRef c : repo.chunksOf(item)) {
                ids.add(c.id());
            }
        }
        return ids;
    }

    private static BlobLocation location(BlobCodec.Encoded e) {
        return new BlobLocation(e.id(), "p", BlobCodec.TYPE_DATA, e.compression(), 0, e.copy().length, e.rawLength());
    }
}
