package dev.cairn.engine.repository.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Arrays for chunks on their way from the reading thread to a blob worker, reused instead of
 * allocated per chunk (a 2 GiB backup otherwise makes 2 GiB of short-lived arrays, and the heap, the
 * collector and the resident memory all pay for it). Arrays come in power-of-two sizes from
 * {@value #MIN_SIZE} bytes up; at most {@code maxIdleBytes} wait in the pool, the rest are dropped.
 */
final class ChunkBufferPool {

    static final int MIN_SIZE = 4 << 10;
    private static final int MIN_SHIFT = Integer.numberOfTrailingZeros(MIN_SIZE);
    private static final int CLASSES = 31 - MIN_SHIFT;

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

    /** {@return an array of at least {@code length} bytes (a power of two, at least {@value #MIN_SIZE})} */
    byte[] take(int length) {
        int c = sizeClass(length);
        byte[] b = idle[c].poll();
        if (b == null) {
            return new byte[MIN_SIZE << c];
        }
        idleBytes.addAndGet(-b.length);
        return b;
    }

    /** Returns an array from {@link #take}; the caller must not use it afterwards. */
    void give(byte[] b) {
        if (Integer.bitCount(b.length) != 1 || b.length < MIN_SIZE) {
            throw new IllegalArgumentException("not an array of this pool: " + b.length + " bytes");
        }
        if (idleBytes.addAndGet(b.length) > maxIdleBytes) {
            idleBytes.addAndGet(-b.length);
            return;
        }
        idle[sizeClass(b.length)].offer(b);
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
