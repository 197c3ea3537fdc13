package dev.cairn.engine.repository.internal;

/** Finds where the next chunk ends. Implementations are stateless and thread-safe. */
interface Chunker {

    /** What {@link #cut(byte[], int, int, int, boolean)} returns when it needs more bytes to decide. */
    int NEED_MORE = -1;

    /** {@return the largest chunk this chunker returns} */
    int maxSize();

    /** {@return the size most chunks are near: the normal size of content-defined chunks, the size of fixed ones} */
    int normalSize();

    /**
     * {@return the length of the chunk starting at {@code buf[off]}, in {@code 1..len}}
     *
     * @param len the bytes available; at least {@link #maxSize()} unless the input ends within them
     */
    default int cut(byte[] buf, int off, int len) {
        return cut(buf, off, len, 0, true);
    }

    /**
     * Looks for the end of the chunk starting at {@code buf[off]} in bytes that may not yet reach a cut
     * point, so a caller can read a chunk a piece at a time. The answer is the same as one call over all
     * the bytes would give.
     *
     * @param len    the bytes of the chunk read so far (at least 1)
     * @param looked how many of them an earlier call for this chunk has already looked at and answered
     *               {@link #NEED_MORE} for (0 for the first call)
     * @param last   whether the input ends after these {@code len} bytes
     * @return the chunk's length in {@code 1..len}, or {@link #NEED_MORE} when {@code len} is below
     *         {@link #maxSize()}, the input goes on, and no cut point lies within the bytes given
     */
    int cut(byte[] buf, int off, int len, int looked, boolean last);
}
