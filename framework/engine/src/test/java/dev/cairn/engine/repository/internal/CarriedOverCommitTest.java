package dev.cairn.engine.repository.internal;

import dev.cairn.engine.repository.BackupWriter;
import dev.cairn.engine.repository.Backups;
import dev.cairn.engine.repository.Repository;
import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.engine.snapshot.ChunkRef;
import dev.cairn.engine.snapshot.Manifest;
import dev.cairn.engine.snapshot.ManifestItem;
import dev.cairn.framework.CairnException;
import dev.cairn.framework.unit.ChunkingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What commit checks: every chunk of a new item is stored; items carried over from a snapshot are not looked up again. */
class CarriedOverCommitTest {

    @TempDir
    Path tmp;

    @Test
    void aCommitOfOnlyCarriedOverItemsNeverReadsTheIndex() throws IOException {
        Path dir = tmp.resolve("repo");
        byte[] content = Backups.random(5, 300_000);
        String first;
        try (Repository repo = Repository.init(dir, Backups.encrypted("pw", 1 << 20))) {
            first = Backups.backup(repo, Map.of("f", content), ChunkingPolicy.contentDefined());
        }
        try (Repository repo = Repository.open(dir, "pw".toCharArray())) {
            List<ManifestItem> items = repo.loadSnapshot(first).items();
            String second;
            try (BackupWriter w = repo.newWriter()) {
                second = w.commit(Backups.manifest(items), items::contains);
            }
            assertFalse(((FileRepository) repo).indexLoaded(), "the index was read for a backup that stored nothing");
            assertArrayEquals(content, Backups.restore(repo, second).get("f"));
            assertTrue(((FileRepository) repo).indexLoaded(), "a restore reads it");
        }
    }

    @Test
    void aNewItemReferencingAMissingBlobIsRefusedAndNoSnapshotIsWritten() throws IOException {
        try (Repository repo = Repository.init(tmp.resolve("repo"), Backups.encrypted("pw", 1 << 20))) {
            Backups.backup(repo, Map.of("f", Backups.random(6, 1000)), ChunkingPolicy.contentDefined());
            ManifestItem missing = new ManifestItem("g", "test", ManifestItem.FILE, 10, "00".repeat(32), 0644, 0, -1, -1, null,
                    List.of(new ChunkRef("ab".repeat(32), 10)), null);
            Manifest m = Backups.manifest(List.of(missing));
            try (BackupWriter w = repo.newWriter()) {
                RepositoryException e = assertThrows(RepositoryException.class, () -> w.commit(m, item -> false));
                assertEquals(CairnException.Kind.CORRUPT, e.kind());
                assertTrue(e.getMessage().contains("which is not stored"), e.getMessage());
            }
            assertEquals(1, repo.snapshotIds().size());
        }
    }
}
