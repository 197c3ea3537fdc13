package dev.cairn.bench.generator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Two rotated text logs ({@code app.log} and {@code access.log}, each with {@code .1}..{@code .4}),
 * about 300 MB at full scale. {@link #applyDay} appends a day's worth of lines to the live files.
 */
public final class RotatedLogs {

    /** The full-scale size budget of all logs. */
    public static final long FULL_BYTES = 300L << 20;
    /** Rotated generations per log, the live file included. */
    public static final int GENERATIONS = 5;

    private static final String[] LEVELS = {"INFO", "INFO", "INFO", "INFO", "DEBUG", "DEBUG", "WARN", "ERROR"};
    private static final String[] LOGGERS = {"http.server", "db.pool", "scheduler", "auth", "search.index", "uploads"};
    private static final String[] PATHS = {"/api/documents", "/api/users", "/api/search", "/uploads", "/login", "/static/app.js"};
    private static final long EPOCH_2026 = 1_767_225_600L;

    private RotatedLogs() {
    }

    /** Writes all generations under {@code dir}. */
    public static void create(Path dir, GeneratorSettings settings) throws IOException {
        Files.createDirectories(dir);
        long perFile = settings.bytes(FULL_BYTES, 64 << 10) / (2L * GENERATIONS);
        DeterministicText text = new DeterministicText(settings.seedFor("logs"));
        for (int generation = GENERATIONS - 1; generation >= 0; generation--) {
            String suffix = generation == 0 ? "" : "." + generation;
            long start = EPOCH_2026 - (generation + 1) * 86_400L * 7;
            write(dir.resolve("app.log" + suffix), text, perFile, start, false, false);
            write(dir.resolve("access.log" + suffix), text, perFile, start, true, false);
        }
    }

    /** Appends about 1% of the log volume to the live files. */
    public static void applyDay(Path dir, GeneratorSettings settings, int day) throws IOException {
        long perFile = settings.bytes(FULL_BYTES / 100, 4 << 10) / 2;
        DeterministicText text = new DeterministicText(settings.seedFor("logs-day-" + day));
        long start = EPOCH_2026 + day * 86_400L;
        write(dir.resolve("app.log"), text, perFile, start, false, true);
        write(dir.resolve("access.log"), text, perFile, start, true, true);
    }

    private static void write(Path file, DeterministicText text, long bytes, long startEpoch, boolean access, boolean append)
            throws IOException {
        SplittableRandom r = text.random();
        StandardOpenOption mode = append ? StandardOpenOption.APPEND : StandardOpenOption.CREATE_NEW;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.WRITE, mode)) {
            long written = 0;
            long millis = startEpoch * 1000;
            StringBuilder line = new StringBuilder(256);
            while (written < bytes) {
                millis += r.nextInt(400);
                line.setLength(0);
                line.append(Instant.ofEpochMilli(millis)).append(' ');
                if (access) {
                    line.append("10.").append(r.nextInt(4)).append('.').append(r.nextInt(256)).append('.').append(r.nextInt(256))
                            .append(" \"GET ").append(PATHS[r.nextInt(PATHS.length)]).append('/').append(r.nextInt(5000))
                            .append(" HTTP/1.1\" ").append(r.nextInt(10) == 0 ? 404 : 200).append(' ').append(r.nextInt(90_000))
                            .append(' ').append(r.nextInt(900)).append("ms req=").append(text.hex(12));
                } else {
                    line.append(LEVELS[r.nextInt(LEVELS.length)]).append(" [").append(LOGGERS[r.nextInt(LOGGERS.length)])
                            .append("] ");
                    text.sentence(line, 3, 14);
                    line.append(" user=").append(r.nextInt(5_000)).append(" took=").append(r.nextInt(2_000)).append("ms");
                }
                line.append('\n');
                out.append(line);
                written += line.length();
            }
        }
    }
}
