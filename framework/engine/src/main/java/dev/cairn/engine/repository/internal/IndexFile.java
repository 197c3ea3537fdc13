package dev.cairn.engine.repository.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Index files ({@code index/<SHA-256 of the file>}): an {@link Envelope} with magic {@code CAIRNIX1},
 * no header fields, and the payload
 * <pre>
 * u32 packCount, packCount x (packName(32) u64 packSize u32 blobCount, blobCount x entry)
 * entry = u8 type, u8 compression, id(32), u64 offset, u32 storedLength, u32 rawLength
 * </pre>
 * zstd-compressed when that pays: the ids are random, but the rest of each entry compresses (the
 * benchmark's index of 65,000 entries, 3.25 MB, to 2.61 MB at level 1).
 */
final class IndexFile {

    static final byte[] MAGIC = "CAIRNIX1".getBytes(StandardCharsets.US_ASCII);
    /** Writers keep an index file to about this many entries (docs/REPOSITORY.md §8). */
    static final int ENTRIES_PER_FILE = 65536;
    /** Readers refuse index payloads larger than this. */
    static final int MAX_PAYLOAD = 256 << 20;
    private static final int PACK_BYTES = 32 + 8 + 4;

    /** One pack's part of an index file. */
    record PackEntry(String name, long size, List<BlobLocation> blobs) { }

    private IndexFile() {
    }

    static byte[] encode(List<PackEntry> packs, RepositoryKeys keys) {
        int n = 0;
        for (PackEntry p : packs) {
            n += PACK_BYTES + p.blobs().size() * PackFormat.ENTRY_BYTES;
        }
        ByteWriter w = new ByteWriter(4 + n).u32(packs.size());
        for (PackEntry p : packs) {
            w.bytes(Hex.id(p.name())).u64(p.size()).u32(p.blobs().size());
            for (BlobLocation b : p.blobs()) {
                w.u8(b.type()).u8(b.compression()).bytes(b.id()).u64(b.offset()).u32(b.storedLength()).u32(b.rawLength());
            }
        }
        return Envelope.seal(MAGIC, new byte[0], w.toByteArray(), true, keys);
    }

    /**
     * {@return the index file of packs {@code [from, to)} of {@code index}}, written from its arrays without a
     * {@link BlobLocation} per entry.
     */
    static byte[] encode(CompactIndex index, int from, int to, RepositoryKeys keys) {
        int n = 4 + (to - from) * PACK_BYTES + index.entryCount(from, to) * PackFormat.ENTRY_BYTES;
        ByteWriter w = new ByteWriter(n).u32(to - from);
        index.writePacks(from, to, w);
        return Envelope.seal(MAGIC, new byte[0], w.toByteArray(), true, keys);
    }

    static List<PackEntry> decode(byte[] file, RepositoryKeys keys, String where) {
        byte[] payload = Envelope.open(file, MAGIC, 0, MAX_PAYLOAD, keys, "Cairn index", where).payload();
        BoundedReader r = new BoundedReader(payload, where);
        int packCount = r.length("pack count", r.remaining() / PACK_BYTES);
        List<PackEntry> packs = new ArrayList<>(packCount);
        int headerLen = PackFormat.headerLength(keys.encrypted());
        for (int i = 0; i < packCount; i++) {
            String name = Hex.of(r.bytes(32, "pack name"));
            long size = r.u64("pack size");
            if (size < headerLen + PackFormat.FOOTER_BYTES || size > (1L << 40)) {
                throw r.corrupt("pack size " + size + " is impossible");
            }
            int blobCount = r.length("blob count", r.remaining() / PackFormat.ENTRY_BYTES);
            List<BlobLocation> blobs = new ArrayList<>(blobCount);
            for (int b = 0; b < blobCount; b++) {
                blobs.add(PackFormat.readEntry(r, name, headerLen, size - PackFormat.FOOTER_BYTES));
            }
            packs.add(new PackEntry(name, size, blobs));
        }
        r.expectEnd("index");
        return packs;
    }
}
