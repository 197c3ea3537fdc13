package dev.cairn.engine.repository.internal;

/**
 * FastCDC (Xia et al., 2016) with normalized chunking: skip the first {@code min} bytes, then look for
 * {@code (hash & smallMask) == 0} up to the normal size and {@code (hash & largeMask) == 0} after it,
 * with {@code hash = (hash << 1) + gear[byte]}; cut at {@code max} when nothing matched.
 */
final class FastCdcChunker implements Chunker {

    /** How many trailing bytes the 64-bit gear hash depends on. */
    static final int HASH_SPAN = Long.SIZE;

    private final ChunkerParams params;
    private final long[] gear;
    private final long maskS;
    private final long maskL;

    FastCdcChunker(ChunkerParams params, long[] gear) {
        if (gear.length != 256) {
            throw new IllegalArgumentException("gear table must have 256 entries");
        }
        this.params = params;
        this.gear = gear.clone();
        this.maskS = params.smallMask();
        this.maskL = params.largeMask();
    }

    @Override
    public int maxSize() {
        return params.max();
    }

    @Override
    public int normalSize() {
        return params.avg();
    }

    /**
     * The gear hash after byte {@code i} depends only on bytes {@code i-63..i} (each step shifts the 64-bit
     * hash one bit left), so a call that resumes at {@code looked} recomputes it from at most
     * {@value #HASH_SPAN} bytes back, without testing those positions again.
     */
    @Override
    public int cut(byte[] buf, int off, int len, int looked, boolean last) {
        int n = Math.min(len, params.max());
        int whole = last || n == params.max() ? n : NEED_MORE;
        if (n <= params.min()) {
            return whole;
        }
        int normal = Math.min(n, params.avg());
        int from = Math.max(params.min(), looked);
        long hash = 0;
        int i = Math.max(params.min(), from - HASH_SPAN);
        for (; i < from; i++) {
            hash = (hash << 1) + gear[buf[off + i] & 0xff];
        }
        for (; i < normal; i++) {
            hash = (hash << 1) + gear[buf[off + i] & 0xff];
            if ((hash & maskS) == 0) {
                return i + 1;
            }
        }
        for (; i < n; i++) {
            hash = (hash << 1) + gear[buf[off + i] & 0xff];
            if ((hash & maskL) == 0) {
                return i + 1;
            }
        }
        return whole;
    }
}
