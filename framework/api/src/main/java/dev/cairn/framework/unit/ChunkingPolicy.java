package dev.cairn.framework.unit;

/**
 * How the engine cuts a file into chunks before deduplication, and how it prepares each chunk for
 * compression.
 *
 * <p>The {@link Layout} is only a hint for compression: it never changes where chunks are cut, their
 * ids or deduplication. A chunk's id is computed from its plain bytes, so the same bytes stored once
 * under {@link Layout#BYTES} and once under {@link Layout#WORDS16} are one blob.
 *
 * @param kind      the algorithm
 * @param fixedSize for {@link Kind#FIXED}: the chunk size in bytes (e.g. the SQLite page size
 *                  multiplied so chunks stay page-aligned); 0 otherwise
 * @param layout    what the bytes are made of, so the engine can prepare a chunk for compression
 */
public record ChunkingPolicy(Kind kind, int fixedSize, Layout layout) {

    /** The chunking algorithms. */
    public enum Kind {
        /** Content-defined chunks (FastCDC) with the repository's parameters. */
        CONTENT_DEFINED,
        /** Content-defined chunks with larger parameters, for huge files that change as a whole. */
        LARGE_CONTENT_DEFINED,
        /**
         * Content-defined chunks a quarter the size of the repository's, for large files changed in a few
         * places, such as model weights after a partial fine-tune: a changed region re-stores less around it.
         */
        FINE_CONTENT_DEFINED,
        /** Fixed-size chunks aligned to the start of the file. */
        FIXED
    }

    /**
     * What a file's bytes are made of: a hint for how the engine prepares a chunk for compression. It
     * never changes chunk boundaries, ids or deduplication.
     */
    public enum Layout {
        /** Any bytes: each chunk is compressed as it is. */
        BYTES,
        /**
         * Little-endian 16-bit numbers such as fp16/bf16/int16 tensors: the engine splits each chunk
         * into its low-byte and high-byte planes before compressing, which compresses such data
         * markedly better; a chunk where that does not pay is stored uncompressed.
         */
        WORDS16,
        /**
         * Fixed-size pages of a structured file, such as a database's: many small chunks that share
         * their layout. The engine compresses them with a zstd dictionary trained on such pages (one per
         * repository and page size, trained on pages sampled across the first such file stored), which
         * compresses one-page chunks markedly better; without enough pages to train on, as {@link #BYTES}.
         * While the repository has no dictionary for the page size, the engine opens such a file's
         * {@link ContentSource} twice (to sample pages, then to store it), so a source that is costly to
         * open should open the same bytes again cheaply.
         */
        PAGES
    }

    /** The smallest fixed chunk size accepted. */
    public static final int MIN_FIXED = 512;
    /** The largest fixed chunk size accepted. */
    public static final int MAX_FIXED = 8 << 20;

    /**
     * @throws IllegalArgumentException when {@code kind} or {@code layout} is {@code null}, or
     *                                  {@code fixedSize} does not fit {@code kind}
     */
    public ChunkingPolicy {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        if (layout == null) {
            throw new IllegalArgumentException("layout must not be null");
        }
        if (kind == Kind.FIXED && (fixedSize < MIN_FIXED || fixedSize > MAX_FIXED)) {
            throw new IllegalArgumentException("fixed chunk size " + fixedSize + " outside " + MIN_FIXED + ".." + MAX_FIXED);
        }
        if (kind != Kind.FIXED && fixedSize != 0) {
            throw new IllegalArgumentException("fixedSize is only for FIXED chunking");
        }
    }

    /** A policy with the {@link Layout#BYTES} layout. */
    public ChunkingPolicy(Kind kind, int fixedSize) {
        this(kind, fixedSize, Layout.BYTES);
    }

    /** {@return this chunking with {@code layout}} */
    public ChunkingPolicy withLayout(Layout layout) {
        return new ChunkingPolicy(kind, fixedSize, layout);
    }

    /** {@return the repository's content-defined chunking} */
    public static ChunkingPolicy contentDefined() {
        return new ChunkingPolicy(Kind.CONTENT_DEFINED, 0);
    }

    /** {@return content-defined chunking with large chunks} */
    public static ChunkingPolicy large() {
        return new ChunkingPolicy(Kind.LARGE_CONTENT_DEFINED, 0);
    }

    /** {@return content-defined chunking with chunks a quarter of the repository's size} */
    public static ChunkingPolicy fine() {
        return new ChunkingPolicy(Kind.FINE_CONTENT_DEFINED, 0);
    }

    /** {@return fixed chunks of {@code size} bytes} */
    public static ChunkingPolicy fixed(int size) {
        return new ChunkingPolicy(Kind.FIXED, size);
    }
}
