package dev.cairn.engine.repository.internal;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdInputStream;
import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.framework.CairnException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.IntFunction;

/**
 * zstd compression, applied only when it pays, and bounded decompression of hostile input. Blobs use
 * four codes: {@link #NONE}, {@link #ZSTD}, {@link #PLANES16_ZSTD} (zstd over the
 * {@link BytePlanes} form of 16-bit words) and {@link #ZSTD_DICT} (zstd with a page dictionary);
 * metadata envelopes use the first two. zstd
 * contexts are costly to create (they dominate the time of small blobs), so a few are kept in
 * process-wide pools and reused.
 */
final class Compression {

    static final int NONE = 0;
    static final int ZSTD = 1;
    /**
     * zstd frames of the {@link BytePlanes} form of the plaintext (blobs only): one of the low plane, then
     * one of the high plane and the odd trailing byte (writers before 2026-12-03 wrote a single frame of the
     * whole form; zstd decompresses concatenated frames as one, so both read alike).
     */
    static final int PLANES16_ZSTD = 2;
    /**
     * {@code u32 dictId || zstd frame} made with the {@link PageDictionary} of that id (pages of
     * {@link dev.cairn.framework.unit.ChunkingPolicy.Layout#PAGES} files, and small chunks of
     * {@link dev.cairn.framework.unit.ChunkingPolicy.Layout#BYTES} files with the small-chunk dictionary).
     */
    static final int ZSTD_DICT = 3;
    /** The bytes a {@link #ZSTD_DICT} form spends naming its dictionary. */
    static final int DICTIONARY_REF_BYTES = 4;
    /**
     * zstd's level for the {@link #ZSTD} form of blobs. The benchmark's 300 MB of logs in 1 MiB chunks store in
     * 91.1 MB at level 3, 95.1 MB at level 1, compressed at 214 against 332 MB/s (zstd's CLI); random data
     * is given up on as fast at either level (docs/PERFORMANCE.md, "Measured in the sixteenth session").
     */
    static final int LEVEL = 3;
    /**
     * zstd's level for the planes of {@link #PLANES16_ZSTD} forms (the high bytes of fp16 weights are at their
     * entropy at level 1 already) and for metadata envelopes (the benchmark's manifest stored 482 KB at level
     * 1 and 526 KB at level 3).
     */
    static final int FAST_LEVEL = 1;
    private static final int POOLED = 8;

    /**
     * One pool for both levels, each use setting its own: a context keeps the workspace of the larger level,
     * which the smaller reuses. Two pools kept a set of level-3 contexts idle through the models' planes at
     * level 1, where a first backup's memory peaks.
     */
    private static final ContextPool<ZstdCompressCtx> COMPRESSORS = new ContextPool<>();
    /**
     * Per-thread buffer of the planes form, reused across chunks (a chunk is at most MAX_BLOB bytes): split
     * into before compressing, decompressed into before joining.
     */
    private static final ThreadBuffer PLANES = new ThreadBuffer();
    private static final ContextPool<ZstdDecompressCtx> DECOMPRESSORS = new ContextPool<>();

    /**
     * A bounded pool of native zstd contexts; contexts beyond {@link #POOLED} are closed on release. Taking
     * and giving allocate nothing (a queue of linked nodes allocated one per release: 140 MB in a full
     * restore, which releases a context per blob).
     */
    static final class ContextPool<T extends java.io.Closeable> {
        private final ArrayBlockingQueue<T> idle = new ArrayBlockingQueue<>(POOLED);

        T take() {
            return idle.poll();
        }

        void give(T t) {
            if (!idle.offer(t)) {
                try {
                    t.close();
                } catch (java.io.IOException ignored) {
                    // closing a zstd context frees native memory and cannot fail meaningfully
                }
            }
        }
    }

    private Compression() {
    }

    /**
     * {@return the zstd frame of {@code data}, or {@code null} when it would not save at least 1/32
     * of the size (already compressed or random data is stored as it is)}
     */
    static byte[] compressIfPays(byte[] data) {
        byte[] dst = new byte[bound(data.length)];
        int n = compressIntoIfPays(data, 0, data.length, dst, 0);
        return n < 0 ? null : Arrays.copyOf(dst, n);
    }

    /**
     * {@return the zstd frame of the {@link BytePlanes} form of {@code data}, or {@code null} when it
     * would not save at least 1/32 of the size}
     */
    static byte[] compressPlanesIfPays(byte[] data) {
        byte[] dst = new byte[bound(data.length)];
        int n = compressPlanesIntoIfPays(data, 0, data.length, dst, 0);
        return n < 0 ? null : Arrays.copyOf(dst, n);
    }

    /** {@return the largest compressed form {@code len} bytes can take: one zstd frame, or the two of the planes form} */
    static int bound(int len) {
        int low = len >>> 1;
        return Math.toIntExact(Math.max(Zstd.compressBound(len), Zstd.compressBound(low) + Zstd.compressBound(len - low)));
    }

    /**
     * Compresses a blob's {@code src[off, off+len)} at {@link #LEVEL} into {@code dst} at {@code dstOff}, which
     * must have room for {@link #bound}{@code (len)} bytes, without allocating.
     *
     * @return the frame's length, or -1 when it would not save at least 1/32 of the size
     */
    static int compressIntoIfPays(byte[] src, int off, int len, byte[] dst, int dstOff) {
        return len < 64 ? -1 : paying(compressFrame(LEVEL, src, off, len, dst, dstOff), len);
    }

    /** Like {@link #compressIntoIfPays}, at {@link #FAST_LEVEL}, for a metadata envelope's payload. */
    static int compressMetadataIntoIfPays(byte[] src, int off, int len, byte[] dst, int dstOff) {
        return len < 64 ? -1 : paying(compressFrame(FAST_LEVEL, src, off, len, dst, dstOff), len);
    }

    /**
     * Like {@link #compressIntoIfPays} for the {@link BytePlanes} form of {@code src[off, off+len)}, made in
     * this thread's reused planes buffer, as two frames: the low plane, then the high plane with the odd
     * trailing byte. In one frame the 128 KiB zstd block that straddles the planes' boundary codes the noisy
     * low bytes and the high bytes with one set of tables: fp16 weights in chunks of 0.6-1.6 MB compressed
     * to 0.850 of their size so, to 0.843 in two frames (docs/PERFORMANCE.md).
     */
    static int compressPlanesIntoIfPays(byte[] src, int off, int len, byte[] dst, int dstOff) {
        if (len < 64) {
            return -1;
        }
        byte[] planes = PLANES.atLeast(len);
        BytePlanes.split(src, off, len, planes);
        int low = len >>> 1;
        int n = compressFrame(FAST_LEVEL, planes, 0, low, dst, dstOff);
        n += compressFrame(FAST_LEVEL, planes, low, len - low, dst, dstOff + n);
        return paying(n, len);
    }

    /** {@return {@code n}, the length of a compressed form of {@code len} bytes, when it saves at least 1/32 of them, else -1} */
    private static int paying(int n, int len) {
        return n <= len - len / 32 ? n : -1;
    }

    /** Compresses {@code src[off, off+len)} at {@code level} into one zstd frame at {@code dst[dstOff]}; {@return the frame's length} */
    private static int compressFrame(int level, byte[] src, int off, int len, byte[] dst, int dstOff) {
        ZstdCompressCtx ctx = COMPRESSORS.take();
        if (ctx == null) {
            ctx = new ZstdCompressCtx();
        }
        try {
            return ctx.setLevel(level).compressByteArray(dst, dstOff, dst.length - dstOff, src, off, len);
        } finally {
            COMPRESSORS.give(ctx);
        }
    }

    /**
     * Compresses {@code src[off, off+len)} with {@code dictionary} into {@code dst} at {@code dstOff}, which
     * must have room for {@link #bound}{@code (len) + }{@link #DICTIONARY_REF_BYTES} bytes, as the
     * {@link #ZSTD_DICT} form.
     *
     * @return the form's length, or -1 when it would not save at least 1/32 of the size
     */
    static int compressWithDictionaryIntoIfPays(byte[] src, int off, int len, byte[] dst, int dstOff, PageDictionary dictionary) {
        if (len < 64) {
            return -1;
        }
        int id = dictionary.dictId();
        dst[dstOff] = (byte) (id >>> 24);
        dst[dstOff + 1] = (byte) (id >>> 16);
        dst[dstOff + 2] = (byte) (id >>> 8);
        dst[dstOff + 3] = (byte) id;
        int n = DICTIONARY_REF_BYTES + dictionary.compress(src, off, len, dst, dstOff + DICTIONARY_REF_BYTES);
        return paying(n, len);
    }

    /**
     * Decompresses a {@link #ZSTD_DICT} form into exactly {@code rawLength} bytes.
     *
     * @param dictionaries the repository's dictionaries by id ({@code null}: no such dictionary)
     */
    static byte[] decompressWithDictionary(byte[] src, int off, int len, int rawLength, IntFunction<PageDictionary> dictionaries,
                                           String where) {
        if (len < DICTIONARY_REF_BYTES) {
            throw RepositoryException.corrupt("dictionary-compressed blob of " + len + " bytes is too short", where);
        }
        int id = (src[off] & 0xFF) << 24 | (src[off + 1] & 0xFF) << 16 | (src[off + 2] & 0xFF) << 8 | (src[off + 3] & 0xFF);
        PageDictionary dictionary = dictionaries.apply(id);
        if (dictionary == null) {
            throw RepositoryException.corrupt("blob is compressed with page dictionary " + Integer.toUnsignedString(id)
                    + ", which the repository lacks or cannot read", where);
        }
        byte[] dst = new byte[rawLength];
        long n = dictionary.decompress(src, off + DICTIONARY_REF_BYTES, len - DICTIONARY_REF_BYTES, dst, where);
        if (n != rawLength) {
            throw RepositoryException.corrupt("zstd data decompresses to " + n + " bytes, expected " + rawLength, where);
        }
        return dst;
    }

    /** Decompresses a {@link #PLANES16_ZSTD} blob into exactly {@code rawLength} plain bytes. */
    static byte[] decompressPlanes(byte[] src, int off, int len, int rawLength, String where) {
        byte[] planes = PLANES.atLeast(rawLength); // the calling thread's: the planes live only until joined
        decompressInto(src, off, len, planes, rawLength, where);
        byte[] plain = new byte[rawLength];
        BytePlanes.join(planes, rawLength, plain);
        return plain;
    }

    /** Decompresses into exactly {@code rawLength} bytes (the caller bounds {@code rawLength}). */
    static byte[] decompress(byte[] src, int off, int len, int rawLength, String where) {
        byte[] dst = new byte[rawLength];
        decompressInto(src, off, len, dst, rawLength, where);
        return dst;
    }

    /** Decompresses into exactly {@code dst[0, rawLength)}. */
    private static void decompressInto(byte[] src, int off, int len, byte[] dst, int rawLength, String where) {
        long n;
        ZstdDecompressCtx ctx = DECOMPRESSORS.take();
        if (ctx == null) {
            ctx = new ZstdDecompressCtx();
        }
        try {
            n = ctx.decompressByteArray(dst, 0, rawLength, src, off, len);
        } catch (RuntimeException e) {
            ctx.reset();
            throw new RepositoryException(CairnException.Kind.CORRUPT, "zstd data is damaged: " + e.getMessage(), where, e);
        } finally {
            DECOMPRESSORS.give(ctx);
        }
        if (n != rawLength) {
            throw RepositoryException.corrupt("zstd data decompresses to " + n + " bytes, expected " + rawLength, where);
        }
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
