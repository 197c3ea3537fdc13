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
 * str hashState, u8 0|1 [u64 sourceSize], strs chunkLists}, with {@code str} as in {@link CacheStrings};
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
            CacheStrings.write(w, i.path());
            CacheStrings.write(w, i.unit());
            CacheStrings.write(w, i.type());
            w.u64(i.size());
            CacheStrings.write(w, i.sha256());
            w.u32(i.mode());
            w.u64(i.mtimeNs());
            w.u64(i.ctimeNs());
            w.u64(i.inode());
            CacheStrings.write(w, i.target());
            CacheStrings.writeCount(w, i.chunks());
            if (i.chunks() != null) {
                for (ChunkRef c : i.chunks()) {
                    CacheStrings.write(w, c.id());
                    w.u32(c.length());
                }
            }
            CacheStrings.write(w, i.hashState());
            w.u8(i.sourceSize() != null ? 1 : 0);
            if (i.sourceSize() != null) {
                w.u64(i.sourceSize());
            }
            CacheStrings.writeCount(w, i.chunkLists());
            if (i.chunkLists() != null) {
                i.chunkLists().forEach(id -> CacheStrings.write(w, id));
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
            String path = CacheStrings.readPresent(r, "path");
            String unit = shared.computeIfAbsent(CacheStrings.readPresent(r, "unit"), s -> s);
            String type = shared.computeIfAbsent(CacheStrings.readPresent(r, "type"), s -> s);
            long size = r.u64("size");
            String sha256 = CacheStrings.read(r, "sha256");
            int mode = r.u32("mode");
            long mtimeNs = r.u64("mtime");
            long ctimeNs = r.u64("ctime");
            long inode = r.u64("inode");
            String target = CacheStrings.read(r, "target");
            List<ChunkRef> chunks = chunks(r);
            String hashState = CacheStrings.read(r, "hash state");
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
        int n = CacheStrings.readCount(r, "chunk count", 8);
        if (n < 0) {
            return null;
        }
        List<ChunkRef> chunks = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            chunks.add(new ChunkRef(CacheStrings.read(r, "chunk id"), r.u32("chunk length")));
        }
        return chunks;
    }

    private static List<String> chunkLists(BoundedReader r) {
        int n = CacheStrings.readCount(r, "chunk list count", 4);
        if (n < 0) {
            return null;
        }
        List<String> ids = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            ids.add(CacheStrings.readPresent(r, "chunk list id"));
        }
        return ids;
    }
}
