package dev.cairn.bench.probe;

import java.util.Locale;

/**
 * What the probe measured.
 *
 * @param frames     frames scheduled while it ran
 * @param overBudget frames whose work finished later than one frame period after their scheduled start,
 *                   plus frames skipped because the loop fell more than a frame behind
 * @param p99Millis  99th percentile of scheduled-start-to-end latency, milliseconds
 * @param maxMillis  the worst latency, milliseconds
 * @param workMillis the CPU work per frame the probe was calibrated to, milliseconds
 */
public record FrameStats(long frames, long overBudget, double p99Millis, double maxMillis, double workMillis) {

    /** {@return the share of frames over budget, 0..1; 0 when no frame ran} */
    public double overShare() {
        return frames == 0 ? 0 : (double) overBudget / frames;
    }

    /** {@return this as one line of JSON} */
    public String toJson() {
        return String.format(Locale.ROOT,
                "{\"frames\":%d,\"over_budget\":%d,\"over_share\":%.5f,\"p99_ms\":%.3f,\"max_ms\":%.3f,\"work_ms\":%.3f}",
                frames, overBudget, overShare(), p99Millis, maxMillis, workMillis);
    }
}
