package dev.cairn.engine.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDecompressCtx;
import dev.cairn.framework.unit.ChunkingPolicy;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads an encrypted repository written by Cairn with a reader written only from docs/REPOSITORY.md
 * (§17) and the JDK, Bouncy Castle's Argon2id, zstd and a JSON parser: no Cairn code. If the format
 * description is incomplete or wrong, this test fails.
 */
class IndependentReaderTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void documentedFormatIsEnoughToRestoreAnEncryptedRepository() throws Exception {
        Path dir = tmp.resolve("repo");
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("a/random.bin", Backups.random(1, 700_000));
        files.put("b/text.log", Backups.compressible(2, 900_000));
        files.put("c/weights.f16.bin", Backups.halfWeights(3, 500_001));
        files.put("d/app.db", Backups.pages(4, 200));
        String id;
        try (Repository repo = Repository.init(dir, Backups.encrypted("open sesame", 256 << 10))) {
            id = Backups.backup(repo, files, path -> path.endsWith(".f16.bin")
                    ? ChunkingPolicy.fixed(128 << 10).withLayout(ChunkingPolicy.Layout.WORDS16)
                    : path.endsWith(".db") ? ChunkingPolicy.fixed(Backups.PAGE).withLayout(ChunkingPolicy.Layout.PAGES)
                    : ChunkingPolicy.fixed(128 << 10));
        }
        java.util.Set<Integer> codesSeen = new java.util.HashSet<>();

        // 1. config
        JsonNode config = JSON.readTree(Files.readAllBytes(dir.resolve("config")));
        assertEquals(1, config.get("format").asInt());
        String repoId = config.get("id").asText();

        // 2. key slot -> master key -> subkeys; config MAC
        byte[] master = null;
        try (Stream<Path> slots = Files.list(dir.resolve("keys"))) {
            for (Path slotFile : slots.toList()) {
                JsonNode slot = JSON.readTree(Files.readAllBytes(slotFile));
                Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                        .withSalt(Base64.getDecoder().decode(slot.get("salt").asText()))
                        .withMemoryAsKB(slot.get("memory_kib").asInt())
                        .withIterations(slot.get("iterations").asInt())
                        .withParallelism(slot.get("parallelism").asInt()).build();
                Argon2BytesGenerator gen = new Argon2BytesGenerator();
                gen.init(params);
                byte[] kek = new byte[32];
                gen.generateBytes("open sesame".getBytes(StandardCharsets.UTF_8), kek);
                master = open(kek, Base64.getDecoder().decode(slot.get("nonce").asText()),
                        ("cairn-keyslot-v1 " + repoId).getBytes(StandardCharsets.US_ASCII),
                        Base64.getDecoder().decode(slot.get("wrapped_key").asText()));
            }
        }
        byte[] metaKey = subkey(master, "metadata");
        byte[] wrapKey = subkey(master, "session-key-wrap");
        byte[] idKey = subkey(master, "blob-id");
        String macText = "cairn-config-v1\nformat=1\nid=" + repoId + "\ncreated=" + config.get("created").asText() + "\nencrypted=true\n"
                + "chunker=" + sizes(config.get("chunker")) + "\nlarge_chunker=" + sizes(config.get("large_chunker"))
                + "\npack_target=" + config.get("pack_target").asLong() + "\n";
        assertEquals(config.get("mac").asText(), HEX.formatHex(hmac(subkey(master, "config"), macText.getBytes(StandardCharsets.UTF_8))));

        // 3. index files -> id -> location
        record Loc(String pack, int type, int compression, long offset, int stored, int raw) { }
        Map<String, Loc> index = new HashMap<>();
        try (Stream<Path> indexFiles = Files.list(dir.resolve("index"))) {
            for (Path f : indexFiles.toList()) {
                byte[] bytes = Files.readAllBytes(f);
                assertEquals(f.getFileName().toString(), HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
                ByteBuffer payload = ByteBuffer.wrap(envelopePayload(bytes, "CAIRNIX1", 0, metaKey));
                int packs = payload.getInt();
                for (int p = 0; p < packs; p++) {
                    String pack = HEX.formatHex(take(payload, 32));
                    payload.getLong();
                    int blobs = payload.getInt();
                    for (int b = 0; b < blobs; b++) {
                        int type = payload.get();
                        assertTrue(type >= 1 && type <= 3, "blob type " + type);
                        int compression = payload.get();
                        String blobId = HEX.formatHex(take(payload, 32));
                        index.put(blobId, new Loc(pack, type, compression, payload.getLong(), payload.getInt(), payload.getInt()));
                    }
                }
            }
        }

        // 4. the snapshot
        byte[] snapshot = Files.readAllBytes(dir.resolve("snapshots").resolve(id));
        assertArrayEquals(HEX.parseHex(id), Arrays.copyOfRange(snapshot, 9, 41));
        JsonNode manifest = JSON.readTree(envelopePayload(snapshot, "CAIRNSN1", 40, metaKey));
        assertEquals(id, manifest.get("backup_id").asText());

        // 5. page dictionaries (§6): blobs of type 2, by the zstd dictionary id they carry
        Map<Integer, byte[]> dictionaries = new HashMap<>();
        for (Map.Entry<String, Loc> e : index.entrySet()) {
            if (e.getValue().type() == 2) {
                byte[] form = blobForm(dir, wrapKey, e.getKey(), e.getValue().pack(), 2, e.getValue().compression(),
                        e.getValue().offset(), e.getValue().stored(), e.getValue().raw());
                byte[] plain = e.getValue().compression() == 1 ? Zstd.decompress(form, e.getValue().raw()) : form;
                assertEquals("cairn-dict-v1", new String(plain, 0, 13, StandardCharsets.US_ASCII));
                byte[] zstdDictionary = Arrays.copyOfRange(plain, 17, plain.length);
                dictionaries.put(ByteBuffer.wrap(zstdDictionary, 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(), zstdDictionary);
            }
        }
        assertEquals(1, dictionaries.size(), "the database's pages trained one dictionary");

        // 6. every file, blob by blob; a file of many chunks names chunk-list blobs (type 3) instead of its chunks
        int listedFiles = 0;
        for (JsonNode item : manifest.get("items")) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            List<String> chunkIds = new ArrayList<>();
            if (item.has("chunk_lists")) {
                listedFiles++;
                for (JsonNode list : item.get("chunk_lists")) {
                    Loc loc = index.get(list.asText());
                    assertEquals(3, loc.type());
                    byte[] form = blobForm(dir, wrapKey, list.asText(), loc.pack(), 3, loc.compression(), loc.offset(), loc.stored(), loc.raw());
                    byte[] plain = loc.compression() == 1 ? Zstd.decompress(form, loc.raw()) : form;
                    assertEquals(list.asText(), HEX.formatHex(hmac(idKey, plain)));
                    assertEquals("cairn-chunks-v1", new String(plain, 0, 15, StandardCharsets.US_ASCII));
                    ByteBuffer entries = ByteBuffer.wrap(plain, 15, plain.length - 15);
                    int count = entries.getInt();
                    assertEquals(plain.length, 19 + 36 * count);
                    for (int i = 0; i < count; i++) {
                        chunkIds.add(HEX.formatHex(take(entries, 32)));
                        entries.getInt(); // the chunk's length, also in the index
                    }
                }
            } else {
                for (JsonNode chunk : item.get("chunks")) {
                    chunkIds.add(chunk.get("id").asText());
                }
            }
            for (String blobId : chunkIds) {
                Loc loc = index.get(blobId);
                byte[] form = blobForm(dir, wrapKey, blobId, loc.pack(), loc.type(), loc.compression(), loc.offset(), loc.stored(), loc.raw());
                codesSeen.add(loc.compression());
                byte[] plain = switch (loc.compression()) {
                    case 0 -> form;
                    case 1 -> Zstd.decompress(form, loc.raw());
                    case 2 -> joinPlanes(Zstd.decompress(form, loc.raw()));
                    case 3 -> {
                        byte[] dictionary = dictionaries.get(ByteBuffer.wrap(form, 0, 4).getInt());
                        try (ZstdDecompressCtx ctx = new ZstdDecompressCtx()) {
                            yield ctx.loadDict(dictionary).decompress(Arrays.copyOfRange(form, 4, form.length), loc.raw());
                        }
                    }
                    default -> throw new AssertionError("compression code " + loc.compression() + " is not in the doc");
                };
                assertEquals(blobId, HEX.formatHex(hmac(idKey, plain)));
                content.writeBytes(plain);
            }
            byte[] restored = content.toByteArray();
            assertArrayEquals(files.get(item.get("path").asText()), restored);
            assertEquals(item.get("sha256").asText(), HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(restored)));
        }
        assertEquals(1, listedFiles, "the database's 200 pages are listed in a chunk-list blob");
        assertTrue(index.size() > 10);
        assertEquals(java.util.Set.of(0, 1, 2, 3), codesSeen, "the fixture exercises every blob compression code");
    }

    /** §7 and §6: a blob's stored bytes in its pack, opened with the pack's session key: {@return its (compressed) form} */
    private static byte[] blobForm(Path dir, byte[] wrapKey, String blobId, String packName, int type, int compression, long offset,
                                        int storedLength, int raw) throws Exception {
        byte[] pack = Files.readAllBytes(dir.resolve("data").resolve(packName.substring(0, 2)).resolve(packName));
        assertEquals("CAIRNPK1", new String(pack, 0, 8, StandardCharsets.US_ASCII));
        assertEquals(1, pack[8]);
        byte[] sessionKey = open(wrapKey, Arrays.copyOfRange(pack, 9, 21), "cairn-session-key-v1".getBytes(StandardCharsets.US_ASCII),
                Arrays.copyOfRange(pack, 21, 69));
        byte[] stored = Arrays.copyOfRange(pack, (int) offset, (int) offset + storedLength);
        byte[] aad = ByteBuffer.allocate(13 + 38).put("cairn-blob-v1".getBytes(StandardCharsets.US_ASCII)).put((byte) type)
                .put((byte) compression).putInt(raw).put(HEX.parseHex(blobId)).array();
        byte[] form = open(sessionKey, Arrays.copyOf(stored, 12), aad, Arrays.copyOfRange(stored, 12, stored.length));
        return form;
    }

    /** §6: the planes form is the bytes at even offsets, then those at odd offsets, then an odd trailing byte. */
    private static byte[] joinPlanes(byte[] planes) {
        int n = planes.length;
        int words = n / 2;
        byte[] plain = new byte[n];
        for (int i = 0; i < words; i++) {
            plain[2 * i] = planes[i];
            plain[2 * i + 1] = planes[words + i];
        }
        if (n % 2 == 1) {
            plain[n - 1] = planes[n - 1];
        }
        return plain;
    }

    private static String sizes(JsonNode n) {
        return n.get("min").asInt() + "/" + n.get("avg").asInt() + "/" + n.get("max").asInt();
    }

    private static byte[] envelopePayload(byte[] file, String magic, int headerFields, byte[] metaKey) throws GeneralSecurityException {
        assertEquals(magic, new String(file, 0, 8, StandardCharsets.US_ASCII));
        assertEquals(1, file[8]);
        int start = 9 + headerFields;
        byte[] inner = open(metaKey, Arrays.copyOfRange(file, start, start + 12), Arrays.copyOf(file, start),
                Arrays.copyOfRange(file, start + 12, file.length));
        ByteBuffer b = ByteBuffer.wrap(inner);
        int compression = b.get();
        int raw = b.getInt();
        byte[] data = take(b, b.remaining());
        return compression == 1 ? Zstd.decompress(data, raw) : data;
    }

    private static byte[] take(ByteBuffer b, int n) {
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }

    private static byte[] subkey(byte[] master, String label) throws GeneralSecurityException {
        return hmac(master, ("cairn/v1/" + label).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        c.updateAAD(aad);
        return c.doFinal(sealed);
    }
}
