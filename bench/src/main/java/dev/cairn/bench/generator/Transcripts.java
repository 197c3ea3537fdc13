package dev.cairn.bench.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;

/** About 3,000 text transcripts (dialogues with speaker labels and timestamps, 4-28 KB each). */
public final class Transcripts {

    /** Transcripts at full scale. */
    public static final int FULL_COUNT = 3_000;

    private Transcripts() {
    }

    /** Writes the transcripts under {@code dir}, one folder per month. */
    public static void create(Path dir, GeneratorSettings settings) throws IOException {
        DeterministicText text = new DeterministicText(settings.seedFor("transcripts"));
        SplittableRandom r = text.random();
        int count = settings.count(FULL_COUNT, 5);
        LocalDate first = LocalDate.of(2025, 1, 1);
        for (int i = 0; i < count; i++) {
            LocalDate date = first.plusDays(i % 365);
            StringBuilder body = new StringBuilder(16_384);
            body.append("# Transcript ").append(i).append(" - ").append(date).append('\n');
            int target = 4_000 + r.nextInt(24_000);
            int second = 0;
            while (body.length() < target) {
                second += 2 + r.nextInt(20);
                body.append(String.format("[%02d:%02d:%02d] ", second / 3600, second / 60 % 60, second % 60))
                        .append(r.nextBoolean() ? "Agent: " : "Caller: ");
                text.sentence(body, 5, 30);
                body.append('\n');
            }
            Path target0 = dir.resolve(date.toString().substring(0, 7)).resolve(String.format("call-%05d.txt", i));
            Files.createDirectories(target0.getParent());
            Files.writeString(target0, body, StandardCharsets.UTF_8);
        }
    }
}
