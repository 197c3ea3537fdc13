package dev.cairn.engine.repository.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files of a local cache (on this machine, never in the repository): one per snapshot id, each
 * {@code magic(8) || HMAC-SHA256(key, id || 0x00 || body) || body}. An entry that was changed,
 * truncated, written for another id or under another key (another repository, another kind of cache)
 * does not verify: it is removed and read as absent, so the caller falls back to the repository. The
 * cache is best effort: a directory that cannot be written only means the repository is read.
 */
final class CacheFiles {

    /** Decodes an entry's verified body; any exception makes the entry count as absent. */
    @FunctionalInterface
    interface BodyDecoder<T> {
        T decode(byte[] bytes, int offset, int length) throws IOException;
    }

    private static final System.Logger LOG = System.getLogger(CacheFiles.class.getName());
    private static final int MAGIC_BYTES = 8;
    private static final int MAC_BYTES = 32;

    private final Path dir;
    private final byte[] key;
    private final byte[] magic;
    private final long maxBody;

    /**
     * @param magic   8 ASCII bytes naming the kind and version of entry
     * @param maxBody entries with a larger body are refused unread
     */
    CacheFiles(Path dir, byte[] key, String magic, long maxBody) {
        if (magic.length() != MAGIC_BYTES) {
            throw new IllegalArgumentException("magic must have " + MAGIC_BYTES + " characters: " + magic);
        }
        this.dir = dir;
        this.key = key.clone();
        this.magic = magic.getBytes(StandardCharsets.US_ASCII);
        this.maxBody = maxBody;
    }

    /** {@return the decoded body of the entry of {@code id}, or empty when there is none that verifies and decodes} */
    <T> Optional<T> read(String id, BodyDecoder<T> decoder) {
        Path file = dir.resolve(id);
        int bodyAt = MAGIC_BYTES + MAC_BYTES;
        try {
            if (Files.size(file) <= bodyAt + maxBody) {
                byte[] bytes = Files.readAllBytes(file);
                if (bytes.length >= bodyAt && Arrays.equals(bytes, 0, MAGIC_BYTES, magic, 0, MAGIC_BYTES)
                        && MessageDigest.isEqual(Arrays.copyOfRange(bytes, MAGIC_BYTES, bodyAt), mac(id, bytes, bodyAt))) {
                    return Optional.of(decoder.decode(bytes, bodyAt, bytes.length - bodyAt));
                }
            }
            LOG.log(System.Logger.Level.DEBUG, "ignoring cache entry " + file + " that does not verify");
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "ignoring unreadable cache entry " + file + ": " + e);
        }
        remove(id);
        return Optional.empty();
    }

    /**
     * Stores {@code body} as the entry of {@code id}, written under a temporary name and renamed, so a
     * reader never sees half an entry. Not forced to disk as {@link AtomicFiles#publish} forces repository
     * files: an entry a crash leaves torn fails its MAC and is read from the repository again.
     */
    void write(String id, byte[] body) {
        try {
            byte[] entry = new byte[MAGIC_BYTES + MAC_BYTES + body.length];
            System.arraycopy(magic, 0, entry, 0, MAGIC_BYTES);
            System.arraycopy(body, 0, entry, MAGIC_BYTES + MAC_BYTES, body.length);
            System.arraycopy(mac(id, entry, MAGIC_BYTES + MAC_BYTES), 0, entry, MAGIC_BYTES, MAC_BYTES);
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, AtomicFiles.TEMP_PREFIX, "");
            try {
                Files.write(temp, entry);
                Files.move(temp, dir.resolve(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot write cache entry " + id + " in " + dir + ": " + e);
        }
    }

    /** Removes the entry of {@code id}, if any. */
    void remove(String id) {
        try {
            Files.deleteIfExists(dir.resolve(id));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot remove cache entry " + id + " in " + dir + ": " + e);
        }
    }

    /** Marks the entry of {@code id} as used now, for {@link #keepLastUsed}. */
    void touch(String id) {
        try {
            Files.setLastModifiedTime(dir.resolve(id), FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot mark cache entry " + id + " in " + dir + " as used: " + e);
        }
    }

    /** Removes all but the {@code n} entries written or {@linkplain #touch touched} last. */
    void keepLastUsed(int n) {
        record Dated(Path path, FileTime time) { }
        try (Stream<Path> s = Files.list(dir)) {
            List<Dated> entries = s.filter(p -> !p.getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX))
                    .map(p -> new Dated(p, modified(p)))
                    .sorted(Comparator.comparing(Dated::time).reversed())
                    .toList();
            for (Dated d : entries.subList(Math.min(n, entries.size()), entries.size())) {
                Files.deleteIfExists(d.path());
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot trim the cache in " + dir + ": " + e);
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);   // gone or unreadable: the first to go
        }
    }

    /** {@return the MAC of {@code id} and the body of {@code entry} (from {@code bodyAt} to its end)} */
    private byte[] mac(String id, byte[] entry, int bodyAt) {
        javax.crypto.Mac mac = Crypto.hmac(key);
        mac.update(id.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) 0);
        mac.update(entry, bodyAt, entry.length - bodyAt);
        return mac.doFinal();
    }
}
