package dev.cairn.engine.repository.internal;

/**
 * FastCDC (Xia et al., 2016) with normalized chunking: skip the first {@code min} bytes, then look for
 * {@code (hash & smallMask) == 0} up to the normal size and {@code (hash & largeMask) == 0} after it,
 * with {@code hash = (hash << 1) + gear[byte]}; cut at {@code max} when nothing matched.
 */
final class FastCdcChunker implements Chunker {

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
    public int cut(byte[] buf, int off, int len) {
        if (len <= params.min()) {
            return len;
        }
        int n = Math.min(len, params.max());
        int normal = Math.min(n, params.avg());
        long hash = 0;
        int i = params.min();
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
        return n;
    }
}
