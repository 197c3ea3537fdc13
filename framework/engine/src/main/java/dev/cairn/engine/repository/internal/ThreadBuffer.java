package dev.cairn.engine.repository.internal;

/**
 * One reusable byte array per thread, grown to the largest size asked of it and never shrunk: the
 * writer's read buffers and encode buffers, which would otherwise be allocated per file or per blob.
 * The array belongs to the calling thread until that thread asks again.
 *
 * <p>An array grows in steps of {@value #STEP} bytes (of a power of two below that), not to the exact size
 * asked: content-defined chunks of 1 to 4 MiB otherwise made a blob worker's buffer grow a little with
 * each new largest chunk, and every outgrown array, long-lived enough to have been promoted, was left as
 * garbage in the old generation (a heap dump of a first backup held 9 arrays of odd sizes, 21 MB, of which
 * only the 4 current ones were in use).
 */
final class ThreadBuffer {

    /** The growth step of large arrays. */
    static final int STEP = 1 << 20;

    private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[0]);

    /** {@return the calling thread's array, of at least {@code size} bytes} */
    byte[] atLeast(int size) {
        byte[] buf = buffers.get();
        if (buf.length < size) {
            buf = new byte[capacityFor(size)];
            buffers.set(buf);
        }
        return buf;
    }

    /** {@return the length of the array made for a request of {@code size} bytes} */
    static int capacityFor(int size) {
        if (size <= 64) {
            return 64;
        }
        if (size <= STEP) {
            return Integer.highestOneBit(size - 1) << 1;
        }
        long rounded = ((long) size + STEP - 1) / STEP * STEP;
        return rounded > Integer.MAX_VALUE - 8 ? size : (int) rounded;
    }
}
