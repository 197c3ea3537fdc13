package dev.cairn.engine.repository.internal;

import com.github.luben.zstd.Zstd;
import dev.cairn.engine.repository.Backups;
import dev.cairn.engine.repository.Repository;
import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.engine.snapshot.Manifest;
import dev.cairn.framework.CairnException;
import dev.cairn.framework.unit.ChunkingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Feeds every parser of repository bytes truncated, bit-flipped and crafted input. Each must either
 * accept the bytes (a flip in a harmless place of an unauthenticated file) or throw a CORRUPT
 * {@link RepositoryException}; nothing else may escape, and crafted huge lengths must be refused
 * before anything is allocated.
 */
class HostileInputTest {

    @TempDir
    Path tmp;


    private interface Parse {
        void run(byte[] input);
    }

    /** Runs {@code parse} on every truncation and on many random single-byte corruptions of {@code valid}. */
    private static void fuzz(byte[] valid, Parse parse, boolean authenticated) {
        fuzz(valid, parse, authenticated, 400, 1500);
    }

    private static void fuzz(byte[] valid, Parse parse, boolean authenticated, int truncations, int flips) {
        for (int len = 0; len < valid.length; len += Math.max(1, valid.length / truncations)) {
            byte[] cut = Arrays.copyOf(valid, len);
            RepositoryException e = assertThrows(RepositoryException.class, () -> parse.run(cut), "truncated to " + len);
            assertEquals(CairnException.Kind.CORRUPT, e.kind(), e.getMessage());
        }
        Random random = new Random(42);
        for (int i = 0; i < flips; i++) {
            byte[] bad = valid.clone();
            int at = random.nextInt(bad.length);
            bad[at] ^= (byte) (1 + random.nextInt(255));
            try {
                parse.run(bad);
                if (authenticated) {
                    fail("a changed byte at " + at + " was accepted by an authenticated parser");
                }
            } catch (RepositoryException e) {
                assertEquals(CairnException.Kind.CORRUPT, e.kind(), e.getMessage());
            } catch (RuntimeException | Error e) {
                throw new AssertionError("byte " + at + " changed: " + e, e);
            }
        }
    }

    private static List<IndexFile.PackEntry> samplePacks() {
        List<IndexFile.PackEntry> packs = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            String name = Hex.of(Crypto.sha256(new byte[] {(byte) p}));
            List<BlobLocation> blobs = new ArrayList<>();
            for (int b = 0; b < 2; b++) {
                blobs.add(new BlobLocation(Crypto.sha256(new byte[] {(byte) p, (byte) b}), name, BlobCodec.TYPE_DATA, b,
                        100 + b * 5000L, 5000, 4000 + b));
            }
            packs.add(new IndexFile.PackEntry(name, 20_000, blobs));
        }
        return packs;
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void indexFiles(boolean encrypted) {
        RepositoryKeys keys = TestKeys.random(encrypted);
        byte[] valid = IndexFile.encode(samplePacks(), keys);
        assertEquals(3, IndexFile.decode(valid, keys, "index/x").size());
        fuzz(valid, b -> IndexFile.decode(b, keys, "index/x"), encrypted);
    }

    @Test
    void indexWithHugeCountsIsRefusedBeforeAllocating() {
        RepositoryKeys keys = TestKeys.random(false);
        byte[] payload = new ByteWriter(64).u32(-1).toByteArray();
        byte[] file = Envelope.seal(IndexFile.MAGIC, new byte[0], payload, false, keys);
        RepositoryException e = assertThrows(RepositoryException.class, () -> IndexFile.decode(file, keys, "index/x"));
        assertTrue(e.getMessage().contains("pack count") && e.where().contains("index/x"), e.getMessage());
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void snapshotFiles(boolean encrypted) {
        RepositoryKeys keys = TestKeys.random(encrypted);
        String id = Hex.of(Crypto.random(32));
        Manifest m = Backups.manifest(List.of()).withBackupId(id);
        byte[] valid = SnapshotFile.encode(m, 1234, keys);
        assertEquals(id, SnapshotFile.decode(valid, id, keys, "snapshots/x").backupId());
        fuzz(valid, b -> SnapshotFile.decode(b, id, keys, "snapshots/x"), encrypted);
    }

    @Test
    void decompressionBombsAreStoppedAtTheDeclaredLength() {
        RepositoryKeys keys = TestKeys.random(false);
        byte[] bomb = Zstd.compress(new byte[64 << 20], 19);
        byte[] inner = new ByteWriter(bomb.length + 8).u8(Compression.ZSTD).u32(1024).bytes(bomb).toByteArray();
        byte[] fields = new ByteWriter(40).bytes(new byte[32]).u64(0).toByteArray();
        byte[] file = new ByteWriter(inner.length + 64).bytes(SnapshotFile.MAGIC).u8(0).bytes(fields).bytes(inner).toByteArray();
        RepositoryException e = assertThrows(RepositoryException.class,
                () -> SnapshotFile.decode(file, Hex.of(new byte[32]), keys, "snapshots/bomb"));
        assertTrue(e.getMessage().contains("longer than the declared 1024"), e.getMessage());

        byte[] small = Zstd.compress(new byte[1000], 3);
        byte[] lying = new ByteWriter(small.length + 8).u8(Compression.ZSTD).u32(Integer.MAX_VALUE).bytes(small).toByteArray();
        byte[] file2 = new ByteWriter(lying.length + 64).bytes(SnapshotFile.MAGIC).u8(0).bytes(fields).bytes(lying).toByteArray();
        RepositoryException e2 = assertThrows(RepositoryException.class,
                () -> SnapshotFile.decode(file2, Hex.of(new byte[32]), keys, "snapshots/lie"));
        assertEquals(CairnException.Kind.CORRUPT, e2.kind());
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void packTrailers(boolean encrypted) throws IOException {
        RepositoryKeys keys = TestKeys.random(encrypted);
        BlobCodec codec = new BlobCodec(keys);
        SessionKey session = SessionKey.random();
        Path dataDir = Files.createDirectories(tmp.resolve("data"));
        PackWriter.Published published;
        try (PackWriter w = new PackWriter(dataDir, keys, session)) {
            for (int i = 0; i < 5; i++) {
                byte[] plain = i == 4 ? Backups.halfWeights(i, 3001) : i % 2 == 0 ? Backups.random(i, 3000) : Backups.compressible(i, 3000);
                w.add(codec.encode(codec.id(plain, 0, plain.length), plain, session,
                        i == 4 ? ChunkingPolicy.Layout.WORDS16 : ChunkingPolicy.Layout.BYTES));
            }
            published = w.finish();
        }
        Path file = dataDir.resolve(published.name().substring(0, 2)).resolve(published.name());
        byte[] valid = Files.readAllBytes(file);
        assertEquals(5, PackFormat.readTrailer(file, published.name(), keys, "pack").size());
        Path probe = tmp.resolve("probe");
        fuzz(valid, b -> {
            try {
                Files.write(probe, b);
                for (BlobLocation loc : PackFormat.readTrailer(probe, published.name(), keys, "pack")) {
                    byte[] stored = Arrays.copyOfRange(b, (int) loc.offset(), (int) loc.offset() + loc.storedLength());
                    try (var ch = java.nio.channels.FileChannel.open(probe)) {
                        codec.decode(loc, stored, PackFormat.readHeader(ch, keys, "pack"), "pack");
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, true, 100, 300);
    }

    @Test
    void configAndKeySlotFiles() {
        String valid = "{\"format\":1,\"id\":\"" + "ab".repeat(32) + "\",\"created\":\"now\",\"encrypted\":false,"
                + "\"chunker\":{\"min\":262144,\"avg\":1048576,\"max\":4194304},\"large_chunker\":{\"min\":4194304,\"avg\":8388608,\"max\":16777216},"
                + "\"pack_target\":33554432,\"chunker_seed\":\"" + "01".repeat(32) + "\",\"audit_key\":\"" + "02".repeat(32) + "\"}";
        RepositoryConfig.decode(valid.getBytes(StandardCharsets.UTF_8), "config");
        for (String bad : List.of("", "[]", "{", "null", valid.replace("\"avg\":1048576", "\"avg\":1000000"),
                valid.replace("\"pack_target\":33554432", "\"pack_target\":-1"), valid.replace("ab", "zz"),
                valid.replace("\"encrypted\":false", "\"encrypted\":\"no\""), valid.replace(",\"audit_key\":\"" + "02".repeat(32) + "\"", ""))) {
            RepositoryException e = assertThrows(RepositoryException.class,
                    () -> RepositoryConfig.decode(bad.getBytes(StandardCharsets.UTF_8), "config"), bad);
            assertEquals(CairnException.Kind.CORRUPT, e.kind(), bad);
        }
        RepositoryException newer = assertThrows(RepositoryException.class,
                () -> RepositoryConfig.decode(valid.replace("\"format\":1", "\"format\":2").getBytes(StandardCharsets.UTF_8), "config"));
        assertEquals(CairnException.Kind.CONFIG, newer.kind());
        byte[] huge = new byte[Json.MAX_SMALL_FILE + 1];
        assertEquals(CairnException.Kind.CORRUPT, assertThrows(RepositoryException.class, () -> RepositoryConfig.decode(huge, "config")).kind());

        String slot = "{\"format\":1,\"created\":\"now\",\"kdf\":\"argon2id\",\"memory_kib\":1024,\"iterations\":1,\"parallelism\":1,"
                + "\"salt\":\"AAAAAAAAAAAAAAAAAAAAAA==\",\"nonce\":\"AAAAAAAAAAAAAAAA\",\"wrapped_key\":\"" + "A".repeat(64) + "\"}";
        KeySlotFile.decode(slot.getBytes(StandardCharsets.UTF_8), "keys/x");
        for (String bad : List.of(slot.replace("\"memory_kib\":1024", "\"memory_kib\":4294967296"),
                slot.replace("\"iterations\":1", "\"iterations\":100000"), slot.replace("argon2id", "scrypt"),
                slot.replace("\"AAAAAAAAAAAAAAAA\"", "\"AAAA\""), slot.replace("\"salt\":\"", "\"salt\":\"!"))) {
            RepositoryException e = assertThrows(RepositoryException.class, () -> KeySlotFile.decode(bad.getBytes(StandardCharsets.UTF_8), "keys/x"), bad);
            assertEquals(CairnException.Kind.CORRUPT, e.kind(), bad);
        }
    }

    @Test
    void garbageConfigOrKeySlotsMakeOpenFailWithATypedError() throws IOException {
        Path dir = tmp.resolve("repo");
        Repository.init(dir, Backups.encrypted("pw", 1 << 20)).close();
        try (Stream<Path> s = Files.list(dir.resolve("keys"))) {
            for (Path slot : s.toList()) {
                Files.writeString(slot, "{\"format\":1}");
            }
        }
        RepositoryException slots = assertThrows(RepositoryException.class, () -> Repository.open(dir, "pw".toCharArray()));
        assertEquals(CairnException.Kind.CORRUPT, slots.kind());
        Files.write(dir.resolve("config"), Backups.random(1, 5000));
        RepositoryException config = assertThrows(RepositoryException.class, () -> Repository.open(dir, "pw".toCharArray()));
        assertEquals(CairnException.Kind.CORRUPT, config.kind());
    }

    @Test
    void openContentNeverReturnsWrongBytes() throws IOException {
        Path dir = tmp.resolve("repo");
        String id;
        try (Repository repo = Repository.init(dir, Backups.plain(1 << 20))) {
            id = Backups.backup(repo, Map.of("f", Backups.random(9, 200_000)), ChunkingPolicy.fixed(64 << 10));
        }
        Path pack;
        try (Stream<Path> s = Files.walk(dir.resolve("data"))) {
            pack = s.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(pack);
        bytes[100_000] ^= 1;
        Files.write(pack, bytes);
        try (Repository repo = Repository.open(dir, null)) {
            var chunks = repo.chunksOf(repo.loadSnapshot(id).items().get(0));
            try (InputStream in = repo.openContent(chunks)) {
                RepositoryException e = assertThrows(RepositoryException.class, in::readAllBytes);
                assertEquals(CairnException.Kind.CORRUPT, e.kind());
                assertTrue(e.getMessage().contains("does not match its id") && e.where().contains(pack.getFileName().toString()),
                        e.getMessage());
            }
        }
    }

    @Test
    void boundedReaderChecksLengthsAgainstTheirLimit() {
        byte[] b = new ByteWriter(8).u32(1 << 30).toByteArray();
        RepositoryException e = assertThrows(RepositoryException.class, () -> new BoundedReader(b, "f").length("count", 100));
        assertTrue(e.getMessage().contains("exceeds the limit 100") && e.where().equals("f at offset 0"), e.getMessage());
        assertThrows(RepositoryException.class, () -> new BoundedReader(new byte[3], "f").u32("x"));
    }
}
