package dev.cairn.engine.repository.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Arrays for chunks on their way from the reading thread to a blob worker, reused instead of
 * allocated per chunk (a 2 GiB backup otherwise makes 2 GiB of short-lived arrays, and the heap, the
 * collector and the resident memory all pay for it). Arrays come in power-of-two sizes from
 * {@value #MIN_SIZE} bytes up; at most {@code maxIdleBytes} wait in the pool. An array returned to a
 * full pool displaces idle arrays of other sizes: the file being stored now decides which sizes are
 * worth keeping (after a database of 4 KiB pages, the pool must not stay full of 4 KiB arrays while
 * the next files' 1 MiB chunks are allocated afresh).
 */
final class ChunkBufferPool {

    static final int MIN_SIZE = 4 << 10;
    private static final int MIN_SHIFT = Integer.numberOfTrailingZeros(MIN_SIZE);
    private static final int CLASSES = 31 - MIN_SHIFT;
    /** How many size classes above its own a chunk may take an idle array from. */
    static final int LARGER_CLASSES = 2;

    private final ConcurrentLinkedQueue<byte[]>[] idle;
    private final AtomicLong idleBytes = new AtomicLong();
    private final long maxIdleBytes;

    @SuppressWarnings("unchecked")
    ChunkBufferPool(long maxIdleBytes) {
        this.maxIdleBytes = maxIdleBytes;
        this.idle = new ConcurrentLinkedQueue[CLASSES];
        for (int i = 0; i < CLASSES; i++) {
            idle[i] = new ConcurrentLinkedQueue<>();
        }
    }

    /**
     * {@return an array of at least {@code length} bytes (a power of two, at least {@value #MIN_SIZE})}:
     * an idle one of its size class or, failing that, of one of the next {@value #LARGER_CLASSES} classes
     * (content-defined chunks vary in size, and an idle larger array beats a new one), else a new one
     * of its size class.
     */
    byte[] take(int length) {
        int c = sizeClass(length);
        for (int k = c; k <= Math.min(c + LARGER_CLASSES, CLASSES - 1); k++) {
            byte[] b = idle[k].poll();
            if (b != null) {
                idleBytes.addAndGet(-b.length);
                return b;
            }
        }
        return new byte[MIN_SIZE << c];
    }

    /** Returns an array from {@link #take}; the caller must not use it afterwards. */
    void give(byte[] b) {
        if (Integer.bitCount(b.length) != 1 || b.length < MIN_SIZE) {
            throw new IllegalArgumentException("not an array of this pool: " + b.length + " bytes");
        }
        int c = sizeClass(b.length);
        if (idleBytes.addAndGet(b.length) > maxIdleBytes && !evictOtherThan(c)) {
            idleBytes.addAndGet(-b.length);
            return;
        }
        idle[c].offer(b);
    }

    /**
     * Drops idle arrays of size classes other than {@code keep}, smallest first, until the idle bytes
     * (already counting the array being returned) are within the limit.
     *
     * @return whether they are
     */
    private boolean evictOtherThan(int keep) {
        for (int c = 0; c < CLASSES && idleBytes.get() > maxIdleBytes; c++) {
            if (c == keep) {
                continue;
            }
            byte[] dropped;
            while (idleBytes.get() > maxIdleBytes && (dropped = idle[c].poll()) != null) {
                idleBytes.addAndGet(-dropped.length);
            }
        }
        return idleBytes.get() <= maxIdleBytes;
    }

    /** {@return the size an array for {@code length} bytes has} */
    static int capacityFor(int length) {
        return MIN_SIZE << sizeClass(length);
    }

    private static int sizeClass(int length) {
        if (length <= MIN_SIZE) {
            return 0;
        }
        return 32 - Integer.numberOfLeadingZeros(length - 1) - MIN_SHIFT;
    }
}
