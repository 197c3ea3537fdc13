package dev.cairn.engine.repository.internal;

import dev.cairn.engine.repository.Backups;
import dev.cairn.engine.repository.Repository;
import dev.cairn.engine.repository.VerifyOptions;
import dev.cairn.engine.repository.VerifyReport;
import dev.cairn.engine.snapshot.ChunkRef;
import dev.cairn.engine.snapshot.ManifestItem;
import dev.cairn.framework.unit.ChunkingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dictionary for small chunks: trained on the first small text a backup stores, used for the rest and by later backups. */
class SmallChunkDictionaryTest {

    private static final ChunkingPolicy FILES = ChunkingPolicy.contentDefined();

    @TempDir
    Path tmp;

    @Test
    void smallTextAfterTheSamplesIsStoredWithADictionaryThatLaterBackupsReuse() throws IOException {
        Path dir = tmp.resolve("repo");
        Map<String, byte[]> first = transcripts(1, 1000);
        Map<String, byte[]> later = transcripts(2, 60);
        String firstId;
        try (Repository repo = Repository.init(dir, Backups.encrypted("pw", 1 << 20))) {
            firstId = Backups.backup(repo, first, FILES);
            FileRepository files = (FileRepository) repo;
            List<BlobLocation> dictionaries = files.index().blobsOfType(BlobCodec.TYPE_DICTIONARY);
            assertEquals(1, dictionaries.size());
            assertEquals(PageDictionary.SMALL_CHUNKS, PageDictionary.parse(files.readBlob(dictionaries.get(0)), "test").chunkSize());
            Map<Integer, Integer> codes = compressionCounts(files, firstId);
            assertTrue(codes.getOrDefault(Compression.ZSTD, 0) > 0, "the sampled files are stored with zstd alone: " + codes);
            assertTrue(codes.getOrDefault(Compression.ZSTD_DICT, 0) > codes.get(Compression.ZSTD),
                    "the files after the samples name the dictionary: " + codes);
        }
        try (Repository repo = Repository.open(dir, "pw".toCharArray())) {
            String laterId = Backups.backup(repo, later, FILES);
            FileRepository files = (FileRepository) repo;
            assertEquals(1, files.index().blobsOfType(BlobCodec.TYPE_DICTIONARY).size(), "the later backup trained none");
            assertEquals(Map.of(Compression.ZSTD_DICT, later.size()), compressionCounts(files, laterId));
            assertFilesEqual(first, Backups.restore(repo, firstId));
            assertFilesEqual(later, Backups.restore(repo, laterId));
            VerifyReport report = repo.verify(VerifyOptions.readAll());
            assertTrue(report.ok(), report.problems().toString());
        }
    }

    @Test
    void theDictionaryStoresSmallTextMarkedlySmallerThanZstdAlone() throws IOException {
        Map<String, byte[]> text = transcripts(3, 700);
        try (Repository repo = Repository.init(tmp.resolve("plain"), Backups.plain(1 << 20))) {
            String id = Backups.backup(repo, text, FILES);
            FileRepository files = (FileRepository) repo;
            long withDictionary = 0;
            long alone = 0;
            for (ManifestItem item : repo.loadSnapshot(id).items()) {
                BlobLocation loc = files.index().find(Hex.id(single(files, item).id()));
                if (loc.compression() == Compression.ZSTD_DICT) {
                    withDictionary += loc.storedLength();
                    byte[] plain = text.get(item.path());
                    alone += Compression.compressIntoIfPays(plain, 0, plain.length, new byte[Compression.bound(plain.length)], 0);
                }
            }
            assertTrue(withDictionary > 0);
            assertTrue(withDictionary < alone * 0.85, withDictionary + " bytes with the dictionary against " + alone + " alone");
        }
    }

    @Test
    void randomSmallFilesAreStoredAsTheyAreAndTrainNothing() throws IOException {
        Map<String, byte[]> random = new TreeMap<>();
        for (int i = 0; i < 100; i++) {
            random.put("uploads/" + i + ".bin", Backups.random(i, 30_000));
        }
        try (Repository repo = Repository.init(tmp.resolve("random"), Backups.encrypted("pw", 1 << 20))) {
            String id = Backups.backup(repo, random, FILES);
            FileRepository files = (FileRepository) repo;
            assertEquals(List.of(), files.index().blobsOfType(BlobCodec.TYPE_DICTIONARY));
            assertEquals(Map.of(Compression.NONE, random.size()), compressionCounts(files, id));
            assertFilesEqual(random, Backups.restore(repo, id));
        }
    }

    @Test
    void randomDataIsStoredAsItIsEvenOnceThereIsADictionary() throws IOException {
        Map<String, byte[]> mixed = new TreeMap<>(transcripts(4, 700));
        mixed.put("zz/random.bin", Backups.random(5, 40_000));
        mixed.put("zz/log.txt", Backups.compressible(6, 50_000));
        try (Repository repo = Repository.init(tmp.resolve("mixed"), Backups.encrypted("pw", 1 << 20))) {
            String id = Backups.backup(repo, mixed, FILES);
            FileRepository files = (FileRepository) repo;
            Map<String, Integer> byPath = new HashMap<>();
            for (ManifestItem item : repo.loadSnapshot(id).items()) {
                byPath.put(item.path(), files.index().find(Hex.id(single(files, item).id())).compression());
            }
            assertEquals(Compression.NONE, byPath.get("zz/random.bin"), "neither the dictionary nor zstd alone pays on random data");
            assertEquals(Compression.ZSTD_DICT, byPath.get("zz/log.txt"));
            assertFilesEqual(mixed, Backups.restore(repo, id));
        }
    }

    @Test
    void onlySmallChunksOfByteLayoutAreForTheDictionary() {
        assertTrue(SmallChunkDictionary.appliesTo(ChunkingPolicy.Layout.BYTES, PageDictionary.MAX_CHUNK_SIZE));
        assertFalse(SmallChunkDictionary.appliesTo(ChunkingPolicy.Layout.BYTES, PageDictionary.MAX_CHUNK_SIZE + 1));
        assertFalse(SmallChunkDictionary.appliesTo(ChunkingPolicy.Layout.WORDS16, 1000));
        assertFalse(SmallChunkDictionary.appliesTo(ChunkingPolicy.Layout.PAGES, 4096));
    }

    @Test
    void samplesAreHandedOutOnceWhenAChunkNoLongerFitsAndNotLookedUpAgain() {
        int[] lookups = {0};
        SmallChunkDictionary small = new SmallChunkDictionary(() -> {
            lookups[0]++;
            return java.util.Optional.empty();
        });
        assertNull(small.dictionary());
        assertNull(small.dictionary());
        assertEquals(1, lookups[0], "the repository is asked once per session");
        byte[] chunk = new byte[PageDictionary.MAX_CHUNK_SIZE];
        int fit = PageDictionary.SMALL_CHUNK_SAMPLE_BYTES / chunk.length;
        for (int i = 0; i < fit; i++) {
            assertNull(small.offer(chunk, chunk.length));
        }
        PageDictionary.Samples samples = small.offer(chunk, chunk.length);
        assertNotNull(samples);
        assertEquals(fit, samples.count());
        assertEquals(PageDictionary.SMALL_CHUNK_SAMPLE_BYTES, samples.bytes());
        assertEquals(PageDictionary.SMALL_CHUNKS, samples.chunkSize());
        assertNull(small.offer(chunk, chunk.length), "handed out once");
    }

    @Test
    void aStoredDictionaryIsUsedAndNothingIsSampled() {
        PageDictionary stored = trainOn(transcripts(7, 400));
        SmallChunkDictionary small = new SmallChunkDictionary(() -> java.util.Optional.of(stored));
        assertSame(stored, small.dictionary());
    }

    @Test
    void samplesOfDifferentSizesTrainADictionaryForSmallChunks() {
        PageDictionary d = trainOn(transcripts(8, 400));
        assertEquals(PageDictionary.SMALL_CHUNKS, d.chunkSize());
        assertEquals(PageDictionary.LARGE_PAGE_LEVEL, d.level(), "inputs of up to 64 KiB copy the tables: level 3's are the cheaper");
        PageDictionary.Samples samples = PageDictionary.Samples.ofSmallChunks(100, 2);
        assertTrue(samples.add(new byte[60], 0, 60));
        assertFalse(samples.add(new byte[60], 0, 60), "no room for the bytes");
        assertTrue(samples.add(new byte[40], 0, 40));
        assertFalse(samples.add(new byte[0], 0, 0), "no room for another sample");
        assertEquals(100, samples.bytes());
    }

    private static PageDictionary trainOn(Map<String, byte[]> files) {
        PageDictionary.Samples samples = PageDictionary.Samples.ofSmallChunks(PageDictionary.SMALL_CHUNK_SAMPLE_BYTES, SmallChunkDictionary.MAX_SAMPLES);
        files.values().forEach(f -> samples.add(f, 0, f.length));
        return PageDictionary.train(samples, 40_001).orElseThrow();
    }

    /**
     * {@return {@code count} conversation transcripts of 2-9 KB: timestamped lines by a few speakers from a
     * shared vocabulary, so each file alone repeats little that the others' words would not teach}
     */
    static Map<String, byte[]> transcripts(long seed, int count) {
        String[] speakers = {"Agent", "Customer", "Supervisor", "Assistant"};
        String[] words = ("the order account invoice shipment delivery warehouse refund password reset subscription plan upgrade "
                + "please could you check confirm again thank thanks hello morning afternoon yesterday tomorrow number reference "
                + "address email phone update status pending delayed received cancelled billing payment card expired renewal "
                + "support ticket escalate manager callback minutes today week month price discount code apply applied error "
                + "message screen login app version install restart device settings notification sorry understand certainly")
                .split(" ");
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, byte[]> out = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            StringBuilder t = new StringBuilder("{\"call\":\"C-").append(seed).append('-').append(i).append("\",\"lines\":[\n");
            int target = 2000 + r.nextInt(7000);
            int second = 0;
            while (t.length() < target) {
                second += 1 + r.nextInt(20);
                t.append(String.format("{\"at\":\"00:%02d:%02d\",\"speaker\":\"%s\",\"text\":\"", second / 60 % 60, second % 60,
                        speakers[r.nextInt(speakers.length)]));
                int n = 4 + r.nextInt(14);
                for (int w = 0; w < n; w++) {
                    t.append(w == 0 ? "" : " ").append(words[r.nextInt(words.length)]);
                }
                t.append(".\"},\n");
            }
            out.put(String.format("transcripts/%d/%05d.json", seed, i), t.append("]}\n").toString().getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static ChunkRef single(FileRepository repo, ManifestItem item) {
        List<ChunkRef> chunks = repo.chunksOf(item);
        assertEquals(1, chunks.size(), item.path());
        return chunks.get(0);
    }

    private static Map<Integer, Integer> compressionCounts(FileRepository repo, String snapshotId) {
        Map<Integer, Integer> counts = new TreeMap<>();
        for (ManifestItem item : repo.loadSnapshot(snapshotId).items()) {
            counts.merge(repo.index().find(Hex.id(single(repo, item).id())).compression(), 1, Integer::sum);
        }
        return counts;
    }

    private static void assertFilesEqual(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((path, bytes) -> assertArrayEquals(bytes, actual.get(path), path));
    }
}
