package dev.cairn.engine.repository.internal;

import dev.cairn.engine.snapshot.SnapshotFacts;

import java.util.List;

/**
 * A snapshot's {@link SnapshotFacts} in a compact binary form, for the local {@link FactsCache}: read with
 * a few calls, where JSON data binding would be set up for it in every process (in a fresh JVM the first
 * such read took 40-45 ms of a backup in which nothing changed). Every component round-trips exactly.
 *
 * <p>Layout, big-endian: {@code str id, str createdUtc, str strategy, str parent, u32 unitCount,
 * unitCount x (str id, str outcome), u32 items, u64 fileBytes, str rootHash, str hostname}, with
 * {@code str} as in {@link CacheFields}.
 */
final class FactsCodec {

    /** The number of components of {@link SnapshotFacts} this codec writes (a test keeps them in step). */
    static final int COMPONENTS = 9;

    private FactsCodec() {
    }

    static byte[] encode(SnapshotFacts f) {
        ByteWriter w = new ByteWriter(256);
        CacheFields.write(w, f.id());
        CacheFields.write(w, f.createdUtc());
        CacheFields.write(w, f.strategy());
        CacheFields.write(w, f.parent());
        CacheFields.writeCount(w, f.units());
        for (SnapshotFacts.UnitOutcome u : f.units()) {
            CacheFields.write(w, u.id());
            CacheFields.write(w, u.outcome());
        }
        w.u32(f.items());
        w.u64(f.fileBytes());
        CacheFields.write(w, f.rootHash());
        CacheFields.write(w, f.hostname());
        return w.toByteArray();
    }

    /**
     * {@return the facts encoded in {@code bytes[off, off + len)}}
     *
     * @throws dev.cairn.engine.repository.RepositoryException CORRUPT when the bytes are not a complete encoding
     */
    static SnapshotFacts decode(byte[] bytes, int off, int len, String where) {
        BoundedReader r = new BoundedReader(bytes, off, len, where);
        String id = CacheFields.read(r, "id");
        String created = CacheFields.read(r, "created");
        String strategy = CacheFields.read(r, "strategy");
        String parent = CacheFields.read(r, "parent");
        List<SnapshotFacts.UnitOutcome> units = CacheFields.readList(r, "unit count", 8,
                e -> new SnapshotFacts.UnitOutcome(CacheFields.read(e, "unit id"), CacheFields.read(e, "unit outcome")));
        if (units == null) {
            throw r.corrupt("the unit list is absent");
        }
        int items = r.u32("items");
        long fileBytes = r.u64("file bytes");
        String rootHash = CacheFields.read(r, "root hash");
        String hostname = CacheFields.read(r, "hostname");
        r.expectEnd("the facts");
        return new SnapshotFacts(id, created, strategy, parent, units, items, fileBytes, rootHash, hostname);
    }
}
