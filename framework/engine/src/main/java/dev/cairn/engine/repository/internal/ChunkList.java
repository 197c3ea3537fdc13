package dev.cairn.engine.repository.internal;

import dev.cairn.engine.snapshot.ChunkRef;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * A file's chunks in compact form: 36 bytes a chunk (id and length) in segments of at most
 * {@link #BLOB_ENTRIES} chunks, no object per chunk. Read-only as a {@code List}; {@link #append} builds it.
 *
 * <p>A file of more than {@link #INLINE_MAX} chunks is stored as <b>chunk-list blobs</b> (type
 * {@link BlobCodec#TYPE_CHUNK_LIST}), one per segment, which its manifest item names instead of listing
 * the chunks (docs/REPOSITORY.md §6). Plaintext of one:
 * <pre>
 * "cairn-chunks-v1" || u32 count || count x (id(32) || u32 length)
 * </pre>
 * An unchanged file's lists are the same blobs in every snapshot, so a manifest stays small however
 * many chunks its files have, and a backup that carries a file over copies a few ids, not its chunks.
 */
final class ChunkList extends AbstractList<ChunkRef> implements RandomAccess {

    /** Files of at most this many chunks list them in the manifest; longer ones are stored as chunk-list blobs. */
    static final int INLINE_MAX = 64;
    /** Chunks per chunk-list blob (at most; 2.25 MiB of plaintext). */
    static final int BLOB_ENTRIES = 1 << 16;
    static final byte[] MAGIC = "cairn-chunks-v1".getBytes(StandardCharsets.US_ASCII);
    static final int ENTRY_BYTES = 36;
    private static final int HEADER = MAGIC.length + 4;

    /** Full segments hold {@link #BLOB_ENTRIES} entries; only the last one is partly used and grows. */
    private final List<byte[]> segments = new ArrayList<>();
    private int size;

    /** {@return an empty list to {@link #append} to} */
    static ChunkList empty() {
        return new ChunkList();
    }

    /** {@return a compact copy of {@code chunks}, whose ids must be well-formed} */
    static ChunkList copyOf(List<ChunkRef> chunks) {
        if (chunks instanceof ChunkList list) {
            ChunkList copy = new ChunkList();
            for (int i = 0; i < list.size; i++) {
                copy.appendFrom(list, i);
            }
            return copy;
        }
        ChunkList copy = new ChunkList();
        for (ChunkRef c : chunks) {
            copy.append(Hex.id(c.id()), c.length());
        }
        return copy;
    }

    private ChunkList() {
    }

    /** Adds a chunk at the end. */
    void append(byte[] id, int length) {
        byte[] segment = segmentFor(size);
        int at = (size & (BLOB_ENTRIES - 1)) * ENTRY_BYTES;
        System.arraycopy(id, 0, segment, at, 32);
        ByteWriter.putU32(segment, at + 32, length);
        size++;
    }

    private void appendFrom(ChunkList other, int index) {
        byte[] from = other.segments.get(index >>> 16);
        int at = (index & (BLOB_ENTRIES - 1)) * ENTRY_BYTES;
        byte[] segment = segmentFor(size);
        System.arraycopy(from, at, segment, (size & (BLOB_ENTRIES - 1)) * ENTRY_BYTES, ENTRY_BYTES);
        size++;
    }

    /** {@return the segment the entry at {@code index} goes to, grown to hold it} */
    private byte[] segmentFor(int index) {
        int s = index >>> 16;
        int within = index & (BLOB_ENTRIES - 1);
        if (s == segments.size()) {
            segments.add(new byte[16 * ENTRY_BYTES]);
        }
        byte[] segment = segments.get(s);
        if ((within + 1) * ENTRY_BYTES > segment.length) {
            segment = Arrays.copyOf(segment, Math.min(BLOB_ENTRIES, Math.max(16, within * 2)) * ENTRY_BYTES);
            segments.set(s, segment);
        }
        return segment;
    }

    @Override
    public ChunkRef get(int index) {
        java.util.Objects.checkIndex(index, size);
        byte[] segment = segments.get(index >>> 16);
        int at = (index & (BLOB_ENTRIES - 1)) * ENTRY_BYTES;
        return new ChunkRef(Hex.of(Arrays.copyOfRange(segment, at, at + 32)), getInt(segment, at + 32));
    }

    @Override
    public int size() {
        return size;
    }

    /** {@return the sum of the chunks' lengths} */
    long totalLength() {
        long total = 0;
        for (int i = 0; i < size; i++) {
            total += getInt(segments.get(i >>> 16), (i & (BLOB_ENTRIES - 1)) * ENTRY_BYTES + 32) & 0xFFFFFFFFL;
        }
        return total;
    }

    /** {@return the plaintexts of the chunk-list blobs that hold this list, in order} */
    List<byte[]> blobPlaintexts() {
        List<byte[]> out = new ArrayList<>(segments.size());
        for (int s = 0; s < segments.size(); s++) {
            int count = Math.min(BLOB_ENTRIES, size - s * BLOB_ENTRIES);
            byte[] plain = new byte[HEADER + count * ENTRY_BYTES];
            System.arraycopy(MAGIC, 0, plain, 0, MAGIC.length);
            ByteWriter.putU32(plain, MAGIC.length, count);
            System.arraycopy(segments.get(s), 0, plain, HEADER, count * ENTRY_BYTES);
            out.add(plain);
        }
        return out;
    }

    /**
     * Appends the chunks of one chunk-list blob's plaintext.
     *
     * @throws dev.cairn.engine.repository.RepositoryException CORRUPT when it is not a chunk list
     */
    void appendBlob(byte[] plaintext, String where) {
        if (plaintext.length < HEADER || !Arrays.equals(plaintext, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw dev.cairn.engine.repository.RepositoryException.corrupt("blob does not start with cairn-chunks-v1", where);
        }
        long count = new BoundedReader(plaintext, MAGIC.length, 4, where).u32("chunk count") & 0xFFFFFFFFL;
        if (count == 0 || count > BLOB_ENTRIES || plaintext.length != HEADER + count * ENTRY_BYTES) {
            throw dev.cairn.engine.repository.RepositoryException.corrupt("chunk list of " + plaintext.length
                    + " bytes cannot hold " + count + " chunks (1.." + BLOB_ENTRIES + " of " + ENTRY_BYTES + " bytes each)", where);
        }
        for (int i = 0; i < count; i++) {
            int at = HEADER + i * ENTRY_BYTES;
            int length = getInt(plaintext, at + 32);
            if (length < 0 || length > ChunkerParams.MAX_BLOB) {
                throw dev.cairn.engine.repository.RepositoryException.corrupt("chunk " + i + " of the list has length "
                        + Integer.toUnsignedString(length), where);
            }
            byte[] segment = segmentFor(size);
            System.arraycopy(plaintext, at, segment, (size & (BLOB_ENTRIES - 1)) * ENTRY_BYTES, ENTRY_BYTES);
            size++;
        }
    }

    // Lengths are kept big-endian in the segments, as in the blob, so a segment is a blob's body as it is.
    private static int getInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

}
