package dev.cairn.engine.repository.internal;

import java.util.Arrays;

/** A growable big-endian byte buffer for building repository objects. */
final class ByteWriter {

    private byte[] buf;
    private int size;

    ByteWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int n) {
        if (buf.length - size < n) {
            long want = Math.max((long) buf.length * 2, (long) size + n);
            if (want > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("object too large: " + want + " bytes");
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }

    ByteWriter u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    ByteWriter u32(int v) {
        ensure(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    ByteWriter u64(long v) {
        ensure(8);
        for (int i = 7; i >= 0; i--) {
            buf[size++] = (byte) (v >>> (i * 8));
        }
        return this;
    }

    ByteWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    ByteWriter bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    /** Writes {@code v} big-endian into {@code b[at, at + 4)}. */
    static void putU32(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    int size() {
        return size;
    }

    /** {@return the bytes written: the writer's own array when they fill it exactly (the writer is then done), else a copy} */
    byte[] toByteArray() {
        return size == buf.length ? buf : Arrays.copyOf(buf, size);
    }
}
