package dev.cairn.engine.repository.internal;

import java.util.Arrays;

/**
 * A set of 32-byte ids kept in one byte array with an open-addressing table of ordinals, so memory
 * is about 40 bytes per id with no object per id. Ids are hashes or MACs, so their first bytes are
 * already uniformly distributed. Not thread-safe.
 */
final class IdSet {

    static final int ID_BYTES = 32;

    private byte[] ids = new byte[ID_BYTES * 64];
    private int[] slots = new int[128];
    private int size;

    int size() {
        return size;
    }

    /** {@return the ordinal of {@code id}, or -1} */
    int find(byte[] id) {
        int mask = slots.length - 1;
        for (int s = hash(id, 0) & mask; ; s = (s + 1) & mask) {
            int v = slots[s];
            if (v == 0) {
                return -1;
            }
            if (Arrays.equals(ids, (v - 1) * ID_BYTES, v * ID_BYTES, id, 0, ID_BYTES)) {
                return v - 1;
            }
        }
    }

    boolean contains(byte[] id) {
        return find(id) >= 0;
    }

    /** Adds {@code id} if absent; {@return its ordinal} */
    int add(byte[] id) {
        if (id.length != ID_BYTES) {
            throw new IllegalArgumentException("ids are 32 bytes");
        }
        int found = find(id);
        if (found >= 0) {
            return found;
        }
        if ((size + 1) * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        if ((size + 1) * ID_BYTES > ids.length) {
            ids = Arrays.copyOf(ids, ids.length * 2);
        }
        System.arraycopy(id, 0, ids, size * ID_BYTES, ID_BYTES);
        insert(size);
        return size++;
    }

    /** Appends the id with this ordinal to {@code w}, copying it nowhere else. */
    void writeTo(int ordinal, ByteWriter w) {
        w.bytes(ids, ordinal * ID_BYTES, ID_BYTES);
    }

    /** {@return a copy of the id with this ordinal} */
    byte[] id(int ordinal) {
        return Arrays.copyOfRange(ids, ordinal * ID_BYTES, (ordinal + 1) * ID_BYTES);
    }

    private void insert(int ordinal) {
        int mask = slots.length - 1;
        int s = hash(ids, ordinal * ID_BYTES) & mask;
        while (slots[s] != 0) {
            s = (s + 1) & mask;
        }
        slots[s] = ordinal + 1;
    }

    private void rehash(int capacity) {
        slots = new int[capacity];
        for (int i = 0; i < size; i++) {
            insert(i);
        }
    }

    /** {@return the hash of the id at {@code b[off]}: its first four bytes, mixed} */
    static int hash(byte[] b, int off) {
        int h = ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
        return h ^ (h >>> 16);
    }
}
