package dev.cairn.engine.repository.internal;

import dev.cairn.engine.snapshot.ManifestCodec;
import dev.cairn.engine.snapshot.ManifestItem;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A local cache of the items of the most recent snapshots, one file per snapshot in a directory of this
 * machine (not in the repository), so that a backup compares the install with its baseline without
 * decrypting and parsing the baseline's manifest (in a fresh JVM that parse is most of the work of a
 * backup in which nothing changed). Snapshot files never change under their id, so an entry is never
 * stale; a forgotten snapshot's entry is removed with it.
 *
 * <p>An entry is the items in {@link ItemsCodec}'s form in a {@link CacheFiles} entry with the magic
 * {@code CAIRNIT1}, keyed by a subkey of the repository's audit key: an entry that was changed,
 * truncated, belongs to another repository or was written for another id does not verify and is
 * ignored (and rewritten from the manifest). Only the {@link #KEEP} entries used or written last are
 * kept (a backup's baseline is a recent snapshot).
 */
final class ItemsCache {

    /** Entries kept per repository. */
    static final int KEEP = 4;

    private static final System.Logger LOG = System.getLogger(ItemsCache.class.getName());

    private final CacheFiles files;
    private final Path dir;

    ItemsCache(Path dir, byte[] key) {
        this.files = new CacheFiles(dir, key, "CAIRNIT1", ManifestCodec.MAX_MANIFEST_BYTES);
        this.dir = dir;
    }

    /** {@return the cached items of snapshot {@code id}, or empty when there are none that verify} */
    Optional<List<ManifestItem>> get(String id) {
        Optional<List<ManifestItem>> items = files.read(id,
                (bytes, offset, length) -> ItemsCodec.decode(bytes, offset, length, dir.resolve(id).toString()));
        items.ifPresent(found -> files.touch(id));
        return items;
    }

    /**
     * Stores the items of snapshot {@code id} and removes the entries beyond the {@link #KEEP} used last
     * (best effort, like every write of the cache: the snapshot is already published).
     */
    void put(String id, List<ManifestItem> items) {
        try {
            files.write(id, ItemsCodec.encode(items));
            files.keepLastUsed(KEEP);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot cache the items of snapshot " + id + ": " + e);
        }
    }

    /** Removes the entry of snapshot {@code id}, if any. */
    void remove(String id) {
        files.remove(id);
    }
}
