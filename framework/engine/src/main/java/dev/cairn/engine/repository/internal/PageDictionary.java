package dev.cairn.engine.repository.internal;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;
import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.framework.CairnException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A zstd dictionary trained on the pages of a structured file (a database), stored in the repository
 * as a blob of type {@link BlobCodec#TYPE_DICTIONARY} and used for the chunks of
 * {@link dev.cairn.framework.unit.ChunkingPolicy.Layout#PAGES} files (compression code
 * {@link Compression#ZSTD_DICT}). One-page chunks compressed alone find little to match within 4 KiB;
 * with a dictionary of what pages look like they compress about a fifth smaller (docs/PERFORMANCE.md).
 * The same kind of dictionary, under chunk size {@link #SMALL_CHUNKS}, serves the small chunks of other
 * files (small text files: configs, transcripts), trained on the first of them a backup stores.
 *
 * <p>Plaintext of the dictionary blob (docs/REPOSITORY.md §6):
 * <pre>
 * "cairn-dict-v1" || u32 chunkSize || zstd dictionary (magic 37 A4 30 EC, u32 little-endian dictId, tables, content)
 * </pre>
 * {@code chunkSize} is the fixed chunk size of the pages it was trained on, or {@link #SMALL_CHUNKS} (the
 * key a writer looks it up by); {@code dictId} is unique among the repository's dictionaries and is what a compressed blob names.
 * Compression and decompression contexts with the dictionary loaded are pooled per dictionary.
 */
final class PageDictionary {

    /**
     * The level the trainer tunes a dictionary's entropy tables for (a dictionary trained for level 4 made
     * the benchmark's database 0.2 MB larger at level 4).
     */
    static final int TRAINING_LEVEL = 3;
    /**
     * The compression level used with a dictionary for pages of up to {@link #SHARED_TABLES_MAX} bytes. Level
     * 3 compresses pages markedly better than 1 at the same speed; level 4 has the same match finder with
     * larger tables (2^18 entries each instead of 2^17 and 2^16), which reach further into a 256 KiB
     * dictionary: the benchmark's database stores 93.06 -> 92.25 MB of packs, about 7 % slower to compress
     * (docs/PERFORMANCE.md, "Measured in the tenth session").
     */
    static final int LEVEL = 4;
    /** The compression level used with a dictionary for larger pages. */
    static final int LARGE_PAGE_LEVEL = 3;
    /**
     * zstd compresses inputs of up to this size with the prepared dictionary's own tables; larger ones copy
     * the tables into their context first, which level 4's 2 MiB would make cost more than the page (zstd's
     * CLI: 24 KiB inputs at 97 MB/s with level 4's tables, 153 MB/s with level 3's).
     */
    static final int SHARED_TABLES_MAX = 16 << 10;
    /**
     * The dictionary size asked of the trainer when the samples hold at least 8 times as much (smaller
     * samples ask for an eighth of their size, but at least {@link #MIN_DICTIONARY_BYTES}). The benchmark's
     * database (60,515 pages of 4 KiB) compresses to 86.1 MB with 256 KiB trained on 2,048 spread pages,
     * 87.8 MB with 112 KiB; on its first 512 pages 88.8 and 89.9 MB (zstd's trainer, level 3).
     */
    static final int DICTIONARY_BYTES = 256 << 10;
    /** The smallest dictionary size asked of the trainer. */
    static final int MIN_DICTIONARY_BYTES = 112 << 10;
    /**
     * Pages sampled across a file for training at most ({@link PageSampler}): 8 MiB of 4 KiB pages, 0.3 s
     * of training. 1,024 pages were too few for a 256 KiB dictionary (the trainer made a 190 KB one that
     * compressed the benchmark's database to 91.8 MB); 4,096 gained nothing more (86.0 MB) for twice the time.
     */
    static final int SPREAD_SAMPLES = 2048;
    /**
     * Pages held back for training at most, when a file could not be sampled (its first pages: the
     * writer holds them back before storing them).
     */
    static final int MAX_SAMPLES = 512;
    /** Held-back sample bytes at most, so the held-back pages stay well within the writer's in-flight budget. */
    static final int MAX_SAMPLE_BYTES = 2 << 20;
    /** Fewer pages than this train no dictionary (zstd's trainer needs material; a tiny file gains nothing). */
    static final int MIN_SAMPLES = 64;
    /** Pages larger than this are compressed without a dictionary: they carry enough context themselves. */
    static final int MAX_CHUNK_SIZE = 64 << 10;
    /**
     * The chunk size that names the dictionary for small chunks: chunks of files of any layout but
     * {@code WORDS16}, of at most {@link #MAX_CHUNK_SIZE} bytes, whatever their size (small text files
     * compressed one by one find little to match within themselves; the benchmark's 3,000 transcripts
     * store in 15.2 MB with a dictionary trained on 2 MiB of them, 19.6 MB without). Page sizes are at
     * least {@link dev.cairn.framework.unit.ChunkingPolicy#MIN_FIXED} bytes, so 0 names no page size.
     */
    static final int SMALL_CHUNKS = 0;
    /** The most sample bytes gathered for the small-chunk dictionary (zstd's trainer on 2 MiB of text: ~0.2 s). */
    static final int SMALL_CHUNK_SAMPLE_BYTES = 2 << 20;

    private static final byte[] MAGIC = "cairn-dict-v1".getBytes(StandardCharsets.US_ASCII);
    private static final int ZSTD_DICT_MAGIC = 0xEC30A437;
    private static final int HEADER = MAGIC.length + 4;

    private final int chunkSize;
    private final int dictId;
    private final byte[] plaintext;
    /**
     * Prepared for compressing on first use: with its level's tables it is 1.3-2.3 MiB of native memory
     * that a restore, which only decompresses, never needs.
     */
    private volatile ZstdDictCompress compressDict;
    private final ZstdDictDecompress decompressDict;
    private final Compression.ContextPool<ZstdCompressCtx> compressors = new Compression.ContextPool<>();
    private final Compression.ContextPool<ZstdDecompressCtx> decompressors = new Compression.ContextPool<>();

    private PageDictionary(int chunkSize, int dictId, byte[] plaintext) {
        this.chunkSize = chunkSize;
        this.dictId = dictId;
        this.plaintext = plaintext;
        byte[] zstdDict = Arrays.copyOfRange(plaintext, HEADER, plaintext.length);
        this.decompressDict = new ZstdDictDecompress(zstdDict);
    }

    /**
     * Pages (or small chunks) gathered for training a dictionary, copied as they come into one buffer outside
     * the Java heap: 2,048 sampled pages are 8 MiB, and sample arrays on the heap outlived a young collection
     * and stayed in the old generation for the rest of the backup (a first backup's peak RSS rose by ~18 MiB).
     */
    static final class Samples {
        private final int chunkSize;
        private final ByteBuffer buffer;
        private int[] sizes;
        private int count;

        /** Room for {@code capacity} pages of {@code pageSize} bytes. */
        Samples(int pageSize, int capacity) {
            this(pageSize, Math.multiplyExact(pageSize, capacity), capacity);
        }

        private Samples(int chunkSize, int maxBytes, int maxCount) {
            this.chunkSize = chunkSize;
            this.buffer = ByteBuffer.allocateDirect(maxBytes);
            this.sizes = new int[maxCount];
        }

        /** Room for small chunks of any size up to {@code maxBytes} in all, for the {@link #SMALL_CHUNKS} dictionary. */
        static Samples ofSmallChunks(int maxBytes, int maxCount) {
            return new Samples(SMALL_CHUNKS, maxBytes, maxCount);
        }

        /** Copies the page {@code page[off, off + pageSize)} in; {@return false, copying nothing, when full} */
        boolean add(byte[] page, int off) {
            return add(page, off, chunkSize);
        }

        /** Copies {@code chunk[off, off + len)} in; {@return false, copying nothing, when it does not fit} */
        boolean add(byte[] chunk, int off, int len) {
            if (buffer.remaining() < len || count == sizes.length) {
                return false;
            }
            buffer.put(chunk, off, len);
            sizes[count++] = len;
            return true;
        }

        /** {@return the samples added} */
        int count() {
            return count;
        }

        /** {@return the bytes added} */
        int bytes() {
            return buffer.position();
        }

        /** {@return the chunk size the dictionary is for: the pages' size, or {@link #SMALL_CHUNKS}} */
        int chunkSize() {
            return chunkSize;
        }
    }

    /**
     * Trains a dictionary for the chunk size of {@code samples} on them and gives it
     * {@code dictId}.
     *
     * @return the dictionary, or empty when the samples are too few or zstd's trainer finds nothing to learn
     */
    static Optional<PageDictionary> train(Samples samples, int dictId) {
        if (samples.count() < MIN_SAMPLES) {
            return Optional.empty();
        }
        int chunkSize = samples.chunkSize();
        int[] sizes = Arrays.copyOf(samples.sizes, samples.count());
        ByteBuffer dictionary = ByteBuffer.allocateDirect(dictionaryBytes(samples.bytes()));
        long n = Zstd.trainFromBufferDirect(samples.buffer, sizes, dictionary, false, TRAINING_LEVEL);
        if (Zstd.isError(n) || n < 8) {
            return Optional.empty();
        }
        byte[] zstdDict = new byte[(int) n];
        dictionary.get(0, zstdDict);
        if (littleEndianInt(zstdDict, 0) != ZSTD_DICT_MAGIC) {
            return Optional.empty();
        }
        setLittleEndianInt(zstdDict, 4, dictId);
        byte[] plaintext = new ByteWriter(HEADER + zstdDict.length).bytes(MAGIC).u32(chunkSize).bytes(zstdDict).toByteArray();
        return Optional.of(new PageDictionary(chunkSize, dictId, plaintext));
    }

    /** {@return the dictionary size to ask of the trainer for {@code sampleBytes} of samples} */
    static int dictionaryBytes(long sampleBytes) {
        return (int) Math.min(DICTIONARY_BYTES, Math.max(MIN_DICTIONARY_BYTES, sampleBytes / 8));
    }

    /**
     * Reads a dictionary blob's plaintext.
     *
     * @throws RepositoryException CORRUPT when it is not one
     */
    static PageDictionary parse(byte[] plaintext, String where) {
        if (plaintext.length < HEADER + 8 || !Arrays.equals(plaintext, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw RepositoryException.corrupt("dictionary blob does not start with cairn-dict-v1", where);
        }
        int chunkSize = new BoundedReader(plaintext, MAGIC.length, 4, where).u32("dictionary chunk size");
        if (littleEndianInt(plaintext, HEADER) != ZSTD_DICT_MAGIC) {
            throw RepositoryException.corrupt("dictionary blob holds no zstd dictionary", where);
        }
        int dictId = littleEndianInt(plaintext, HEADER + 4);
        try {
            return new PageDictionary(chunkSize, dictId, plaintext);
        } catch (RuntimeException e) {
            throw new RepositoryException(CairnException.Kind.CORRUPT, "zstd refuses the dictionary: " + e.getMessage(), where, e);
        }
    }

    /** {@return the fixed chunk size of the pages this dictionary was trained on, or {@link #SMALL_CHUNKS}} */
    int chunkSize() {
        return chunkSize;
    }

    /** {@return the compression level used with this dictionary} */
    int level() {
        return chunkSize == SMALL_CHUNKS || chunkSize > SHARED_TABLES_MAX ? LARGE_PAGE_LEVEL : LEVEL;
    }

    /** {@return the id compressed blobs name this dictionary by} */
    int dictId() {
        return dictId;
    }

    /** {@return the dictionary blob's plaintext (not a copy: do not modify)} */
    byte[] plaintext() {
        return plaintext;
    }

    /**
     * Compresses {@code src[off, off+len)} with this dictionary into {@code dst} at {@code dstOff}, which
     * must have room for {@link Compression#bound}{@code (len)} bytes: a frame without dictionary id or
     * checksum (the blob names the dictionary, AES-GCM or the blob id checks the content).
     *
     * @return the frame's length
     */
    int compress(byte[] src, int off, int len, byte[] dst, int dstOff) {
        ZstdCompressCtx ctx = compressors.take();
        if (ctx == null) {
            ctx = new ZstdCompressCtx().setLevel(level()).setDictID(false).setChecksum(false).loadDict(compressDict());
        }
        try {
            return ctx.compressByteArray(dst, dstOff, dst.length - dstOff, src, off, len);
        } finally {
            compressors.give(ctx);
        }
    }

    /** {@return the dictionary prepared for compressing at {@link #level()}, made on first use} */
    private ZstdDictCompress compressDict() {
        ZstdDictCompress d = compressDict;
        if (d == null) {
            synchronized (this) {
                d = compressDict;
                if (d == null) {
                    d = new ZstdDictCompress(plaintext, HEADER, plaintext.length - HEADER, level());
                    compressDict = d;
                }
            }
        }
        return d;
    }

    /**
     * Decompresses a frame made by {@link #compress} into {@code dst[0, dst.length)}.
     *
     * @return the number of bytes it decompressed to
     * @throws RepositoryException CORRUPT when the frame is damaged
     */
    long decompress(byte[] src, int off, int len, byte[] dst, String where) {
        ZstdDecompressCtx ctx = decompressors.take();
        if (ctx == null) {
            ctx = new ZstdDecompressCtx().loadDict(decompressDict);
        }
        try {
            return ctx.decompressByteArray(dst, 0, dst.length, src, off, len);
        } catch (RuntimeException e) {
            ctx.close(); // not reset and pooled: a reset would drop the dictionary it was made with
            ctx = null;
            throw new RepositoryException(CairnException.Kind.CORRUPT, "zstd data is damaged: " + e.getMessage(), where, e);
        } finally {
            if (ctx != null) {
                decompressors.give(ctx);
            }
        }
    }

    private static int littleEndianInt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    private static void setLittleEndianInt(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }
}
