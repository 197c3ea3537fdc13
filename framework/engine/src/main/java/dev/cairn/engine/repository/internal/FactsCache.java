package dev.cairn.engine.repository.internal;

import dev.cairn.engine.snapshot.SnapshotFacts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A local cache of {@link SnapshotFacts}, one file per snapshot in a directory of this machine (not in
 * the repository), so that listing snapshots and choosing a baseline cost a small read per snapshot
 * instead of decrypting and parsing every manifest. Snapshot files never change under their id, so an
 * entry is never stale; a forgotten snapshot's entry is removed with it.
 *
 * <p>An entry is the facts in {@link FactsCodec}'s form in a {@link CacheFiles} entry with the magic {@code CAIRNFC2}, keyed
 * by a subkey of the repository's audit key: an entry that was changed, truncated, belongs to another
 * repository or was written for another id does not verify and is ignored (and rewritten from the
 * manifest).
 */
final class FactsCache {

    /** Entries are refused above this size (facts are a few hundred bytes). */
    static final int MAX_ENTRY = 64 << 10;

    private static final System.Logger LOG = System.getLogger(FactsCache.class.getName());

    private final CacheFiles files;

    FactsCache(Path dir, byte[] key) {
        this.files = new CacheFiles(dir, key, "CAIRNFC2", MAX_ENTRY);
    }

    /** {@return the cached facts of snapshot {@code id}, or empty when there are none that verify} */
    Optional<SnapshotFacts> get(String id) {
        return files.read(id, (bytes, offset, length) -> {
            SnapshotFacts facts = FactsCodec.decode(bytes, offset, length, "facts cache entry " + id);
            if (!id.equals(facts.id())) {
                throw new IOException("the entry holds the facts of snapshot " + facts.id());
            }
            return facts;
        });
    }

    /** Stores {@code facts} (best effort, like every write of the cache). */
    void put(SnapshotFacts facts) {
        try {
            files.write(facts.id(), FactsCodec.encode(facts));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot cache the facts of snapshot " + facts.id() + ": " + e);
        }
    }

    /** Removes the entry of snapshot {@code id}, if any. */
    void remove(String id) {
        files.remove(id);
    }
}
