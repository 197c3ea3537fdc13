package dev.cairn.engine.repository.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Index files: written compressed, read back entry for entry, and those written uncompressed still read. */
class IndexFileTest {

    private static final int PACKS = 4;
    private static final int BLOBS_PER_PACK = 1_000;

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void entriesAreStoredCompressedAndReadBackUnchanged(boolean encrypted) {
        RepositoryKeys keys = TestKeys.random(encrypted);
        List<IndexFile.PackEntry> packs = packs(encrypted);
        byte[] file = IndexFile.encode(packs, keys);

        Envelope.Opened opened = Envelope.open(file, IndexFile.MAGIC, 0, IndexFile.MAX_PAYLOAD, keys, "index", "index/x");
        int rawPayload = opened.payload().length;
        assertEquals(4 + PACKS * (32 + 8 + 4 + BLOBS_PER_PACK * PackFormat.ENTRY_BYTES), rawPayload);
        assertTrue(file.length < rawPayload * 0.9, "the ids are random, the rest of each entry compresses: "
                + file.length + " bytes for a payload of " + rawPayload);
        assertSame(packs, IndexFile.decode(file, keys, "index/x"));
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void anIndexFileWrittenUncompressedStillReads(boolean encrypted) {
        RepositoryKeys keys = TestKeys.random(encrypted);
        List<IndexFile.PackEntry> packs = packs(encrypted);
        byte[] payload = Envelope.open(IndexFile.encode(packs, keys), IndexFile.MAGIC, 0, IndexFile.MAX_PAYLOAD, keys, "index", "index/x")
                .payload();
        byte[] asBefore = Envelope.seal(IndexFile.MAGIC, new byte[0], payload, false, keys);
        assertTrue(asBefore.length > payload.length, "written as writers before 2026-12-03 did: not compressed");
        assertSame(packs, IndexFile.decode(asBefore, keys, "index/x"));
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void packsOfAnInMemoryIndexEncodeAsTheSamePacksListedOneByOne(boolean encrypted) {
        RepositoryKeys keys = TestKeys.random(encrypted);
        List<IndexFile.PackEntry> packs = packs(encrypted);
        CompactIndex index = new CompactIndex();
        packs.forEach(p -> index.addPack(p.name(), p.size(), p.blobs()));

        assertSame(packs, IndexFile.decode(IndexFile.encode(index, 0, PACKS, keys), keys, "index/x"));
        assertSame(packs.subList(1, 3), IndexFile.decode(IndexFile.encode(index, 1, 3, keys), keys, "index/y"));
        assertEquals(2 * BLOBS_PER_PACK, index.entryCount(1, 3));
        byte[] listed = Envelope.open(IndexFile.encode(packs, keys), IndexFile.MAGIC, 0, IndexFile.MAX_PAYLOAD, keys, "index", "index/x").payload();
        byte[] written = Envelope.open(IndexFile.encode(index, 0, PACKS, keys), IndexFile.MAGIC, 0, IndexFile.MAX_PAYLOAD, keys, "index", "index/x")
                .payload();
        assertArrayEquals(listed, written, "byte for byte the payload a list of the same packs gives");
    }

    private static void assertSame(List<IndexFile.PackEntry> expected, List<IndexFile.PackEntry> actual) {
        assertEquals(expected.size(), actual.size());
        for (int p = 0; p < expected.size(); p++) {
            IndexFile.PackEntry e = expected.get(p);
            IndexFile.PackEntry a = actual.get(p);
            assertEquals(e.name(), a.name());
            assertEquals(e.size(), a.size());
            assertEquals(e.blobs().size(), a.blobs().size());
            for (int b = 0; b < e.blobs().size(); b++) {
                BlobLocation eb = e.blobs().get(b);
                BlobLocation ab = a.blobs().get(b);
                assertArrayEquals(eb.id(), ab.id());
                assertEquals(List.of(eb.pack(), eb.type(), eb.compression(), eb.offset(), eb.storedLength(), eb.rawLength()),
                        List.of(ab.pack(), ab.type(), ab.compression(), ab.offset(), ab.storedLength(), ab.rawLength()));
            }
        }
    }

    /** Packs of one-page blobs as a database's first backup stores them: consecutive, of varying stored size. */
    private static List<IndexFile.PackEntry> packs(boolean encrypted) {
        SplittableRandom random = new SplittableRandom(7);
        List<IndexFile.PackEntry> packs = new ArrayList<>();
        for (int p = 0; p < PACKS; p++) {
            String name = Hex.of(Crypto.sha256(new byte[] {(byte) p}));
            List<BlobLocation> blobs = new ArrayList<>();
            long offset = PackFormat.headerLength(encrypted);
            for (int b = 0; b < BLOBS_PER_PACK; b++) {
                byte[] id = new byte[32];
                random.nextBytes(id);
                int stored = 600 + random.nextInt(2_000);
                blobs.add(new BlobLocation(id, name, BlobCodec.TYPE_DATA, Compression.ZSTD_DICT, offset, stored, 4096));
                offset += stored;
            }
            packs.add(new IndexFile.PackEntry(name, offset + 1_000_000, blobs));
        }
        return packs;
    }
}
