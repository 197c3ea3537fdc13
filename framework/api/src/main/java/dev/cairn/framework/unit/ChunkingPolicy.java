package dev.cairn.framework.unit;

/**
 * How the engine cuts a file into chunks before deduplication.
 *
 * @param kind      the algorithm
 * @param fixedSize for {@link Kind#FIXED}: the chunk size in bytes (e.g. the SQLite page size
 *                  multiplied so chunks stay page-aligned); 0 otherwise
 */
public record ChunkingPolicy(Kind kind, int fixedSize) {

    /** The chunking algorithms. */
    public enum Kind {
        /** Content-defined chunks (FastCDC) with the repository's parameters. */
        CONTENT_DEFINED,
        /** Content-defined chunks with larger parameters, for huge files such as model weights. */
        LARGE_CONTENT_DEFINED,
        /** Fixed-size chunks aligned to the start of the file. */
        FIXED
    }

    /** The smallest fixed chunk size accepted. */
    public static final int MIN_FIXED = 512;
    /** The largest fixed chunk size accepted. */
    public static final int MAX_FIXED = 8 << 20;

    public ChunkingPolicy {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        if (kind == Kind.FIXED && (fixedSize < MIN_FIXED || fixedSize > MAX_FIXED)) {
            throw new IllegalArgumentException("fixed chunk size " + fixedSize + " outside " + MIN_FIXED + ".." + MAX_FIXED);
        }
        if (kind != Kind.FIXED && fixedSize != 0) {
            throw new IllegalArgumentException("fixedSize is only for FIXED chunking");
        }
    }

    /** {@return the repository's content-defined chunking} */
    public static ChunkingPolicy contentDefined() {
        return new ChunkingPolicy(Kind.CONTENT_DEFINED, 0);
    }

    /** {@return content-defined chunking with large chunks} */
    public static ChunkingPolicy large() {
        return new ChunkingPolicy(Kind.LARGE_CONTENT_DEFINED, 0);
    }

    /** {@return fixed chunks of {@code size} bytes} */
    public static ChunkingPolicy fixed(int size) {
        return new ChunkingPolicy(Kind.FIXED, size);
    }
}
