package dev.cairn.bench.jmh;

import dev.cairn.engine.repository.BackupWriter;
import dev.cairn.framework.ProgressListener;
import dev.cairn.framework.unit.ChunkingPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Chunking. {@link #gearScanFloor} is the inner loop of any FastCDC chunker (a gear rolling hash with
 * a cut mask and a minimum size skip) on its own: the floor an engine chunker cannot beat.
 * {@link #engineStore} cuts a fresh 16 MiB file through {@code BackupWriter.store} with each of the
 * engine's chunking policies into an unencrypted repository, so hashing and packing are included
 * but encryption is not. Each invocation changes 8 bytes in every 4 KiB so nothing deduplicates.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
public class ChunkingBenchmark {

    private static final int SIZE = 16 << 20;
    private static final int MIN_CHUNK = 16 << 10;
    private static final long CUT_MASK = (1L << 16) - 1;

    private byte[] data;
    private long[] gear;
    private long generation;

    /** A fresh unencrypted repository and writer per iteration; only {@link #engineStore} uses it. */
    @State(Scope.Thread)
    public static class RepositoryState {
        @Param({"CONTENT_DEFINED", "LARGE_CONTENT_DEFINED", "FINE_CONTENT_DEFINED", "FIXED"})
        public ChunkingPolicy.Kind policy;

        RepositoryFixture fixture;
        BackupWriter writer;

        @Setup(Level.Iteration)
        public void open() throws IOException {
            fixture = new RepositoryFixture(false);
            writer = fixture.repository().newWriter();
        }

        @TearDown(Level.Iteration)
        public void close() throws IOException {
            if (writer != null) {
                writer.close();
            }
            if (fixture != null) {
                fixture.close();
            }
        }
    }

    @Setup(Level.Trial)
    public void setUpData() {
        data = SampleData.TEXT.bytes(SIZE, 11);
        gear = new long[256];
        SplittableRandom r = new SplittableRandom(12);
        for (int i = 0; i < gear.length; i++) {
            gear[i] = r.nextLong();
        }
    }

    /** {@return the number of cut points in 16 MiB of text} */
    @Benchmark
    public int gearScanFloor() {
        int cuts = 0;
        long h = 0;
        int i = 0;
        byte[] d = data;
        while (i < d.length) {
            i += MIN_CHUNK;
            for (; i < d.length; i++) {
                h = (h << 1) + gear[d[i] & 0xFF];
                if ((h & CUT_MASK) == 0) {
                    cuts++;
                    break;
                }
            }
        }
        return cuts;
    }

    @Benchmark
    public Object engineStore(RepositoryState repository) throws IOException {
        long g = ++generation;
        for (int i = 0; i + 8 <= data.length; i += 4096) {
            for (int b = 0; b < 8; b++) {
                data[i + b] = (byte) (g >>> (8 * b));
            }
        }
        ChunkingPolicy chunking = switch (repository.policy) {
            case CONTENT_DEFINED -> ChunkingPolicy.contentDefined();
            case LARGE_CONTENT_DEFINED -> ChunkingPolicy.large();
            case FINE_CONTENT_DEFINED -> ChunkingPolicy.fine();
            case FIXED -> ChunkingPolicy.fixed(64 << 10);
        };
        return repository.writer.store(new ByteArrayInputStream(data), chunking, false, ProgressListener.NOOP);
    }
}
