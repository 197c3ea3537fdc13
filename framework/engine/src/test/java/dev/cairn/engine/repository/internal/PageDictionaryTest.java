package dev.cairn.engine.repository.internal;

import dev.cairn.engine.repository.BackupWriter;
import dev.cairn.engine.repository.Backups;
import dev.cairn.engine.repository.Repository;
import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.engine.repository.StoredContent;
import dev.cairn.engine.repository.VerifyOptions;
import dev.cairn.engine.repository.VerifyReport;
import dev.cairn.engine.snapshot.ChunkRef;
import dev.cairn.framework.CairnException;
import dev.cairn.framework.ProgressListener;
import dev.cairn.framework.unit.ChunkingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Page dictionaries: trained on a database's pages, stored as a blob, named by the chunks compressed with them. */
class PageDictionaryTest {

    private static final int PAGE = Backups.PAGE;
    private static final ChunkingPolicy PAGES = ChunkingPolicy.fixed(PAGE).withLayout(ChunkingPolicy.Layout.PAGES);

    @TempDir
    Path tmp;

    @Test
    void aDictionaryTrainedOnPagesCompressesOtherPagesBetterThanZstdAlone() {
        PageDictionary d = train(pages(1, 300), PAGE, 40_000).orElseThrow();
        long withDictionary = 0;
        long alone = 0;
        byte[] buf = new byte[Compression.bound(PAGE) + Compression.DICTIONARY_REF_BYTES];
        for (byte[] page : pages(2, 200)) {
            int n = Compression.compressWithDictionaryIntoIfPays(page, 0, PAGE, buf, 0, d);
            assertTrue(n > 0, "a page of text records compresses");
            withDictionary += n;
            assertArrayEquals(page, Compression.decompressWithDictionary(buf, 0, n, PAGE, id -> id == 40_000 ? d : null, "test"));
            alone += Compression.compressIntoIfPays(page, 0, PAGE, new byte[Compression.bound(PAGE)], 0);
        }
        assertTrue(withDictionary < alone * 0.85, "with dictionary " + withDictionary + " bytes, zstd alone " + alone);
    }

    @Test
    void pagesUpTo16KiBUseLevel4AndLargerPagesLevel3AndBothReadBack() {
        PageDictionary small = train(pages(5, 200), PAGE, 40_001).orElseThrow();
        assertEquals(4, small.level());
        int large = 32 << 10;
        byte[] all = Backups.pages(6, 200 * (large / PAGE));
        List<byte[]> largePages = new ArrayList<>();
        for (int p = 0; p < 200; p++) {
            largePages.add(java.util.Arrays.copyOfRange(all, p * large, (p + 1) * large));
        }
        PageDictionary big = train(largePages, large, 40_002).orElseThrow();
        assertEquals(3, big.level(), "zstd would copy level 4's 2 MiB of tables into the context for every 32 KiB page");
        byte[] frame = new byte[Compression.bound(large)];
        for (PageDictionary d : List.of(small, big)) {
            byte[] page = d == small ? pages(7, 1).get(0) : largePages.get(0);
            int n = d.compress(page, 0, page.length, frame, 0);
            assertTrue(n < page.length / 2, "a page of text records compresses: " + n + " of " + page.length);
            byte[] back = new byte[page.length];
            assertEquals(page.length, PageDictionary.parse(d.plaintext(), "test").decompress(frame, 0, n, back, "test"));
            assertArrayEquals(page, back);
        }
    }

    @Test
    void aDictionaryBlobReadsBackAsTheSameDictionary() {
        PageDictionary d = train(pages(3, 100), PAGE, 123_456).orElseThrow();
        PageDictionary read = PageDictionary.parse(d.plaintext(), "test");
        assertEquals(123_456, read.dictId());
        assertEquals(PAGE, read.chunkSize());
        byte[] page = pages(4, 1).get(0);
        byte[] frame = new byte[Compression.bound(PAGE)];
        int n = d.compress(page, 0, PAGE, frame, 0);
        byte[] back = new byte[PAGE];
        assertEquals(PAGE, read.decompress(frame, 0, n, back, "test"));
        assertArrayEquals(page, back);
    }

    @Test
    void tooFewPagesTrainNoDictionary() {
        assertEquals(Optional.empty(), train(pages(5, PageDictionary.MIN_SAMPLES - 1), PAGE, 40_000));
    }

    @Test
    void aBlobWhoseDictionaryIsMissingIsCorruptAndSaysWhichOne() {
        PageDictionary d = train(pages(6, 100), PAGE, 77_777).orElseThrow();
        byte[] page = pages(7, 1).get(0);
        byte[] buf = new byte[Compression.bound(PAGE) + Compression.DICTIONARY_REF_BYTES];
        int n = Compression.compressWithDictionaryIntoIfPays(page, 0, PAGE, buf, 0, d);
        RepositoryException e = assertThrows(RepositoryException.class,
                () -> Compression.decompressWithDictionary(buf, 0, n, PAGE, id -> null, "pack x"));
        assertEquals(CairnException.Kind.CORRUPT, e.kind());
        assertTrue(e.getMessage().contains("page dictionary 77777"), e.getMessage());
    }

    @Test
    void somethingElseIsNotADictionaryBlob() {
        RepositoryException e = assertThrows(RepositoryException.class,
                () -> PageDictionary.parse("cairn-dict-v1 but then nothing".getBytes(StandardCharsets.US_ASCII), "blob y"));
        assertEquals(CairnException.Kind.CORRUPT, e.kind());
        assertThrows(RepositoryException.class, () -> PageDictionary.parse(new byte[300], "blob z"));
    }

    @Test
    void aDatabaseIsStoredWithOneDictionaryThatLaterBackupsReuseAndPruneKeeps() throws IOException {
        Path dir = tmp.resolve("repo");
        byte[] db = join(pages(8, 700));
        byte[] changed = db.clone();
        byte[] newPages = join(pages(9, 40));
        System.arraycopy(newPages, 0, changed, 100 * PAGE, newPages.length);
        String first;
        String second;
        try (Repository repo = Repository.init(dir, Backups.encrypted("pw", 1 << 20))) {
            first = Backups.backup(repo, Map.of("app.db", db), PAGES);
        }
        try (Repository repo = Repository.open(dir, "pw".toCharArray())) {
            second = Backups.backup(repo, Map.of("app.db", changed), PAGES);
            FileRepository files = (FileRepository) repo;
            assertEquals(1, files.index().blobsOfType(BlobCodec.TYPE_DICTIONARY).size(), "the second backup reused the dictionary");
            assertEquals(Set.of(Compression.ZSTD_DICT), compressionsOf(files, second), "every page names the dictionary");
            assertArrayEquals(changed, Backups.restore(repo, second).get("app.db"));

            repo.forgetSnapshot(first);
            repo.prune(false);
            assertEquals(1, files.index().blobsOfType(BlobCodec.TYPE_DICTIONARY).size(), "prune keeps the dictionary");
        }
        try (Repository repo = Repository.open(dir, "pw".toCharArray())) {
            assertArrayEquals(changed, Backups.restore(repo, second).get("app.db"));
            VerifyReport report = repo.verify(VerifyOptions.readAll());
            assertTrue(report.ok(), report.problems().toString());
        }
    }

    @Test
    void aDatabaseTooSmallToTrainOnIsStoredWithZstdAlone() throws IOException {
        try (Repository repo = Repository.init(tmp.resolve("small"), Backups.plain(1 << 20))) {
            byte[] db = join(pages(10, 20));
            String id = Backups.backup(repo, Map.of("app.db", db), PAGES);
            FileRepository files = (FileRepository) repo;
            assertEquals(0, files.index().blobsOfType(BlobCodec.TYPE_DICTIONARY).size());
            assertEquals(Set.of(Compression.ZSTD), compressionsOf(files, id));
            assertArrayEquals(db, Backups.restore(repo, id).get("app.db"));
        }
    }

    @Test
    void pagesOfASessionThatEndedWithoutCommitAreReusedWithTheirDictionary() throws IOException {
        Path dir = tmp.resolve("repo");
        byte[] db = Backups.pages(21, 3_000);
        try (Repository repo = Repository.init(dir, Backups.plain(256 << 10));
             BackupWriter writer = repo.newWriter()) {
            writer.store(new ByteArrayInputStream(db), PAGES, false, ProgressListener.NOOP);
            writer.abort();   // what Ctrl-C does: full packs are published, nothing is indexed
        }
        long packsAfterAbort = packCount(dir);
        long bytesAfterAbort = bytes(dir.resolve("data"));
        assertTrue(packsAfterAbort >= 5, "the session published several packs: " + packsAfterAbort);
        // A new process knows only the dictionaries in the index.
        try (Repository repo = Repository.open(dir, null)) {
            String id = Backups.backup(repo, Map.of("app.db", db), PAGES);

            // Adopted in whatever order the pack names come: the pack holding the dictionary first, then the pages.
            long added = bytes(dir.resolve("data")) - bytesAfterAbort;
            assertTrue(added < 256 << 10, "only the aborted session's open pack is stored again, not its "
                    + packsAfterAbort + " published packs: " + added + " bytes added");
            assertArrayEquals(db, Backups.restore(repo, id).get("app.db"));
            VerifyReport report = repo.verify(VerifyOptions.readAll());
            assertTrue(report.ok(), report.problems()::toString);
        }
    }

    @Test
    void aDictionaryTrainedOnPagesSampledAcrossTheFileFitsItsLaterPagesToo() throws IOException {
        // The first 600 pages are of one kind (more than the 512 a writer would hold back), the others of another.
        byte[] db = concat(Backups.pages(31, 600), otherPages(32, 1_400));
        long sampled = storedBytes("sampled", db, true);
        long firstPages = storedBytes("first", db, false);
        assertTrue(sampled < firstPages * 0.9, "sampled across the file: " + sampled + " bytes, first pages only: " + firstPages);
    }

    @Test
    void preparingOpensNothingForOtherChunkingOrWhenTheRepositoryHasTheDictionary() throws IOException {
        byte[] db = Backups.pages(33, 700);
        java.util.concurrent.atomic.AtomicInteger opens = new java.util.concurrent.atomic.AtomicInteger();
        dev.cairn.framework.unit.ContentSource counted = () -> {
            opens.incrementAndGet();
            return new ByteArrayInputStream(db);
        };
        try (Repository repo = Repository.init(tmp.resolve("repo"), Backups.plain(1 << 20))) {
            try (BackupWriter writer = repo.newWriter()) {
                writer.preparePageDictionary(counted, db.length, ChunkingPolicy.fixed(PAGE));
                writer.preparePageDictionary(counted, db.length, ChunkingPolicy.contentDefined().withLayout(ChunkingPolicy.Layout.PAGES));
                assertEquals(0, opens.get(), "only fixed chunks of pages use a dictionary");
                writer.preparePageDictionary(counted, db.length, PAGES);
                assertEquals(1, opens.get());
                writer.preparePageDictionary(counted, db.length, PAGES);
                assertEquals(1, opens.get(), "trained once per session");
                StoredContent c = writer.store(new ByteArrayInputStream(db), PAGES, false, ProgressListener.NOOP);
                writer.commit(Backups.manifest(List.of(Backups.item("app.db", c))));
            }
            try (BackupWriter writer = repo.newWriter()) {
                writer.preparePageDictionary(counted, db.length, PAGES);
                assertEquals(1, opens.get(), "the repository has the dictionary");
                writer.abort();
            }
            assertEquals(1, ((FileRepository) repo).index().blobsOfType(BlobCodec.TYPE_DICTIONARY).size());
        }
    }

    @Test
    void aFileThatCannotBeSampledIsStoredWithADictionaryTrainedOnItsFirstPages() throws IOException {
        byte[] db = Backups.pages(34, 700);
        try (Repository repo = Repository.init(tmp.resolve("repo"), Backups.plain(1 << 20))) {
            String id;
            try (BackupWriter writer = repo.newWriter()) {
                writer.preparePageDictionary(() -> {
                    throw new IOException("not readable twice");
                }, db.length, PAGES);
                StoredContent c = writer.store(new ByteArrayInputStream(db), PAGES, false, ProgressListener.NOOP);
                id = writer.commit(Backups.manifest(List.of(Backups.item("app.db", c))));
            }
            FileRepository files = (FileRepository) repo;
            assertEquals(1, files.index().blobsOfType(BlobCodec.TYPE_DICTIONARY).size());
            assertEquals(Set.of(Compression.ZSTD_DICT), compressionsOf(files, id));
            assertArrayEquals(db, Backups.restore(repo, id).get("app.db"));
        }
    }

    /** {@return the bytes of the packs a new repository holds after storing {@code db} as pages, sampled first or not} */
    private long storedBytes(String name, byte[] db, boolean sampleFirst) throws IOException {
        Path dir = tmp.resolve(name);
        try (Repository repo = Repository.init(dir, Backups.plain(1 << 20))) {
            String id;
            try (BackupWriter writer = repo.newWriter()) {
                if (sampleFirst) {
                    writer.preparePageDictionary(() -> new ByteArrayInputStream(db), db.length, PAGES);
                }
                StoredContent c = writer.store(new ByteArrayInputStream(db), PAGES, false, ProgressListener.NOOP);
                id = writer.commit(Backups.manifest(List.of(Backups.item("app.db", c))));
            }
            assertEquals(Set.of(Compression.ZSTD_DICT), compressionsOf((FileRepository) repo, id));
            assertArrayEquals(db, Backups.restore(repo, id).get("app.db"));
        }
        return bytes(dir.resolve("data"));
    }

    /** Pages of another kind than {@link Backups#pages}: JSON stock records. */
    private static byte[] otherPages(long seed, int count) {
        String[] places = {"north-7", "harbour-2", "central", "airport-east", "depot-11"};
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        byte[] out = new byte[count * PAGE];
        for (int p = 0; p < count; p++) {
            out[p * PAGE] = 0x0a;
            StringBuilder text = new StringBuilder();
            while (text.length() < PAGE - 16) {
                text.append("{\"sku\":\"SKU-").append(r.nextInt(100_000)).append("\",\"warehouse\":\"").append(places[r.nextInt(places.length)])
                        .append("\",\"quantity\":").append(r.nextInt(500)).append(",\"reserved\":").append(r.nextBoolean()).append("}\n");
            }
            System.arraycopy(text.toString().getBytes(StandardCharsets.US_ASCII), 0, out, p * PAGE + 16, PAGE - 16);
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static long packCount(Path repo) throws IOException {
        try (Stream<Path> s = Files.walk(repo.resolve("data"))) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    private static long bytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static Set<Integer> compressionsOf(FileRepository repo, String snapshotId) {
        Set<Integer> codes = new HashSet<>();
        for (var item : repo.loadSnapshot(snapshotId).items()) {
            for (ChunkRef c : repo.chunksOf(item)) {
                codes.add(repo.index().find(Hex.id(c.id())).compression());
            }
        }
        return codes;
    }

    /** {@return {@link PageDictionary#train} on {@code pages}} */
    private static Optional<PageDictionary> train(List<byte[]> pages, int chunkSize, int dictId) {
        PageDictionary.Samples samples = new PageDictionary.Samples(chunkSize, pages.size());
        for (byte[] page : pages) {
            assertTrue(samples.add(page, 0));
        }
        assertEquals(pages.size(), samples.count());
        return PageDictionary.train(samples, dictId);
    }

    @Test
    void samplesHoldOnlyAsManyPagesAsTheyHaveRoomFor() {
        PageDictionary.Samples samples = new PageDictionary.Samples(PAGE, 2);
        byte[] page = new byte[PAGE];
        assertTrue(samples.add(page, 0));
        assertTrue(samples.add(page, 0));
        assertFalse(samples.add(page, 0));
        assertEquals(2, samples.count());
        assertEquals(Optional.empty(), PageDictionary.train(samples, 40_000), "too few to train on");
    }

    /** {@link Backups#pages} as one array per page. */
    static List<byte[]> pages(long seed, int count) {
        byte[] all = Backups.pages(seed, count);
        List<byte[]> out = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            out.add(java.util.Arrays.copyOfRange(all, p * PAGE, (p + 1) * PAGE));
        }
        return out;
    }

    private static byte[] join(List<byte[]> pages) {
        byte[] out = new byte[pages.size() * PAGE];
        for (int i = 0; i < pages.size(); i++) {
            System.arraycopy(pages.get(i), 0, out, i * PAGE, PAGE);
        }
        return out;
    }
}
