package dev.cairn.engine.repository.internal;

import java.io.IOException;
import java.util.Arrays;

/**
 * Cuts a byte source into chunks, each returned as its own array. Reads into one buffer of two
 * chunker maxima, which a caller that streams many files reuses.
 */
final class ChunkStream {

    /** Where the bytes come from: like {@link java.io.InputStream#read(byte[], int, int)}. */
    @FunctionalInterface
    interface Source {
        int read(byte[] buf, int off, int len) throws IOException;
    }

    /**
     * The most one read asks of the source. A file channel copies what a read asks for through a native
     * buffer of that size, which the JDK then keeps per thread: reads of a whole chunker window (8 MiB)
     * left one such buffer per reading thread in resident memory.
     */
    static final int READ_SIZE = 1 << 20;

    private final Source source;
    private final Chunker chunker;
    private final byte[] buf;
    private int start;
    private int end;
    private boolean eof;

    ChunkStream(Source source, Chunker chunker) {
        this(source, chunker, new byte[bufferSize(chunker)]);
    }

    /**
     * A stream that reads into {@code buffer}, which must hold at least {@link #bufferSize}{@code
     * (chunker)} bytes; the caller may reuse it once this stream is done.
     */
    ChunkStream(Source source, Chunker chunker, byte[] buffer) {
        if (buffer.length < bufferSize(chunker)) {
            throw new IllegalArgumentException("read buffer of " + buffer.length + " bytes, need " + bufferSize(chunker));
        }
        this.source = source;
        this.chunker = chunker;
        this.buf = buffer;
    }

    /** {@return the read buffer a chunker needs: two of its largest chunks} */
    static int bufferSize(Chunker chunker) {
        return Math.max(chunker.maxSize() * 2, 64 << 10);
    }

    /** A chunk: the first {@code length} bytes of {@code buf}. */
    record Chunk(byte[] buf, int length) { }

    /** {@return the next chunk in an array of its own, or {@code null} at the end} */
    byte[] next() throws IOException {
        fill();
        if (start == end) {
            return null;
        }
        int n = chunker.cut(buf, start, end - start);
        byte[] chunk = Arrays.copyOfRange(buf, start, start + n);
        start += n;
        return chunk;
    }

    /** {@return the next chunk in an array taken from {@code pool}, or {@code null} at the end} */
    Chunk next(ChunkBufferPool pool) throws IOException {
        fill();
        if (start == end) {
            return null;
        }
        int n = chunker.cut(buf, start, end - start);
        byte[] chunk = pool.take(n);
        System.arraycopy(buf, start, chunk, 0, n);
        start += n;
        return new Chunk(chunk, n);
    }

    private void fill() throws IOException {
        int want = chunker.maxSize();
        if (eof || end - start >= want) {
            return;
        }
        if (buf.length - start < want) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        while (!eof && end - start < want) {
            int r = source.read(buf, end, Math.min(buf.length - end, READ_SIZE));
            if (r < 0) {
                eof = true;
            } else {
                end += r;
            }
        }
    }
}
