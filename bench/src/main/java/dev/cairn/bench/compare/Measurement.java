package dev.cairn.bench.compare;

/**
 * One metered process.
 *
 * @param wallSeconds  elapsed time
 * @param cpuSeconds   user + system time of the process and its children
 * @param peakRssKiB   the largest resident set of the process or any child it waited for
 * @param exitCode     the exit code
 * @param errorSummary the last lines of its output when it failed, else empty
 * @param stealSeconds the machine's steal time while it ran (all CPUs; NaN where not reported): time the
 *                     hypervisor gave this guest's CPUs to something else, see {@link StealClock}
 */
public record Measurement(double wallSeconds, double cpuSeconds, long peakRssKiB, int exitCode, String errorSummary,
                          double stealSeconds) {

    /** {@return whether the process exited with 0} */
    public boolean succeeded() {
        return exitCode == 0;
    }
}
