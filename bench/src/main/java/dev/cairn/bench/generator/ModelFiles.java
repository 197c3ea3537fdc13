package dev.cairn.bench.generator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Two model files of fp16 weights drawn from N(0, 0.02), ~600 MB each at full scale:
 * {@code base.f16.bin} and {@code finetuned.f16.bin}, a copy of the base that differs in four
 * 1 MiB regions (scaled). Like real weights they compress only a little (the exponent bits are
 * skewed, the mantissas are noise). {@link #applyDay} rewrites ~1% of the fine-tuned file.
 */
public final class ModelFiles {

    /** The full-scale size of each model file. */
    public static final long FULL_BYTES = 600L << 20;
    /** Name of the base model under {@code models/}. */
    public static final String BASE = "base.f16.bin";
    /** Name of the fine-tuned model under {@code models/}. */
    public static final String FINETUNED = "finetuned.f16.bin";

    private static final int BLOCK = 1 << 20;
    private static final int FINETUNE_REGIONS = 4;

    private ModelFiles() {
    }

    /** Writes both model files under {@code dir}. */
    public static void create(Path dir, GeneratorSettings settings) throws IOException {
        Files.createDirectories(dir);
        long size = settings.bytes(FULL_BYTES, 64 << 10) & ~1L;
        short[] table = weightTable(settings.seedFor("weights-table"));
        SplittableRandom r = new SplittableRandom(settings.seedFor("weights"));
        Path base = dir.resolve(BASE);
        try (FileChannel out = FileChannel.open(base, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer block = ByteBuffer.allocate(BLOCK).order(ByteOrder.LITTLE_ENDIAN);
            long left = size;
            while (left > 0) {
                int n = (int) Math.min(BLOCK, left);
                block.clear().limit(n);
                fill(block, table, r);
                block.flip();
                while (block.hasRemaining()) {
                    out.write(block);
                }
                left -= n;
            }
        }
        Path tuned = dir.resolve(FINETUNED);
        Files.copy(base, tuned);
        int region = (int) (settings.bytes(1 << 20, 4096) & ~1L);
        SplittableRandom tune = new SplittableRandom(settings.seedFor("finetune"));
        for (int i = 0; i < FINETUNE_REGIONS; i++) {
            long slot = size / FINETUNE_REGIONS;
            long offset = (i * slot + tune.nextLong(Math.max(1, slot - region))) & ~1L;
            perturb(tuned, offset, (int) Math.min(region, size - offset), tune);
        }
    }

    /** Rewrites about 1% of {@code finetuned.f16.bin} in eight scattered regions. */
    public static void applyDay(Path dir, GeneratorSettings settings, int day) throws IOException {
        Path tuned = dir.resolve(FINETUNED);
        long size = Files.size(tuned);
        int regions = 8;
        int region = (int) Math.max(2, (size / 100 / regions) & ~1L);
        SplittableRandom r = new SplittableRandom(settings.seedFor("model-day-" + day));
        for (int i = 0; i < regions; i++) {
            long slot = size / regions;
            long offset = (i * slot + r.nextLong(Math.max(1, slot - region))) & ~1L;
            perturb(tuned, offset, (int) Math.min(region, size - offset), r);
        }
    }

    /** {@return {@code bytes} (even) of fp16-like weights drawn as the model files' are, for microbenchmarks} */
    public static byte[] sampleWeights(long seed, int bytes) {
        ByteBuffer buffer = ByteBuffer.allocate(bytes & ~1).order(ByteOrder.LITTLE_ENDIAN);
        fill(buffer, weightTable(seed), new SplittableRandom(seed));
        return buffer.array();
    }

    /** A table of 65,536 fp16 values sorted by magnitude order, so a uniform index draws N(0, 0.02). */
    private static short[] weightTable(long seed) {
        Random gaussian = new Random(seed);
        float[] samples = new float[1 << 16];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (gaussian.nextGaussian() * 0.02);
        }
        Arrays.sort(samples);
        short[] table = new short[samples.length];
        for (int i = 0; i < samples.length; i++) {
            table[i] = Float.floatToFloat16(samples[i]);
        }
        return table;
    }

    private static void fill(ByteBuffer block, short[] table, SplittableRandom r) {
        while (block.remaining() >= 8) {
            long bits = r.nextLong();
            block.putShort(table[(int) (bits & 0xFFFF)]);
            block.putShort(table[(int) ((bits >>> 16) & 0xFFFF)]);
            block.putShort(table[(int) ((bits >>> 32) & 0xFFFF)]);
            block.putShort(table[(int) (bits >>> 48)]);
        }
        while (block.remaining() >= 2) {
            block.putShort(table[r.nextInt(1 << 16)]);
        }
    }

    /** Adds a small update (a fine-tuning step) to every weight in {@code [offset, offset + length)}. */
    private static void perturb(Path file, long offset, int length, SplittableRandom r) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer region = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
            while (region.hasRemaining() && channel.read(region, offset + region.position()) > 0) {
                // keep reading until the region is full
            }
            region.flip();
            for (int i = 0; i + 1 < region.limit(); i += 2) {
                float w = Float.float16ToFloat(region.getShort(i));
                region.putShort(i, Float.floatToFloat16(w + (float) ((r.nextDouble() - 0.5) * 0.004)));
            }
            region.rewind();
            while (region.hasRemaining()) {
                channel.write(region, offset + region.position());
            }
        }
    }
}
