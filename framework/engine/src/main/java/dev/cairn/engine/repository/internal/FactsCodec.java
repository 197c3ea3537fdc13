package dev.cairn.engine.repository.internal;

import dev.cairn.engine.snapshot.SnapshotFacts;

import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot's {@link SnapshotFacts} in a compact binary form, for the local {@link FactsCache}: read with
 * a few calls, where JSON data binding would be set up for it in every process (in a fresh JVM the first
 * such read took 40-45 ms of a backup in which nothing changed). Every component round-trips exactly.
 *
 * <p>Layout, big-endian: {@code str id, str createdUtc, str strategy, str parent, u32 unitCount,
 * unitCount x (str id, str outcome), u32 items, u64 fileBytes, str rootHash, str hostname}, with
 * {@code str} as in {@link CacheStrings}.
 */
final class FactsCodec {

    /** The number of components of {@link SnapshotFacts} this codec writes (a test keeps them in step). */
    static final int COMPONENTS = 9;

    private FactsCodec() {
    }

    static byte[] encode(SnapshotFacts f) {
        ByteWriter w = new ByteWriter(256);
        CacheStrings.write(w, f.id());
        CacheStrings.write(w, f.createdUtc());
        CacheStrings.write(w, f.strategy());
        CacheStrings.write(w, f.parent());
        CacheStrings.writeCount(w, f.units());
        for (SnapshotFacts.UnitOutcome u : f.units()) {
            CacheStrings.write(w, u.id());
            CacheStrings.write(w, u.outcome());
        }
        w.u32(f.items());
        w.u64(f.fileBytes());
        CacheStrings.write(w, f.rootHash());
        CacheStrings.write(w, f.hostname());
        return w.toByteArray();
    }

    /**
     * {@return the facts encoded in {@code bytes[off, off + len)}}
     *
     * @throws dev.cairn.engine.repository.RepositoryException CORRUPT when the bytes are not a complete encoding
     */
    static SnapshotFacts decode(byte[] bytes, int off, int len, String where) {
        BoundedReader r = new BoundedReader(bytes, off, len, where);
        String id = CacheStrings.read(r, "id");
        String created = CacheStrings.read(r, "created");
        String strategy = CacheStrings.read(r, "strategy");
        String parent = CacheStrings.read(r, "parent");
        int n = CacheStrings.readCount(r, "unit count", 8);
        if (n < 0) {
            throw r.corrupt("the unit list is absent");
        }
        List<SnapshotFacts.UnitOutcome> units = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            units.add(new SnapshotFacts.UnitOutcome(CacheStrings.read(r, "unit id"), CacheStrings.read(r, "unit outcome")));
        }
        int items = r.u32("items");
        long fileBytes = r.u64("file bytes");
        String rootHash = CacheStrings.read(r, "root hash");
        String hostname = CacheStrings.read(r, "hostname");
        r.expectEnd("the facts");
        return new SnapshotFacts(id, created, strategy, parent, units, items, fileBytes, rootHash, hostname);
    }
}
