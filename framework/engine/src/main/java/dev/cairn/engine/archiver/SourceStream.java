package dev.cairn.engine.archiver;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Wraps an item's source stream for {@link dev.cairn.engine.repository.BackupWriter#store}: counts the
 * bytes read and keeps the source's read errors away from the writer. The writer takes any exception
 * from its input as a failure of the whole session (nothing more could be committed), so a read error
 * ends this stream early instead; the sink then calls {@link #throwIfFailed()}, drops the item and
 * reports it (its partly stored chunks stay unreferenced until prune).
 */
final class SourceStream extends FilterInputStream {

    private long count;
    private IOException failure;

    SourceStream(InputStream in) {
        super(in);
    }

    long count() {
        return count;
    }

    /** Throws the first read error of the source, if there was one. */
    void throwIfFailed() throws SourceReadException {
        if (failure != null) {
            throw new SourceReadException(failure);
        }
    }

    @Override
    public int read() throws IOException {
        if (failure != null) {
            return -1;
        }
        try {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        } catch (IOException e) {
            failure = e;
            return -1;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (failure != null) {
            return -1;
        }
        try {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        } catch (IOException e) {
            failure = e;
            return -1;
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (IOException e) {
            throw new SourceReadException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } catch (IOException e) {
            throw new SourceReadException(e);
        }
    }
}
