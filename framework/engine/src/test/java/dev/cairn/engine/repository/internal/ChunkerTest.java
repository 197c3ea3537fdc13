package dev.cairn.engine.repository.internal;

import dev.cairn.engine.repository.Backups;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkerTest {

    private static final ChunkerParams SMALL = new ChunkerParams(2048, 8192, 32768);

    private static List<byte[]> chunks(byte[] data, Chunker chunker, int readSize) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(data);
        ChunkStream stream = new ChunkStream((b, off, len) -> in.read(b, off, Math.min(len, readSize)), chunker);
        List<byte[]> out = new ArrayList<>();
        byte[] c;
        while ((c = stream.next()) != null) {
            out.add(c);
        }
        return out;
    }

    private static List<Integer> lengths(List<byte[]> chunks) {
        return chunks.stream().map(c -> c.length).toList();
    }

    @Test
    void contentDefinedChunksRespectTheSizeBoundsAndReassemble() throws IOException {
        byte[] data = Backups.random(1, 1 << 20);
        List<byte[]> chunks = chunks(data, new FastCdcChunker(SMALL, GearTable.derive(new byte[32])), 1 << 16);
        java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < chunks.size(); i++) {
            int len = chunks.get(i).length;
            assertTrue(len <= SMALL.max(), "chunk " + i + " has " + len);
            if (i < chunks.size() - 1) {
                assertTrue(len > SMALL.min(), "chunk " + i + " has " + len);
            }
            joined.writeBytes(chunks.get(i));
        }
        assertArrayEquals(data, joined.toByteArray());
        assertTrue(chunks.size() > 1);
    }

    @Test
    void cutPointsDoNotDependOnHowTheSourceDeliversBytes() throws IOException {
        byte[] data = Backups.random(2, 300_000);
        Chunker chunker = new FastCdcChunker(SMALL, GearTable.derive(new byte[32]));
        assertEquals(lengths(chunks(data, chunker, 1 << 20)), lengths(chunks(data, chunker, 7)));
    }

    @Test
    void cutPointsResynchroniseAfterAnInsertion() throws IOException {
        byte[] data = Backups.random(3, 400_000);
        byte[] edited = new byte[data.length + 10];
        System.arraycopy(data, 0, edited, 10, data.length);
        Chunker chunker = new FastCdcChunker(SMALL, GearTable.derive(new byte[32]));
        List<String> a = chunks(data, chunker, 1 << 16).stream().map(java.util.Arrays::toString).toList();
        List<String> b = chunks(edited, chunker, 1 << 16).stream().map(java.util.Arrays::toString).toList();
        long shared = b.stream().filter(a::contains).count();
        assertTrue(shared >= a.size() - 2, shared + " of " + a.size() + " chunks survive a 10-byte insertion at the start");
    }

    @Test
    void theGearSeedChangesTheCutPoints() throws IOException {
        byte[] data = Backups.random(4, 400_000);
        byte[] otherSeed = new byte[32];
        otherSeed[0] = 1;
        assertNotEquals(lengths(chunks(data, new FastCdcChunker(SMALL, GearTable.derive(new byte[32])), 1 << 16)),
                lengths(chunks(data, new FastCdcChunker(SMALL, GearTable.derive(otherSeed)), 1 << 16)));
    }

    /** The cut points of one call per chunk over all the bytes that follow it: what reading piece by piece must reproduce. */
    private static List<Integer> oneShotLengths(byte[] data, Chunker chunker) {
        List<Integer> out = new ArrayList<>();
        for (int pos = 0; pos < data.length; ) {
            int n = chunker.cut(data, pos, data.length - pos);
            out.add(n);
            pos += n;
        }
        return out;
    }

    @Test
    void readingPieceByPieceCutsWhereOneCallOverAllTheBytesCuts() throws IOException {
        // Repeating content makes cut points come from both masks and from the maximum; odd read sizes make
        // the chunker resume at every offset relative to the 64 bytes the gear hash depends on.
        byte[] random = Backups.random(6, 200_000);
        byte[] data = new byte[600_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = i < 300_000 ? random[i % random.length] : (byte) (i % 251 < 200 ? 0 : random[i % 997]);
        }
        for (Chunker chunker : List.of(new FastCdcChunker(SMALL, GearTable.derive(new byte[32])),
                new FastCdcChunker(new ChunkerParams(64, 4096, 65536), GearTable.derive(new byte[32])),
                new FixedChunker(4096), new FixedChunker(12288))) {
            List<Integer> expected = oneShotLengths(data, chunker);
            assertTrue(expected.size() > 10, chunker + ": " + expected.size() + " chunks");
            for (int readSize : new int[] {1, 7, 63, 64, 65, 1000, 4096, 70_000, 1 << 20}) {
                assertEquals(expected, lengths(chunks(data, chunker, readSize)), chunker + " read " + readSize + " bytes at a time");
            }
        }
    }

    @Test
    void aStreamGivesItsArraysBackAndTakesThemFromThePool() throws IOException {
        byte[] data = Backups.random(7, 3 * SMALL.max());
        ChunkBufferPool pool = new ChunkBufferPool(1 << 20);
        Chunker chunker = new FastCdcChunker(SMALL, GearTable.derive(new byte[32]));
        java.util.Set<byte[]> arrays = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int round = 0; round < 3; round++) {
            ByteArrayInputStream in = new ByteArrayInputStream(data);
            ChunkStream stream = new ChunkStream((b, off, len) -> in.read(b, off, len), chunker, pool,
                    new byte[ChunkStream.BUFFER_BYTES]);
            java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
            ChunkStream.Chunk c;
            while ((c = stream.nextChunk()) != null) {
                assertTrue(c.length() <= SMALL.max() && c.buf().length >= c.length());
                joined.write(c.buf(), 0, c.length());
                arrays.add(c.buf());
                pool.give(c.buf());
            }
            assertArrayEquals(data, joined.toByteArray());
        }
        assertTrue(arrays.size() <= 4, "three passes over the same data reused the pool's arrays: " + arrays.size() + " distinct");
    }

    @Test
    void smallChunksNeedABufferForTheirReads() {
        Chunker pages = new FixedChunker(4096);
        assertTrue(ChunkStream.needsBuffer(pages));
        assertThrows(IllegalArgumentException.class, () -> new ChunkStream((b, off, len) -> -1, pages, new ChunkBufferPool(0), null));
        assertTrue(!ChunkStream.needsBuffer(new FastCdcChunker(ChunkerParams.DEFAULT, GearTable.derive(new byte[32]))));
    }

    @Test
    void fixedChunksAreAlignedToTheStart() throws IOException {
        byte[] data = Backups.random(5, 10 * 4096 + 100);
        assertEquals(List.of(16384, 16384, 8292), lengths(chunks(data, new FixedChunker(16384), 1000)));
    }

    @Test
    void invalidSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ChunkerParams(1024, 3000, 8192));
        assertThrows(IllegalArgumentException.class, () -> new ChunkerParams(8192, 4096, 16384));
        assertThrows(IllegalArgumentException.class, () -> new ChunkerParams(1024, 4096, ChunkerParams.MAX_BLOB + 1));
    }

    @Test
    void defaultAndLargeParametersAreTheDocumentedOnes() {
        assertEquals(new ChunkerParams(256 << 10, 1 << 20, 4 << 20), ChunkerParams.DEFAULT);
        assertEquals(new ChunkerParams(4 << 20, 8 << 20, 16 << 20), ChunkerParams.LARGE);
        assertEquals(0xFFFFFC0000000000L, ChunkerParams.DEFAULT.smallMask(), "22 bits for a 1 MiB normal size");
        assertEquals(0xFFFFC00000000000L, ChunkerParams.DEFAULT.largeMask(), "18 bits");
    }

    @Test
    void fineParametersAreAQuarterOfTheRepositorysOrTheirsWhenAQuarterIsNotValid() {
        assertEquals(new ChunkerParams(64 << 10, 256 << 10, 1 << 20), ChunkerParams.fine(ChunkerParams.DEFAULT));
        assertEquals(new ChunkerParams(512, 2048, 8192), ChunkerParams.fine(SMALL));
        ChunkerParams tiny = new ChunkerParams(64, 128, 512);
        assertEquals(tiny, ChunkerParams.fine(tiny), "a quarter of 128 is not above the 64-byte minimum");
    }

    @Test
    void fineChunksOfRandomDataAverageAboutAQuarterOfTheDefault() throws IOException {
        byte[] data = Backups.random(5, 16 << 20);
        ChunkerParams fine = ChunkerParams.fine(ChunkerParams.DEFAULT);
        List<byte[]> chunks = chunks(data, new FastCdcChunker(fine, GearTable.derive(new byte[32])), 1 << 20);
        for (int i = 0; i < chunks.size() - 1; i++) {
            assertTrue(chunks.get(i).length > fine.min() && chunks.get(i).length <= fine.max(), "chunk " + i + ": " + chunks.get(i).length);
        }
        double average = (double) data.length / chunks.size();
        assertTrue(average > 128 << 10 && average < 512 << 10, "average " + average + " over " + chunks.size() + " chunks");
    }
}
