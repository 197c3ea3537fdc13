package dev.cairn.engine.repository.internal;

/**
 * Where a backup thread offers its CPU to the application in front. Cairn's background commands run
 * in the idle scheduling class, yet on a kernel that preempts a running thread only at the next timer
 * tick (4 ms at 250 Hz) a woken foreground thread can wait a whole tick behind one that computes
 * without entering the kernel. So the backup writer offers the CPU ({@link Thread#yield()}: a system
 * call that costs about a microsecond when nothing waits, and hands the CPU over when something
 * does) between the hashing slices of at most {@value #SLICE_BYTES} bytes and around the encoding of
 * each chunk, at most once per {@link #INTERVAL_NANOS} per thread. Measured beside the frame probe: about a third fewer frames over budget for about 4%
 * more wall time.
 * See docs/PERFORMANCE.md, "Frame budget".
 */
final class Courtesy {

    /**
     * The system property that turns the offers off ({@code -Dcairn.courtesy=false} in
     * {@code CAIRN_JAVA_OPTS}), for measuring what they buy; on by default.
     */
    static final String PROPERTY = "cairn.courtesy";
    private static final boolean ENABLED = !"false".equals(System.getProperty(PROPERTY));

    /**
     * The least time between two offers of one thread: a database's 4 KiB pages would otherwise make
     * two offers per page, and each offer that switches to another of Cairn's own threads costs a
     * context switch (0.5 s on a 250 MB database).
     */
    static final long INTERVAL_NANOS = 500_000;
    /** Per thread: when it last offered the CPU. */
    private static final ThreadLocal<long[]> LAST_OFFER = ThreadLocal.withInitial(() -> new long[1]);

    /** The most bytes hashed in one go (about 0.2-0.5 ms of work). */
    static final int SLICE_BYTES = 256 << 10;

    /** Work on one slice of an array. */
    @FunctionalInterface
    interface Slice {
        void accept(byte[] b, int off, int len);
    }

    private Courtesy() {
    }

    /** Offers the CPU to any thread waiting for it, unless this thread did less than {@link #INTERVAL_NANOS} ago. */
    static void offerCpu() {
        if (!ENABLED) {
            return;
        }
        long[] last = LAST_OFFER.get();
        long now = System.nanoTime();
        if (now - last[0] >= INTERVAL_NANOS) {
            Thread.yield();
            last[0] = System.nanoTime();
        }
    }

    /** Runs {@code work} over {@code b[off, off+len)} in slices, offering the CPU between them. */
    static void sliced(byte[] b, int off, int len, Slice work) {
        int end = off + len;
        for (int at = off; at < end; at += SLICE_BYTES) {
            if (at > off) {
                offerCpu();
            }
            work.accept(b, at, Math.min(SLICE_BYTES, end - at));
        }
    }
}
