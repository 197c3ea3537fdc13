package dev.cairn.engine.repository.internal;

import dev.cairn.engine.snapshot.ChunkRef;
import dev.cairn.engine.snapshot.ManifestItem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot's items in a compact binary form, for the local {@link ItemsCache}: decoding it is one loop
 * of reads, where decoding the manifest's JSON starts Jackson (in a fresh JVM the larger part of a backup
 * in which nothing changed: docs/PERFORMANCE.md). Every component of {@link ManifestItem} round-trips
 * exactly, absent values included.
 *
 * <p>Layout, big-endian: {@code u32 count}, then per item {@code str path, str unit, str type,
 * u64 size, str sha256, u32 mode, u64 mtimeNs, u64 ctimeNs, u64 inode, str target, chunks,
 * str hashState, u8 0|1 [u64 sourceSize], strs chunkLists}, with {@code str} as in {@link CacheFields};
 * {@code chunks} is a u32 count ({@code 0xFFFFFFFF} for absent) of {@code str id, u32 length}, {@code strs}
 * a u32 count ({@code 0xFFFFFFFF} for absent) of {@code str}.
 */
final class ItemsCodec {

    /** The number of components of {@link ManifestItem} this codec writes (a test keeps them in step). */
    static final int COMPONENTS = 14;
    /** The fewest bytes an item takes (every string empty or absent, no chunks): bounds a believable count. */
    private static final int MIN_ITEM_BYTES = 69;

    private ItemsCodec() {
    }

    /** {@return {@code items} encoded} */
    static byte[] encode(List<ManifestItem> items) {
        ByteWriter w = new ByteWriter(64 + items.size() * 128);
        w.u32(items.size());
        for (ManifestItem i : items) {
            CacheFields.write(w, i.path());
            CacheFields.write(w, i.unit());
            CacheFields.write(w, i.type());
            w.u64(i.size());
            CacheFields.write(w, i.sha256());
            w.u32(i.mode());
            w.u64(i.mtimeNs());
            w.u64(i.ctimeNs());
            w.u64(i.inode());
            CacheFields.write(w, i.target());
            CacheFields.writeCount(w, i.chunks());
            if (i.chunks() != null) {
                for (ChunkRef c : i.chunks()) {
                    CacheFields.write(w, c.id());
                    w.u32(c.length());
                }
            }
            CacheFields.write(w, i.hashState());
            w.u8(i.sourceSize() != null ? 1 : 0);
            if (i.sourceSize() != null) {
                w.u64(i.sourceSize());
            }
            CacheFields.writeCount(w, i.chunkLists());
            if (i.chunkLists() != null) {
                i.chunkLists().forEach(id -> CacheFields.write(w, id));
            }
        }
        return w.toByteArray();
    }

    /**
     * {@return the items encoded in {@code bytes[off, off + len)}}
     *
     * @throws dev.cairn.engine.repository.RepositoryException CORRUPT when the bytes are not a complete encoding
     */
    static List<ManifestItem> decode(byte[] bytes, int off, int len, String where) {
        BoundedReader r = new BoundedReader(bytes, off, len, where);
        int count = r.length("item count", len / MIN_ITEM_BYTES);
        // repeated values (unit ids, types) are kept once
        Map<String, String> shared = new HashMap<>();
        List<ManifestItem> items = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            String path = CacheFields.readPresent(r, "path");
            String unit = shared.computeIfAbsent(CacheFields.readPresent(r, "unit"), s -> s);
            String type = shared.computeIfAbsent(CacheFields.readPresent(r, "type"), s -> s);
            long size = r.u64("size");
            String sha256 = CacheFields.read(r, "sha256");
            int mode = r.u32("mode");
            long mtimeNs = r.u64("mtime");
            long ctimeNs = r.u64("ctime");
            long inode = r.u64("inode");
            String target = CacheFields.read(r, "target");
            List<ChunkRef> chunks = chunks(r);
            String hashState = CacheFields.read(r, "hash state");
            Long sourceSize = switch (r.u8("source size flag")) {
                case 0 -> null;
                case 1 -> r.u64("source size");
                default -> throw r.corrupt("source size flag is neither 0 nor 1");
            };
            List<String> chunkLists = chunkLists(r);
            items.add(new ManifestItem(path, unit, type, size, sha256, mode, mtimeNs, ctimeNs, inode, target, chunks,
                    hashState, sourceSize, chunkLists));
        }
        r.expectEnd("the last item");
        return items;
    }

    private static List<ChunkRef> chunks(BoundedReader r) {
        return CacheFields.readList(r, "chunk count", 8,
                e -> new ChunkRef(CacheFields.read(e, "chunk id"), e.u32("chunk length")));
    }

    private static List<String> chunkLists(BoundedReader r) {
        return CacheFields.readList(r, "chunk list count", 4, e -> CacheFields.readPresent(e, "chunk list id"));
    }
}
