package dev.cairn.engine.repository.internal;

import dev.cairn.engine.snapshot.ChunkRef;
import dev.cairn.engine.snapshot.ManifestItem;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
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
 * str hashState, u8 0|1 [u64 sourceSize], strs chunkLists}. A {@code str} is a u32 tag: {@code 0xFFFFFFFF}
 * for absent, {@code 0xFFFFFFFE} followed by the 32 bytes of a 64-digit lowercase hex id (hashes and
 * chunk ids, half the size of their text), else the length of the UTF-8 bytes that follow. {@code chunks}
 * is a u32 count ({@code 0xFFFFFFFF} for absent) of {@code str id, u32 length}; {@code strs} a u32 count
 * ({@code 0xFFFFFFFF} for absent) of {@code str}.
 */
final class ItemsCodec {

    /** The number of components of {@link ManifestItem} this codec writes (a test keeps them in step). */
    static final int COMPONENTS = 14;
    private static final int ABSENT = -1;
    private static final int HEX_ID = -2;
    private static final int ID_BYTES = 32;
    private static final HexFormat HEX = HexFormat.of();
    /** The fewest bytes an item takes (every string empty or absent, no chunks): bounds a believable count. */
    private static final int MIN_ITEM_BYTES = 69;

    private ItemsCodec() {
    }

    /** {@return {@code items} encoded} */
    static byte[] encode(List<ManifestItem> items) {
        ByteWriter w = new ByteWriter(64 + items.size() * 128);
        w.u32(items.size());
        for (ManifestItem i : items) {
            string(w, i.path());
            string(w, i.unit());
            string(w, i.type());
            w.u64(i.size());
            string(w, i.sha256());
            w.u32(i.mode());
            w.u64(i.mtimeNs());
            w.u64(i.ctimeNs());
            w.u64(i.inode());
            string(w, i.target());
            chunks(w, i.chunks());
            string(w, i.hashState());
            w.u8(i.sourceSize() != null ? 1 : 0);
            if (i.sourceSize() != null) {
                w.u64(i.sourceSize());
            }
            strings(w, i.chunkLists());
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
            String path = string(r, "path");
            String unit = shared.computeIfAbsent(string(r, "unit"), s -> s);
            String type = shared.computeIfAbsent(string(r, "type"), s -> s);
            long size = r.u64("size");
            String sha256 = string(r, "sha256");
            int mode = r.u32("mode");
            long mtimeNs = r.u64("mtime");
            long ctimeNs = r.u64("ctime");
            long inode = r.u64("inode");
            String target = string(r, "target");
            List<ChunkRef> chunks = chunks(r);
            String hashState = string(r, "hash state");
            Long sourceSize = switch (r.u8("source size flag")) {
                case 0 -> null;
                case 1 -> r.u64("source size");
                default -> throw r.corrupt("source size flag is neither 0 nor 1");
            };
            List<String> chunkLists = strings(r);
            if (path == null || unit == null || type == null) {
                throw r.corrupt("item " + n + " lacks a path, unit or type");
            }
            items.add(new ManifestItem(path, unit, type, size, sha256, mode, mtimeNs, ctimeNs, inode, target, chunks,
                    hashState, sourceSize, chunkLists));
        }
        r.expectEnd("the last item");
        return items;
    }

    private static void string(ByteWriter w, String s) {
        if (s == null) {
            w.u32(ABSENT);
        } else if (isLowercaseHexId(s)) {
            w.u32(HEX_ID).bytes(HEX.parseHex(s));
        } else {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            w.u32(utf8.length).bytes(utf8);
        }
    }

    private static String string(BoundedReader r, String what) {
        int tag = r.u32(what);
        if (tag == ABSENT) {
            return null;
        }
        if (tag == HEX_ID) {
            return HEX.formatHex(r.bytes(ID_BYTES, what));
        }
        if (tag < 0) {
            throw r.corrupt(what + " has the unknown tag " + Integer.toUnsignedString(tag));
        }
        return r.utf8(tag, what);
    }

    private static boolean isLowercaseHexId(String s) {
        if (s.length() != 2 * ID_BYTES) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static void chunks(ByteWriter w, List<ChunkRef> chunks) {
        if (chunks == null) {
            w.u32(ABSENT);
            return;
        }
        w.u32(chunks.size());
        for (ChunkRef c : chunks) {
            string(w, c.id());
            w.u32(c.length());
        }
    }

    private static List<ChunkRef> chunks(BoundedReader r) {
        int n = count(r, "chunk count", 8);
        if (n == ABSENT) {
            return null;
        }
        List<ChunkRef> chunks = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            chunks.add(new ChunkRef(string(r, "chunk id"), r.u32("chunk length")));
        }
        return chunks;
    }

    private static void strings(ByteWriter w, List<String> strings) {
        if (strings == null) {
            w.u32(ABSENT);
            return;
        }
        w.u32(strings.size());
        for (String s : strings) {
            string(w, s);
        }
    }

    private static List<String> strings(BoundedReader r) {
        int n = count(r, "chunk list count", 4);
        if (n == ABSENT) {
            return null;
        }
        List<String> strings = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            String id = string(r, "chunk list id");
            if (id == null) {
                throw r.corrupt("chunk list id " + k + " is absent");
            }
            strings.add(id);
        }
        return strings;
    }

    /** {@return a list's size or {@link #ABSENT}, refusing one that cannot fit the bytes left at {@code minBytes} an element} */
    private static int count(BoundedReader r, String what, int minBytes) {
        int n = r.u32(what);
        if (n == ABSENT) {
            return ABSENT;
        }
        if (n < 0 || n > r.remaining() / minBytes) {
            throw r.corrupt(what + " " + Integer.toUnsignedString(n) + " cannot fit the " + r.remaining() + " bytes left");
        }
        return n;
    }
}
