package dev.cairn.engine.repository.internal;

/**
 * One reusable byte array per thread, grown to the largest size asked of it and never shrunk: the
 * writer's read buffers and encode buffers, which would otherwise be allocated per file or per blob.
 * The array belongs to the calling thread until that thread asks again.
 */
final class ThreadBuffer {

    private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[0]);

    /** {@return the calling thread's array, of at least {@code size} bytes} */
    byte[] atLeast(int size) {
        byte[] buf = buffers.get();
        if (buf.length < size) {
            buf = new byte[size];
            buffers.set(buf);
        }
        return buf;
    }
}
