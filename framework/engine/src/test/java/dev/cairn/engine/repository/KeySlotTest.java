package dev.cairn.engine.repository;

import dev.cairn.framework.CairnException;
import dev.cairn.framework.unit.ChunkingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeySlotTest {

    @TempDir
    Path tmp;

    private Path init() throws IOException {
        Path dir = tmp.resolve("repo");
        try (Repository repo = Repository.init(dir, Backups.encrypted("first", 1 << 20))) {
            Backups.backup(repo, Map.of("f", Backups.random(1, 10_000)), ChunkingPolicy.contentDefined());
        }
        return dir;
    }

    private static RepositoryException openFails(Path dir, String passphrase) {
        return assertThrows(RepositoryException.class, () -> Repository.open(dir, passphrase == null ? null : passphrase.toCharArray()));
    }

    @Test
    void wrongOrMissingPassphraseIsAnAuthErrorThatSaysSo() throws IOException {
        Path dir = init();
        RepositoryException wrong = openFails(dir, "second");
        assertEquals(CairnException.Kind.AUTH, wrong.kind());
        assertTrue(wrong.getMessage().contains("wrong passphrase"), wrong.getMessage());
        RepositoryException missing = openFails(dir, null);
        assertEquals(CairnException.Kind.AUTH, missing.kind());
        assertTrue(missing.getMessage().contains("passphrase is required"), missing.getMessage());
    }

    @Test
    void noRepositoryIsNotFound() {
        assertEquals(CairnException.Kind.NOT_FOUND, openFails(tmp.resolve("nothing"), "x").kind());
    }

    @Test
    void initRefusesANonEmptyDirectory() throws IOException {
        Files.writeString(tmp.resolve("file"), "x");
        RepositoryException e = assertThrows(RepositoryException.class, () -> Repository.init(tmp, Backups.plain(1 << 20)));
        assertEquals(CairnException.Kind.CONFIG, e.kind());
    }

    @Test
    void initRefusesBadOptionsBeforeWritingAnything() {
        Path dir = tmp.resolve("repo");
        for (RepositoryOptions bad : List.of(
                new RepositoryOptions("pw".toCharArray(), new RepositoryOptions.Argon2Params(1 << 21, 1, 1), 1 << 20),
                new RepositoryOptions("pw".toCharArray(), new RepositoryOptions.Argon2Params(1024, 0, 1), 1 << 20),
                new RepositoryOptions(new char[0], RepositoryOptions.Argon2Params.TESTING, 1 << 20),
                new RepositoryOptions(null, RepositoryOptions.Argon2Params.TESTING, 1000))) {
            RepositoryException e = assertThrows(RepositoryException.class, () -> Repository.init(dir, bad));
            assertEquals(CairnException.Kind.CONFIG, e.kind());
            assertTrue(Files.notExists(dir), "nothing was created for " + bad);
        }
    }

    @Test
    void addedSlotOpensTheSameRepositoryAndRemovedSlotNoLonger() throws IOException {
        Path dir = init();
        String added;
        byte[] audit;
        try (Repository repo = Repository.open(dir, "first".toCharArray())) {
            audit = repo.auditKey();
            added = repo.keys().add("second".toCharArray());
            List<KeyManager.KeySlot> slots = repo.keys().list();
            assertEquals(2, slots.size());
            assertEquals(1, slots.stream().filter(KeyManager.KeySlot::current).count());
            assertTrue(slots.stream().anyMatch(s -> s.id().equals(added) && !s.current()));
        }
        try (Repository repo = Repository.open(dir, "second".toCharArray())) {
            assertArrayEquals(audit, repo.auditKey(), "both slots unwrap the same master key");
            assertEquals(1, repo.snapshotIds().size());
            String first = repo.keys().list().stream().filter(s -> !s.current()).findFirst().orElseThrow().id();
            RepositoryException own = assertThrows(RepositoryException.class, () -> repo.keys().remove(added));
            assertEquals(CairnException.Kind.CONFIG, own.kind());
            repo.keys().remove(first);
            assertEquals(1, repo.keys().list().size());
            assertEquals(CairnException.Kind.NOT_FOUND, assertThrows(RepositoryException.class, () -> repo.keys().remove(first)).kind());
        }
        assertEquals(CairnException.Kind.AUTH, openFails(dir, "first").kind());
    }

    @Test
    void changedPassphraseReplacesTheCurrentSlot() throws IOException {
        Path dir = init();
        try (Repository repo = Repository.open(dir, "first".toCharArray())) {
            String slot = repo.keys().changePassphrase("renewed".toCharArray());
            List<KeyManager.KeySlot> slots = repo.keys().list();
            assertEquals(1, slots.size());
            assertEquals(slot, slots.get(0).id());
            assertTrue(slots.get(0).current());
        }
        assertEquals(CairnException.Kind.AUTH, openFails(dir, "first").kind());
        try (Repository repo = Repository.open(dir, "renewed".toCharArray())) {
            assertTrue(repo.verify(VerifyOptions.readAll()).ok());
            String only = repo.keys().list().get(0).id();
            RepositoryException last = assertThrows(RepositoryException.class, () -> repo.keys().remove(only));
            assertEquals(CairnException.Kind.CONFIG, last.kind());
        }
    }

    @Test
    void unencryptedRepositoryHasNoSlots() throws IOException {
        try (Repository repo = Repository.init(tmp.resolve("p"), Backups.plain(1 << 20))) {
            assertTrue(repo.keys().list().isEmpty());
            assertEquals(CairnException.Kind.CONFIG, assertThrows(RepositoryException.class, () -> repo.keys().add("x".toCharArray())).kind());
        }
    }

    @Test
    void tamperedConfigOfAnEncryptedRepositoryIsRefused() throws IOException {
        Path dir = init();
        Path config = dir.resolve("config");
        Files.writeString(config, Files.readString(config).replace("\"pack_target\" : 1048576", "\"pack_target\" : 2097152"));
        RepositoryException e = openFails(dir, "first");
        assertEquals(CairnException.Kind.CORRUPT, e.kind());
        assertTrue(e.getMessage().contains("config"), e.getMessage());
    }
}
