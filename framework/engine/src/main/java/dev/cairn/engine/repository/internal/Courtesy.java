package dev.cairn.engine.repository.internal;

/**
 * Where a backup thread offers its CPU to the application in front. Cairn's background commands run
 * in the idle scheduling class, yet on a kernel that preempts a running thread only at the next timer
 * tick (4 ms at 250 Hz) a woken foreground thread can wait a whole tick behind one that computes
 * without entering the kernel. So the backup writer offers the CPU ({@link Thread#yield()}: a system
 * call that costs about a microsecond when nothing waits, and hands the CPU over when something
 * does) between the hashing slices of at most {@value #SLICE_BYTES} bytes and around the encoding of
 * each chunk. Measured beside the frame probe: about a third fewer frames over budget for about 4%
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

    /** The most bytes hashed between two offers (about 0.2-0.5 ms of work). */
    static final int SLICE_BYTES = 256 << 10;

    /** Work on one slice of an array. */
    @FunctionalInterface
    interface Slice {
        void accept(byte[] b, int off, int len);
    }

    private Courtesy() {
    }

    /** Offers the CPU to any thread waiting for it. */
    static void offerCpu() {
        if (ENABLED) {
            Thread.yield();
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
