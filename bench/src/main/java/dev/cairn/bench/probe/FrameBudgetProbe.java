package dev.cairn.bench.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * A 60 Hz frame loop doing a fixed amount of CPU work per frame. Frame {@code i} is scheduled at
 * {@code start + i * period}; its latency is from that instant to the end of its work, and it is over
 * budget when the latency exceeds one period (16.67 ms at 60 Hz). When the loop falls more than a
 * whole period behind, the frames it skips count as over budget too.
 */
public final class FrameBudgetProbe {

    private final long periodNanos;
    private final long workIterations;
    private final double workMillis;
    private volatile long sink;

    private FrameBudgetProbe(long periodNanos, long workIterations, double workMillis) {
        this.periodNanos = periodNanos;
        this.workIterations = workIterations;
        this.workMillis = workMillis;
    }

    /**
     * Calibrates the per-frame work to {@code workMillis} of CPU on this machine, taking the fastest of
     * several trials so that a momentarily busy machine does not shrink the work.
     */
    public static FrameBudgetProbe calibrated(double hz, double workMillis) {
        FrameBudgetProbe probe = new FrameBudgetProbe(Math.round(1e9 / hz), 1, workMillis);
        long trialIterations = 2_000_000;
        long best = Long.MAX_VALUE;
        for (int trial = 0; trial < 40; trial++) {
            long t0 = System.nanoTime();
            probe.work(trialIterations);
            best = Math.min(best, System.nanoTime() - t0);
        }
        long iterations = Math.max(1, Math.round(trialIterations * (workMillis * 1e6) / best));
        return new FrameBudgetProbe(probe.periodNanos, iterations, workMillis);
    }

    /** Runs frames until {@code stopFile} exists or {@code maxSeconds} pass, then returns the statistics. */
    public FrameStats run(Path stopFile, double maxSeconds) {
        long start = System.nanoTime();
        long deadline = start + Math.round(maxSeconds * 1e9);
        long[] latencies = new long[1 << 16];
        int measured = 0;
        long frames = 0;
        long over = 0;
        long next = start;
        while (true) {
            long now = System.nanoTime();
            if (now >= deadline || (frames % 30 == 0 && Files.exists(stopFile))) {
                break;
            }
            if (now < next) {
                LockSupport.parkNanos(next - now);
                continue;
            }
            long behind = (now - next) / periodNanos;
            if (behind > 0) { // the loop missed whole frames
                frames += behind;
                over += behind;
                next += behind * periodNanos;
            }
            work(workIterations);
            long latency = System.nanoTime() - next;
            frames++;
            if (latency > periodNanos) {
                over++;
            }
            if (measured == latencies.length) {
                latencies = Arrays.copyOf(latencies, measured * 2);
            }
            latencies[measured++] = latency;
            next += periodNanos;
        }
        long[] sorted = Arrays.copyOf(latencies, measured);
        Arrays.sort(sorted);
        double p99 = measured == 0 ? 0 : sorted[Math.min(measured - 1, (int) Math.ceil(measured * 0.99) - 1)] / 1e6;
        double max = measured == 0 ? 0 : sorted[measured - 1] / 1e6;
        return new FrameStats(frames, over, p99, max, workMillis);
    }

    private void work(long iterations) {
        long x = sink | 1;
        for (long i = 0; i < iterations; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        sink = x;
    }

    /**
     * {@code probe --out FILE --stop-file FILE [--hz 60] [--work-ms 8] [--max-seconds 3600]}: calibrates,
     * creates {@code FILE.ready}, runs until the stop file appears, and writes {@link FrameStats#toJson()} to
     * {@code --out}.
     */
    public static void main(String[] args) throws IOException {
        Path out = null;
        Path stop = null;
        double hz = 60;
        double workMs = 8;
        double maxSeconds = 3600;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--out" -> out = Path.of(value);
                case "--stop-file" -> stop = Path.of(value);
                case "--hz" -> hz = Double.parseDouble(value);
                case "--work-ms" -> workMs = Double.parseDouble(value);
                case "--max-seconds" -> maxSeconds = Double.parseDouble(value);
                default -> throw new IllegalArgumentException("unknown probe option " + args[i]);
            }
            i++;
        }
        if (out == null || stop == null) {
            throw new IllegalArgumentException("probe needs --out FILE and --stop-file FILE");
        }
        FrameBudgetProbe probe = calibrated(hz, workMs);
        Files.writeString(Path.of(out + ".ready"), "ready\n");
        FrameStats stats = probe.run(stop, maxSeconds);
        Files.writeString(out, stats.toJson() + "\n");
    }
}
