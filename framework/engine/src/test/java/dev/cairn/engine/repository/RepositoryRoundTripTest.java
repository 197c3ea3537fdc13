package dev.cairn.engine.repository;

import dev.cairn.engine.snapshot.ChunkRef;
import dev.cairn.engine.snapshot.Manifest;
import dev.cairn.engine.snapshot.MerkleRoot;
import dev.cairn.framework.ProgressListener;
import dev.cairn.framework.unit.ChunkingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RepositoryRoundTripTest {

    @TempDir
    Path tmp;

    static Stream<Arguments> modes() {
        List<ChunkingPolicy> chunkers = List.of(ChunkingPolicy.contentDefined(), ChunkingPolicy.large(), ChunkingPolicy.fine(),
                ChunkingPolicy.fixed(4096 * 16));
        Stream.Builder<Arguments> b = Stream.builder();
        for (boolean encrypted : new boolean[] {false, true}) {
            for (boolean compressible : new boolean[] {false, true}) {
                for (ChunkingPolicy c : chunkers) {
                    b.add(Arguments.of(encrypted, compressible, c));
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "encrypted={0} compressible={1} {2}")
    @MethodSource("modes")
    void storedFilesReadBackByteIdenticalAndVerify(boolean encrypted, boolean compressible, ChunkingPolicy chunking) throws IOException {
        Path dir = tmp.resolve("repo");
        int big = chunking.kind() == ChunkingPolicy.Kind.LARGE_CONTENT_DEFINED ? 9 << 20 : 3 << 20;
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("db/app.sqlite", compressible ? Backups.compressible(1, big) : Backups.random(1, big));
        files.put("config/app.yaml", compressible ? Backups.compressible(2, 5000) : Backups.random(2, 5000));
        files.put("empty", new byte[0]);
        files.put("one", new byte[] {42});
        RepositoryOptions options = encrypted ? Backups.encrypted("pw", 1 << 20) : Backups.plain(1 << 20);
        String id;
        try (Repository repo = Repository.init(dir, options)) {
            assertEquals(encrypted, repo.info().encrypted());
            id = Backups.backup(repo, files, chunking);
        }
        try (Repository repo = Repository.open(dir, encrypted ? "pw".toCharArray() : null)) {
            Map<String, byte[]> restored = Backups.restore(repo, id);
            assertEquals(files.keySet(), restored.keySet());
            for (String path : files.keySet()) {
                assertArrayEquals(files.get(path), restored.get(path), path);
            }
            Manifest m = repo.loadSnapshot(id.substring(0, 8));
            assertEquals(id, m.backupId());
            assertEquals(MerkleRoot.of(m.items()), m.rootHash());
            VerifyReport report = repo.verify(VerifyOptions.readAll());
            assertTrue(report.ok(), report.problems()::toString);
            assertTrue(report.blobsRead() > 0);
        }
        long stored = directorySize(dir.resolve("data"));
        long raw = files.values().stream().mapToLong(b -> b.length).sum();
        if (compressible) {
            assertTrue(stored < raw / 2, "compressible data is stored compressed: " + stored + " of " + raw);
        } else {
            assertTrue(stored > raw, "random data is stored as it is: " + stored + " of " + raw);
        }
    }

    @Test
    void secondBackupOfSameDataStoresNothingNew() throws IOException {
        try (Repository repo = Repository.init(tmp.resolve("r"), Backups.plain(256 << 10))) {
            Map<String, byte[]> files = Map.of("a", Backups.random(3, 2 << 20), "b", Backups.random(3, 2 << 20));
            Backups.backup(repo, files, ChunkingPolicy.contentDefined());
            long before = directorySize(repo.root().resolve("data"));
            String second = Backups.backup(repo, files, ChunkingPolicy.contentDefined());
            assertEquals(before, directorySize(repo.root().resolve("data")));
            assertArrayEquals(files.get("a"), Backups.restore(repo, second).get("a"));
            assertEquals(2, repo.snapshotIds().size());
            assertEquals(second, repo.snapshotIds().get(1));
        }
    }

    @Test
    void insertedBytesChangeOnlyNearbyContentDefinedChunks() throws IOException {
        try (Repository repo = Repository.init(tmp.resolve("r"), Backups.plain(1 << 20))) {
            byte[] original = Backups.random(4, 6 << 20);
            byte[] edited = new byte[original.length + 100];
            System.arraycopy(original, 0, edited, 0, 3 << 20);
            System.arraycopy(original, 3 << 20, edited, (3 << 20) + 100, original.length - (3 << 20));
            try (BackupWriter w = repo.newWriter()) {
                StoredContent a = w.store(new ByteArrayInputStream(original), ChunkingPolicy.contentDefined(), false, ProgressListener.NOOP);
                StoredContent b = w.store(new ByteArrayInputStream(edited), ChunkingPolicy.contentDefined(), false, ProgressListener.NOOP);
                long shared = b.chunks().stream().filter(a.chunks()::contains).count();
                assertTrue(shared >= b.chunks().size() - 2, "all but the edited chunks are shared: " + shared + " of " + b.chunks().size());
                for (ChunkRef c : a.chunks()) {
                    assertTrue(c.length() <= 4 << 20);
                }
                w.abort();
            }
        }
    }

    @Test
    void encryptedRepositoriesCutAtKeyedBoundariesAndUseKeyedIds() throws IOException {
        byte[] data = Backups.random(5, 4 << 20);
        StoredContent plain;
        StoredContent one;
        StoredContent two;
        try (Repository repo = Repository.init(tmp.resolve("p"), Backups.plain(1 << 20)); BackupWriter w = repo.newWriter()) {
            plain = w.store(new ByteArrayInputStream(data), ChunkingPolicy.contentDefined(), false, ProgressListener.NOOP);
        }
        try (Repository repo = Repository.init(tmp.resolve("e1"), Backups.encrypted("x", 1 << 20)); BackupWriter w = repo.newWriter()) {
            one = w.store(new ByteArrayInputStream(data), ChunkingPolicy.contentDefined(), false, ProgressListener.NOOP);
        }
        try (Repository repo = Repository.init(tmp.resolve("e2"), Backups.encrypted("x", 1 << 20)); BackupWriter w = repo.newWriter()) {
            two = w.store(new ByteArrayInputStream(data), ChunkingPolicy.contentDefined(), false, ProgressListener.NOOP);
        }
        assertEquals(plain.sha256(), one.sha256());
        assertNotEquals(one.chunks(), two.chunks());
        byte[] firstChunk = java.util.Arrays.copyOf(data, plain.chunks().get(0).length());
        assertEquals(sha256(firstChunk), plain.chunks().get(0).id(), "unencrypted ids are SHA-256 of the plaintext");
        for (ChunkRef c : one.chunks()) {
            assertFalse(c.id().equals(sha256(java.util.Arrays.copyOf(data, c.length()))));
        }
    }

    @Test
    void noPlaintextHashAppearsInAnEncryptedRepository() throws IOException {
        Path dir = tmp.resolve("r");
        byte[] data = Backups.compressible(6, 300_000);
        String fileHash = sha256(data);
        try (Repository repo = Repository.init(dir, Backups.encrypted("pw", 1 << 20))) {
            Backups.backup(repo, Map.of("secret.txt", data), ChunkingPolicy.contentDefined());
        }
        byte[] hashBytes = HexFormat.of().parseHex(fileHash);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                assertFalse(p.getFileName().toString().contains(fileHash), p.toString());
                byte[] content = Files.readAllBytes(p);
                assertFalse(new String(content, java.nio.charset.StandardCharsets.ISO_8859_1).contains(fileHash), p + " holds the hex hash");
                assertFalse(indexOf(content, hashBytes) >= 0, p + " holds the raw hash");
                assertFalse(new String(content, java.nio.charset.StandardCharsets.ISO_8859_1).contains("secret.txt"), p + " holds a path");
            }
        }
    }

    @Test
    void appendedFileContinuesFromTheStoredHashState() throws IOException {
        Path log = tmp.resolve("app.log");
        byte[] first = Backups.compressible(7, 2_500_000);
        Files.write(log, first);
        try (Repository repo = Repository.init(tmp.resolve("r"), Backups.encrypted("pw", 1 << 20))) {
            StoredContent before;
            try (BackupWriter w = repo.newWriter()) {
                before = w.store(Files.newInputStream(log), ChunkingPolicy.contentDefined(), true, ProgressListener.NOOP);
                w.commit(Backups.manifest(List.of(Backups.item("app.log", before))));
            }
            byte[] more = Backups.compressible(8, 1_700_000);
            Files.write(log, more, StandardOpenOption.APPEND);
            byte[] whole = Files.readAllBytes(log);
            try (BackupWriter w = repo.newWriter(); SeekableByteChannel ch = Files.newByteChannel(log)) {
                Optional<StoredContent> after = w.storeAppended(before, ch, ChunkingPolicy.contentDefined(), ProgressListener.NOOP);
                assertTrue(after.isPresent());
                assertEquals(whole.length, after.get().size());
                assertEquals(sha256(whole), after.get().sha256());
                assertEquals(before.chunks().subList(0, before.chunks().size() - 1), after.get().chunks().subList(0, before.chunks().size() - 1));
                StoredContent full = w.store(new ByteArrayInputStream(whole), ChunkingPolicy.contentDefined(), false, ProgressListener.NOOP);
                assertEquals(full.chunks(), after.get().chunks(), "continuing from the last chunk cuts like a full pass");
                String id = w.commit(Backups.manifest(List.of(Backups.item("app.log", after.get()))));
                assertArrayEquals(whole, Backups.restore(repo, id).get("app.log"));
            }
            byte[] rewritten = whole.clone();
            rewritten[whole.length - 10] ^= 1;
            Files.write(log, rewritten);
            try (BackupWriter w = repo.newWriter(); SeekableByteChannel ch = Files.newByteChannel(log)) {
                StoredContent prev = w.store(new ByteArrayInputStream(whole), ChunkingPolicy.contentDefined(), true, ProgressListener.NOOP);
                assertTrue(w.storeAppended(prev, ch, ChunkingPolicy.contentDefined(), ProgressListener.NOOP).isEmpty(),
                        "a changed tail is not an append");
                w.abort();
            }
        }
    }

    @Test
    void commitRefusesAManifestThatReferencesMissingData() throws IOException {
        try (Repository repo = Repository.init(tmp.resolve("r"), Backups.plain(1 << 20)); BackupWriter w = repo.newWriter()) {
            StoredContent fake = new StoredContent(3, sha256(new byte[3]), List.of(new ChunkRef(sha256(new byte[3]), 3)), null);
            RepositoryException e = org.junit.jupiter.api.Assertions.assertThrows(RepositoryException.class,
                    () -> w.commit(Backups.manifest(List.of(Backups.item("x", fake)))));
            assertEquals(dev.cairn.framework.CairnException.Kind.CORRUPT, e.kind());
            assertTrue(repo.snapshotIds().isEmpty());
        }
    }

    @Test
    void auditKeyIsStableAcrossOpens() throws IOException {
        byte[] plainKey;
        byte[] encKey;
        try (Repository p = Repository.init(tmp.resolve("p"), Backups.plain(1 << 20));
             Repository e = Repository.init(tmp.resolve("e"), Backups.encrypted("pw", 1 << 20))) {
            plainKey = p.auditKey();
            encKey = e.auditKey();
        }
        assertEquals(32, plainKey.length);
        try (Repository p = Repository.open(tmp.resolve("p"), null);
             Repository e = Repository.open(tmp.resolve("e"), "pw".toCharArray())) {
            assertArrayEquals(plainKey, p.auditKey());
            assertArrayEquals(encKey, e.auditKey());
        }
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static long directorySize(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
