package dev.cairn.engine.repository.internal;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.framework.CairnException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;

/** zstd compression, applied only when it pays, and bounded decompression of hostile input. */
final class Compression {

    static final int NONE = 0;
    static final int ZSTD = 1;
    static final int LEVEL = 3;

    private Compression() {
    }

    /**
     * {@return the zstd frame of {@code data}, or {@code null} when it would not save at least 1/32
     * of the size (already compressed or random data is stored as it is)}
     */
    static byte[] compressIfPays(byte[] data) {
        if (data.length < 64) {
            return null;
        }
        byte[] out = Zstd.compress(data, LEVEL);
        return out.length <= data.length - data.length / 32 ? out : null;
    }

    /** Decompresses into exactly {@code rawLength} bytes (the caller bounds {@code rawLength}). */
    static byte[] decompress(byte[] src, int off, int len, int rawLength, String where) {
        byte[] dst = new byte[rawLength];
        long n;
        try {
            n = Zstd.decompressByteArray(dst, 0, rawLength, src, off, len);
        } catch (RuntimeException e) {
            throw new RepositoryException(CairnException.Kind.CORRUPT, "zstd data is damaged: " + e.getMessage(), where, e);
        }
        if (Zstd.isError(n) || n != rawLength) {
            throw RepositoryException.corrupt("zstd data decompresses to " + (Zstd.isError(n) ? "an error: " + Zstd.getErrorName(n) : n + " bytes")
                    + ", expected " + rawLength, where);
        }
        return dst;
    }

    /**
     * Decompresses a frame whose declared size is {@code rawLength}, growing the output only as real
     * bytes arrive, so a hostile length cannot force a huge allocation.
     */
    static byte[] decompressStreaming(byte[] src, int off, int len, int rawLength, String where) {
        byte[] out = new byte[Math.min(rawLength, 1 << 20)];
        int size = 0;
        try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(src, off, len))) {
            while (true) {
                if (size == out.length) {
                    if (size == rawLength) {
                        if (in.read() != -1) {
                            throw RepositoryException.corrupt("zstd data is longer than the declared " + rawLength + " bytes", where);
                        }
                        break;
                    }
                    out = Arrays.copyOf(out, (int) Math.min(rawLength, (long) size * 2));
                }
                int r = in.read(out, size, out.length - size);
                if (r < 0) {
                    break;
                }
                size += r;
            }
        } catch (IOException e) {
            throw new RepositoryException(CairnException.Kind.CORRUPT, "zstd data is damaged: " + e.getMessage(), where, e);
        }
        if (size != rawLength) {
            throw RepositoryException.corrupt("zstd data decompresses to " + size + " bytes, expected " + rawLength, where);
        }
        return out;
    }
}
