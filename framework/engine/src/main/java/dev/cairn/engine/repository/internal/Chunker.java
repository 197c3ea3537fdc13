package dev.cairn.engine.repository.internal;

/** Finds where the next chunk ends. Implementations are stateless and thread-safe. */
interface Chunker {

    /** {@return the largest chunk this chunker returns} */
    int maxSize();

    /**
     * {@return the length of the chunk starting at {@code buf[off]}, in {@code 1..len}}
     *
     * @param len the bytes available; at least {@link #maxSize()} unless the input ends within them
     */
    int cut(byte[] buf, int off, int len);
}
