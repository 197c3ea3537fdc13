package dev.cairn.engine.repository.internal;

import java.io.IOException;
import java.util.Arrays;

/**
 * Cuts a byte source into chunks, each in an array of its own taken from a {@link ChunkBufferPool}.
 * The source is read straight into the array of the chunk being cut, a piece at a time, and the chunker
 * looks at each piece as it arrives ({@link Chunker#cut(byte[], int, int, int, boolean)}); the bytes
 * read past a cut point begin the next chunk's array. There is no read window: a window of two chunker
 * maxima (8 MiB for the default chunker) per storing thread was 16 MiB of a first backup's live heap, and
 * every byte was copied twice, once within the window and once out of it (docs/PERFORMANCE.md).
 */
final class ChunkStream {

    /** Where the bytes come from: like {@link java.io.InputStream#read(byte[], int, int)}. */
    @FunctionalInterface
    interface Source {
        int read(byte[] buf, int off, int len) throws IOException;
    }

    /**
     * The most one read asks of the source. A file channel copies what a read asks for through a native
     * buffer of that size, which the JDK then keeps per thread.
     */
    static final int READ_SIZE = 1 << 20;
    /**
     * Reads of fewer bytes than this (chunks of a few KiB, such as database pages) go through a buffer of
     * {@link #BUFFER_BYTES}, so that a page does not cost a system call.
     */
    static final int MIN_UNBUFFERED_READ = 64 << 10;
    /** The buffer small reads go through. */
    static final int BUFFER_BYTES = 256 << 10;

    /** A chunk: the first {@code length} bytes of {@code buf}, an array of the pool. */
    record Chunk(byte[] buf, int length) { }

    private final Source source;
    private final Chunker chunker;
    private final ChunkBufferPool pool;
    /** What a chunk's array holds at first: room for two normal chunks (grown up to the maximum when needed). */
    private final int firstCapacity;
    /** How much one read asks for: a quarter of a normal chunk, so the bytes read past a cut stay few. */
    private final int readSize;
    private byte[] cur;
    private int filled;
    private int looked;
    private boolean eof;

    /** A stream with a pool and a read buffer of its own, for callers that take each chunk as a copy ({@link #next()}). */
    ChunkStream(Source source, Chunker chunker) {
        this(source, chunker, new ChunkBufferPool(0), needsBuffer(chunker) ? new byte[BUFFER_BYTES] : null);
    }

    /**
     * A stream that takes its chunk arrays from {@code pool}; the caller gives each chunk's array back.
     *
     * @param buffer an array of at least {@link #BUFFER_BYTES} for small reads, or {@code null}: needed only
     *               when the chunker's chunks are small (see {@link #needsBuffer})
     */
    ChunkStream(Source source, Chunker chunker, ChunkBufferPool pool, byte[] buffer) {
        int normal = chunker.normalSize();
        int max = chunker.maxSize();
        this.chunker = chunker;
        this.pool = pool;
        this.firstCapacity = ChunkBufferPool.capacityFor((int) Math.min(max, 2L * normal));
        this.readSize = readSize(chunker);
        if (needsBuffer(chunker)) {
            if (buffer == null || buffer.length < BUFFER_BYTES) {
                throw new IllegalArgumentException("chunks of " + normal + " bytes need a read buffer of " + BUFFER_BYTES + " bytes");
            }
            this.source = new Buffered(source, buffer);
        } else {
            this.source = source;
        }
    }

    /** {@return whether a stream with this chunker reads through a buffer} */
    static boolean needsBuffer(Chunker chunker) {
        return readSize(chunker) < MIN_UNBUFFERED_READ;
    }

    /** {@return how much one read asks for: a quarter of a normal chunk, a whole one when that is small, at most {@link #READ_SIZE}} */
    private static int readSize(Chunker chunker) {
        int normal = chunker.normalSize();
        return Math.min(READ_SIZE, Math.max(normal / 4, Math.min(normal, MIN_UNBUFFERED_READ)));
    }

    /** {@return the next chunk in an array of its own, or {@code null} at the end} */
    byte[] next() throws IOException {
        Chunk c = nextChunk();
        if (c == null) {
            return null;
        }
        byte[] copy = Arrays.copyOf(c.buf(), c.length());
        pool.give(c.buf());
        return copy;
    }

    /** {@return the next chunk in an array taken from the stream's pool (the caller gives it back), or {@code null} at the end} */
    Chunk nextChunk() throws IOException {
        while (true) {
            if (filled > 0) {
                int n = chunker.cut(cur, 0, filled, looked, eof);
                if (n != Chunker.NEED_MORE) {
                    return take(n);
                }
                looked = filled;
            } else if (eof) {
                release();
                return null;
            }
            if (cur == null) {
                cur = pool.take(firstCapacity);
            } else if (filled == cur.length) {
                grow();
            }
            int r = source.read(cur, filled, Math.min(cur.length - filled, readSize));
            if (r < 0) {
                eof = true;
            } else {
                filled += r;
            }
        }
    }

    /** Hands out the first {@code n} bytes of the current array as a chunk; the rest begin the next one. */
    private Chunk take(int n) {
        byte[] chunk = cur;
        int rest = filled - n;
        if (rest > 0) {
            cur = pool.take(Math.max(firstCapacity, rest));
            System.arraycopy(chunk, n, cur, 0, rest);
        } else {
            cur = null;
        }
        filled = rest;
        looked = 0;
        return new Chunk(chunk, n);
    }

    /** Moves the chunk being read to an array twice as large (never beyond the largest chunk's size class). */
    private void grow() {
        byte[] larger = pool.take(Math.min(ChunkBufferPool.capacityFor(chunker.maxSize()), cur.length * 2));
        System.arraycopy(cur, 0, larger, 0, filled);
        pool.give(cur);
        cur = larger;
    }

    /** Gives the array of a chunk never handed out back to the pool (at the end, or when the caller stops early). */
    void release() {
        if (cur != null) {
            pool.give(cur);
            cur = null;
        }
        filled = 0;
    }

    /** Serves small reads from one large read of the source. */
    private static final class Buffered implements Source {
        private final Source source;
        private final byte[] buf;
        private int pos;
        private int end;

        Buffered(Source source, byte[] buf) {
            this.source = source;
            this.buf = buf;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos == end) {
                int r = source.read(buf, 0, Math.min(buf.length, READ_SIZE));
                if (r <= 0) {
                    return r;
                }
                pos = 0;
                end = r;
            }
            int n = Math.min(len, end - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
