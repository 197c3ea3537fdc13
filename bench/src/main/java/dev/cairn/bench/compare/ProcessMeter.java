package dev.cairn.bench.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a command under GNU time ({@code /usr/bin/time}) and reports its wall time (measured here),
 * CPU time (user + sys, children included), peak RSS and the machine's steal time meanwhile. Output goes
 * to a log file.
 */
public final class ProcessMeter {

    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    private final Path logDir;
    private int sequence;

    /** A meter that keeps each command's output under {@code logDir}. */
    public ProcessMeter(Path logDir) throws IOException {
        if (!Files.isExecutable(GNU_TIME)) {
            throw new IOException("GNU time is missing at " + GNU_TIME + " (apt-get install time)");
        }
        this.logDir = Files.createDirectories(logDir);
    }

    /**
     * Runs {@code command} in {@code workingDir} with {@code environment} added.
     *
     * @param label a short name for the log file
     */
    public Measurement run(String label, List<String> command, Map<String, String> environment, Path workingDir)
            throws IOException, InterruptedException {
        int n = ++sequence;
        Path timeFile = logDir.resolve(String.format("%03d-%s.time", n, label));
        Path log = logDir.resolve(String.format("%03d-%s.log", n, label));
        List<String> full = new ArrayList<>(List.of(GNU_TIME.toString(), "-f", "%U %S %M", "-o", timeFile.toString()));
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).directory(workingDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        double stealBefore = StealClock.seconds();
        long start = System.nanoTime();
        Process process = builder.start();
        int exit = process.waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        double steal = StealClock.seconds() - stealBefore;
        double cpu = 0;
        long rss = 0;
        List<String> timeLines = Files.exists(timeFile) ? Files.readAllLines(timeFile, StandardCharsets.UTF_8) : List.of();
        String last = timeLines.isEmpty() ? "" : timeLines.get(timeLines.size() - 1).trim();
        String[] fields = last.split("\\s+");
        if (fields.length == 3) {
            try {
                cpu = Double.parseDouble(fields[0]) + Double.parseDouble(fields[1]);
                rss = Long.parseLong(fields[2]);
            } catch (NumberFormatException e) {
                // GNU time wrote something else (e.g. the command could not be started); the exit code says so
                cpu = 0;
            }
        }
        String summary = exit == 0 ? "" : tail(log, 3);
        return new Measurement(wall, cpu, rss, exit, summary, steal);
    }

    private static String tail(Path log, int lines) throws IOException {
        List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        return String.join(" | ", all.subList(Math.max(0, all.size() - lines), all.size())).trim();
    }
}
