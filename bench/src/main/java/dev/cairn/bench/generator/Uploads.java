package dev.cairn.bench.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * About 2,000 small binary uploads (images and PDFs, 4 KiB to 640 KiB, ~125 KiB on average, ~250 MB in all), whose
 * bodies are random bytes: like real media they barely compress.
 */
public final class Uploads {

    /** Uploads at full scale. */
    public static final int FULL_COUNT = 2_000;

    private static final String[] KINDS = {"jpg", "png", "pdf", "jpg", "webp"};

    private Uploads() {
    }

    /** Writes the uploads under {@code dir}, spread over monthly folders. */
    public static void create(Path dir, GeneratorSettings settings) throws IOException {
        write(dir, settings.count(FULL_COUNT, 5), new SplittableRandom(settings.seedFor("uploads")), "2025-");
    }

    /** Adds one day's uploads (1% of the count) under {@code dir/day-N}. */
    public static void applyDay(Path dir, GeneratorSettings settings, int day) throws IOException {
        write(dir, settings.count(FULL_COUNT / 100, 1), new SplittableRandom(settings.seedFor("uploads-day-" + day)),
                "day-" + day);
    }

    private static void write(Path dir, int count, SplittableRandom r, String folderPrefix) throws IOException {
        boolean monthly = folderPrefix.endsWith("-");
        for (int i = 0; i < count; i++) {
            String folder = monthly ? folderPrefix + String.format("%02d", 1 + i % 12) : folderPrefix;
            String kind = KINDS[r.nextInt(KINDS.length)];
            String name = Long.toHexString(r.nextLong() | Long.MIN_VALUE) + "." + kind;
            // log-uniform between 4 KiB and 640 KiB
            int size = (int) Math.round(4096 * Math.pow(160, r.nextDouble()));
            byte[] data = new byte[size];
            r.nextBytes(data);
            byte[] header = ("pdf".equals(kind) ? "%PDF-1.7\n%bench\n" : "\u0089" + kind.toUpperCase() + "\r\n\u001a\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(header, 0, data, 0, Math.min(header.length, size));
            Path target = dir.resolve(folder).resolve(name);
            Files.createDirectories(target.getParent());
            Files.write(target, data);
        }
    }
}
