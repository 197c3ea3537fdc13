package dev.cairn.engine.repository.internal;

/**
 * FastCDC sizes. The normal size must be a power of two; the masks of normalized chunking (level 2)
 * take two bits more before the normal size and two bits fewer after it.
 *
 * @param min smallest chunk (except a file's last)
 * @param avg normal (target average) size, a power of two
 * @param max largest chunk
 */
record ChunkerParams(int min, int avg, int max) {

    /** The repository default: 256 KiB / 1 MiB / 4 MiB. */
    static final ChunkerParams DEFAULT = new ChunkerParams(256 << 10, 1 << 20, 4 << 20);
    /** Large chunks for model files: 4 MiB / 8 MiB / 16 MiB. */
    static final ChunkerParams LARGE = new ChunkerParams(4 << 20, 8 << 20, 16 << 20);
    /** No blob is ever larger than this (the largest of LARGE's max and the largest fixed chunk). */
    static final int MAX_BLOB = 16 << 20;

    /**
     * {@return the sizes of {@link dev.cairn.framework.unit.ChunkingPolicy.Kind#FINE_CONTENT_DEFINED} chunks:
     * a quarter of {@code base}'s (64 KiB / 256 KiB / 1 MiB for the default), or {@code base} itself when a
     * quarter would not be valid sizes}
     */
    static ChunkerParams fine(ChunkerParams base) {
        int avg = base.avg() / 4;
        int min = Math.max(64, base.min() / 4);
        int max = base.max() / 4;
        return min < avg && avg < max ? new ChunkerParams(min, avg, max) : base;
    }

    ChunkerParams {
        if (min < 64 || Integer.bitCount(avg) != 1 || min >= avg || avg >= max || max > MAX_BLOB) {
            throw new IllegalArgumentException("invalid chunker sizes " + min + "/" + avg + "/" + max);
        }
    }

    /** {@return the mask used before the normal size: log2(avg)+2 bits, taken from the top of the 64-bit hash} */
    long smallMask() {
        return topBits(Integer.numberOfTrailingZeros(avg) + 2);
    }

    /** {@return the mask used after the normal size: log2(avg)-2 bits} */
    long largeMask() {
        return topBits(Integer.numberOfTrailingZeros(avg) - 2);
    }

    private static long topBits(int n) {
        return n >= 64 ? -1L : ~(-1L >>> n);
    }
}
