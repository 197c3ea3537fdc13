package dev.cairn.bench.jmh;

import dev.cairn.bench.generator.DeterministicText;
import dev.cairn.bench.generator.ModelFiles;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** The three kinds of content an install holds, as byte arrays for microbenchmarks. */
public enum SampleData {
    /** Log-like text: compresses 3-4x. */
    TEXT,
    /** fp16 model weights: compress a little. */
    WEIGHTS,
    /** Already-compressed media: incompressible. */
    RANDOM;

    /** {@return {@code size} bytes of this kind, the same for the same seed} */
    public byte[] bytes(int size, long seed) {
        return switch (this) {
            case TEXT -> {
                DeterministicText text = new DeterministicText(seed);
                StringBuilder out = new StringBuilder(size + 256);
                long line = 0;
                while (out.length() < size) {
                    out.append("2026-01-01T00:00:").append(line++ % 60).append("Z INFO [http] ");
                    text.sentence(out, 4, 16);
                    out.append(" took=").append(text.random().nextInt(900)).append("ms\n");
                }
                byte[] all = out.toString().getBytes(StandardCharsets.UTF_8);
                yield java.util.Arrays.copyOf(all, size);
            }
            case WEIGHTS -> ModelFiles.sampleWeights(seed, size);
            case RANDOM -> {
                byte[] data = new byte[size];
                new SplittableRandom(seed).nextBytes(data);
                yield data;
            }
        };
    }
}
