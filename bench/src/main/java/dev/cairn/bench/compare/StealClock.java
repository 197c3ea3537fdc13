package dev.cairn.bench.compare;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's steal time: how long the hypervisor ran something else while this guest's CPUs had work,
 * summed over all CPUs, from the {@code steal} column of {@code /proc/stat}'s {@code cpu} line (Linux, in
 * clock ticks of 1/100 s). A step that takes steal time was slowed by the host, not by the tool it ran, and
 * a frame probe beside it misses frames it would otherwise keep (docs/PERFORMANCE.md, "Host memory and steal time").
 */
final class StealClock {

    /** Linux reports {@code /proc/stat} in USER_HZ ticks, which is 100 on every architecture it runs the bench on. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final Path PROC_STAT = Path.of("/proc/stat");
    /** Index of {@code steal} in the {@code cpu} line: user, nice, system, idle, iowait, irq, softirq, steal. */
    private static final int STEAL_FIELD = 8;

    private StealClock() {
    }

    /** {@return the machine's steal time so far in seconds, or NaN where {@code /proc/stat} does not report it} */
    static double seconds() {
        try (BufferedReader reader = Files.newBufferedReader(PROC_STAT)) {
            String cpuLine = reader.readLine();
            return cpuLine == null ? Double.NaN : parseSeconds(cpuLine);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** {@return the steal time in seconds that {@code cpuLine}, the first line of {@code /proc/stat}, reports; NaN if it reports none} */
    static double parseSeconds(String cpuLine) {
        String[] fields = cpuLine.trim().split("\\s+");
        if (fields.length <= STEAL_FIELD || !fields[0].equals("cpu")) {
            return Double.NaN;
        }
        try {
            return Long.parseLong(fields[STEAL_FIELD]) / TICKS_PER_SECOND;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
