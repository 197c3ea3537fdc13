package dev.cairn.engine.repository.internal;

import dev.cairn.engine.repository.Backups;
import dev.cairn.engine.repository.Repository;
import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.engine.repository.VerifyOptions;
import dev.cairn.engine.repository.VerifyReport;
import dev.cairn.engine.snapshot.ChunkRef;
import dev.cairn.engine.snapshot.Manifest;
import dev.cairn.engine.snapshot.ManifestItem;
import dev.cairn.framework.CairnException;
import dev.cairn.framework.unit.ChunkingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Chunk lists: a file of many chunks names chunk-list blobs in its manifest item instead of its chunks. */
class ChunkListTest {

    private static final ChunkingPolicy PAGES = ChunkingPolicy.fixed(Backups.PAGE).withLayout(ChunkingPolicy.Layout.PAGES);

    @TempDir
    Path tmp;

    @Test
    void aListReadsBackFromItsBlobsAcrossSegments() {
        ChunkList list = ChunkList.empty();
        int n = ChunkList.BLOB_ENTRIES + 5;
        for (int i = 0; i < n; i++) {
            list.append(id(i), 1000 + i % 7);
        }
        List<byte[]> blobs = list.blobPlaintexts();
        assertEquals(2, blobs.size(), "one blob per 65,536 chunks");
        assertEquals(19 + 36 * ChunkList.BLOB_ENTRIES, blobs.get(0).length);
        assertEquals(19 + 36 * 5, blobs.get(1).length);
        ChunkList read = ChunkList.empty();
        for (byte[] blob : blobs) {
            read.appendBlob(blob, "test");
        }
        assertEquals(n, read.size());
        assertEquals(list, read);
        assertEquals(new ChunkRef(Hex.of(id(n - 1)), 1000 + (n - 1) % 7), read.get(n - 1));
        assertEquals(list.totalLength(), read.totalLength());
        assertEquals(list, ChunkList.copyOf(List.copyOf(list)));
    }

    @Test
    void aDamagedListIsCorrupt() {
        ChunkList list = ChunkList.empty();
        list.append(id(1), 10);
        list.append(id(2), 20);
        byte[] good = list.blobPlaintexts().get(0);

        byte[] badMagic = good.clone();
        badMagic[0] = 'x';
        byte[] countTooLarge = good.clone();
        countTooLarge[18] = 3;
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
        byte[] empty = java.util.Arrays.copyOf(good, 19);
        empty[18] = 0;
        byte[] negativeLength = good.clone();
        negativeLength[19 + 32] = (byte) 0xFF;
        for (byte[] bad : List.of(badMagic, countTooLarge, truncated, empty, negativeLength)) {
            RepositoryException e = assertThrows(RepositoryException.class, () -> ChunkList.empty().appendBlob(bad, "list x"));
            assertEquals(CairnException.Kind.CORRUPT, e.kind());
            assertTrue(e.getMessage().contains("list x"), e.getMessage());
        }
    }

    @Test
    void aFileOfManyChunksIsListedInABlobThatLaterSnapshotsShare() throws IOException {
        byte[] db = Backups.pages(1, 300);
        byte[] small = Backups.pages(2, 3);
        try (Repository repo = Repository.init(tmp.resolve("repo"), Backups.encrypted("pw", 1 << 20))) {
            FileRepository files = (FileRepository) repo;
            String first = Backups.backup(repo, files(db, small), PAGES);
            ManifestItem dbItem = item(repo.loadSnapshot(first), "app.db");
            assertNull(dbItem.chunks(), "300 chunks are not listed in the manifest");
            assertEquals(1, dbItem.chunkLists().size());
            assertEquals(BlobCodec.TYPE_CHUNK_LIST, files.index().find(Hex.id(dbItem.chunkLists().get(0))).type());
            assertEquals(300, repo.chunksOf(dbItem).size());
            ManifestItem smallItem = item(repo.loadSnapshot(first), "small.db");
            assertNull(smallItem.chunkLists());
            assertEquals(3, smallItem.chunks().size());
            assertEquals(smallItem.chunks(), repo.chunksOf(smallItem));
            assertArrayEquals(db, Backups.restore(repo, first).get("app.db"));

            int blobs = files.index().blobCount();
            String second = Backups.backup(repo, files(db, small), PAGES);
            assertEquals(dbItem.chunkLists(), item(repo.loadSnapshot(second), "app.db").chunkLists());
            files.refreshIndex();
            assertEquals(blobs, files.index().blobCount(), "an unchanged file stores no new chunk list");
            assertTrue(repo.verify(VerifyOptions.readAll()).ok(), "verify reads the lists and re-hashes the file");
        }
    }

    @Test
    void pruneKeepsListsAndTheirChunksWhileASnapshotNeedsThem() throws IOException {
        byte[] db = Backups.pages(3, 300);
        byte[] edited = db.clone();
        edited[150 * Backups.PAGE + 100] ^= 1;
        try (Repository repo = Repository.init(tmp.resolve("repo"), Backups.plain(1 << 20))) {
            String first = Backups.backup(repo, Map.of("app.db", db), PAGES);
            String second = Backups.backup(repo, Map.of("app.db", edited), PAGES);
            String oldList = item(repo.loadSnapshot(first), "app.db").chunkLists().get(0);
            String newList = item(repo.loadSnapshot(second), "app.db").chunkLists().get(0);
            assertFalse(oldList.equals(newList), "one changed page is a new list");

            repo.forgetSnapshot(first);
            repo.prune(false);
            FileRepository files = (FileRepository) repo;
            assertNull(files.index().find(Hex.id(oldList)), "the forgotten snapshot's list is pruned");
            assertNotNull(files.index().find(Hex.id(newList)));
            assertArrayEquals(edited, Backups.restore(repo, second).get("app.db"), "the kept list's chunks are all kept");
            assertTrue(repo.verify(VerifyOptions.readAll()).ok());
        }
    }

    @Test
    void aDamagedListIsReportedByVerifyAndRefusedByRestoreAndPrune() throws IOException {
        byte[] db = Backups.pages(4, 300);
        try (Repository repo = Repository.init(tmp.resolve("repo"), Backups.plain(64 << 10))) {
            String id = Backups.backup(repo, Map.of("app.db", db), PAGES);
            FileRepository files = (FileRepository) repo;
            ManifestItem dbItem = item(repo.loadSnapshot(id), "app.db");
            BlobLocation list = files.index().find(Hex.id(dbItem.chunkLists().get(0)));
            Path pack = files.packPath(list.pack());
            byte[] bytes = Files.readAllBytes(pack);
            bytes[(int) list.offset() + list.storedLength() / 2] ^= 0x40;
            Files.write(pack, bytes);

            VerifyReport report = repo.verify(VerifyOptions.structure());
            assertFalse(report.ok());
            assertTrue(report.problems().stream().anyMatch(p -> p.kind() == VerifyReport.Kind.DAMAGED_BLOB && p.files().contains("app.db")
                    && p.message().contains("chunk list")), report.problems().toString());

            RepositoryException restore = assertThrows(RepositoryException.class, () -> repo.chunksOf(dbItem));
            assertEquals(CairnException.Kind.CORRUPT, restore.kind());
            RepositoryException prune = assertThrows(RepositoryException.class, () -> repo.prune(false));
            assertTrue(prune.getMessage().contains("chunk list of app.db"), prune.getMessage());
        }
    }

    @Test
    void aListThatDoesNotAddUpToTheFileIsCorrupt() throws IOException {
        byte[] db = Backups.pages(5, 100);
        try (Repository repo = Repository.init(tmp.resolve("repo"), Backups.plain(1 << 20))) {
            String id = Backups.backup(repo, Map.of("app.db", db), PAGES);
            ManifestItem real = item(repo.loadSnapshot(id), "app.db");
            ManifestItem lying = new ManifestItem(real.path(), real.unit(), real.type(), real.size() + 1, real.sha256(), real.mode(),
                    real.mtimeNs(), real.ctimeNs(), real.inode(), null, null, null, null, real.chunkLists());
            RepositoryException e = assertThrows(RepositoryException.class, () -> repo.chunksOf(lying));
            assertTrue(e.getMessage().contains("add up to"), e.getMessage());
        }
    }

    private static Map<String, byte[]> files(byte[] db, byte[] small) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("app.db", db);
        files.put("small.db", small);
        return files;
    }

    private static ManifestItem item(Manifest m, String path) {
        return m.items().stream().filter(i -> i.path().equals(path)).findFirst().orElseThrow();
    }

    private static byte[] id(int i) {
        byte[] id = new byte[32];
        id[0] = (byte) (i >>> 24);
        id[1] = (byte) (i >>> 16);
        id[2] = (byte) (i >>> 8);
        id[3] = (byte) i;
        id[31] = 7;
        return id;
    }
}
