package dev.cairn.engine.repository.internal;

import dev.cairn.engine.snapshot.SnapshotFacts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A local cache of {@link SnapshotFacts}, one file per snapshot in a directory of this machine (not in
 * the repository), so that listing snapshots and choosing a baseline cost a small read per snapshot
 * instead of decrypting and parsing every manifest. Snapshot files never change under their id, so an
 * entry is never stale; a forgotten snapshot's entry is removed with it.
 *
 * <p>An entry is {@code hex(HMAC-SHA256(key, id || 0x00 || json)) '\n' json}, keyed by a subkey of the
 * repository's audit key: an entry that was changed, truncated, belongs to another repository or was
 * written for another id does not verify and is ignored (and rewritten from the manifest). The cache
 * is best effort: a directory that cannot be written only means the manifests are read.
 */
final class FactsCache {

    private static final System.Logger LOG = System.getLogger(FactsCache.class.getName());
    /** Entries are refused above this size (facts are a few hundred bytes). */
    static final int MAX_ENTRY = 64 << 10;

    private final Path dir;
    private final byte[] key;

    FactsCache(Path dir, byte[] key) {
        this.dir = dir;
        this.key = key.clone();
    }

    /** {@return the cached facts of snapshot {@code id}, or empty when there are none that verify} */
    Optional<SnapshotFacts> get(String id) {
        Path file = dir.resolve(id);
        try {
            if (Files.size(file) > MAX_ENTRY) {
                remove(id);
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(file);
            int newline = indexOf(bytes, (byte) '\n');
            if (newline == 64) {
                byte[] json = Arrays.copyOfRange(bytes, newline + 1, bytes.length);
                byte[] stored = HexFormat.of().parseHex(new String(bytes, 0, newline, StandardCharsets.US_ASCII));
                if (MessageDigest.isEqual(stored, mac(id, json))) {
                    SnapshotFacts facts = Json.MAPPER.readValue(json, SnapshotFacts.class);
                    if (id.equals(facts.id())) {
                        return Optional.of(facts);
                    }
                }
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "ignoring unreadable cache entry " + file + ": " + e);
        }
        LOG.log(System.Logger.Level.DEBUG, "ignoring cache entry " + file + " that does not verify");
        remove(id);
        return Optional.empty();
    }

    /** Stores {@code facts} (written under a temporary name and renamed, so a reader never sees half an entry). */
    void put(SnapshotFacts facts) {
        try {
            byte[] json = Json.MAPPER.writeValueAsBytes(facts);
            byte[] head = (HexFormat.of().formatHex(mac(facts.id(), json)) + "\n").getBytes(StandardCharsets.US_ASCII);
            byte[] entry = new byte[head.length + json.length];
            System.arraycopy(head, 0, entry, 0, head.length);
            System.arraycopy(json, 0, entry, head.length, json.length);
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".tmp-", "");
            try {
                Files.write(temp, entry);
                Files.move(temp, dir.resolve(facts.id()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot cache the facts of snapshot " + facts.id() + " in " + dir + ": " + e);
        }
    }

    /** Removes the entry of snapshot {@code id}, if any. */
    void remove(String id) {
        try {
            Files.deleteIfExists(dir.resolve(id));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot remove cache entry " + id + " in " + dir + ": " + e);
        }
    }

    private byte[] mac(String id, byte[] json) {
        javax.crypto.Mac mac = Crypto.hmac(key);
        mac.update(id.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) 0);
        return mac.doFinal(json);
    }

    private static int indexOf(byte[] b, byte value) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
