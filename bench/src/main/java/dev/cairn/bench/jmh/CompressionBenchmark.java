package dev.cairn.bench.jmh;

import com.github.luben.zstd.Zstd;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.TimeUnit;

/**
 * zstd (zstd-jni) on one 1 MiB blob of each kind of content, at the levels a backup would pick:
 * compress, decompress, and the ratio as an auxiliary result (printed once per trial).
 *
 * <p>The {@code planes*} cases measure blob compression code 2 (docs/REPOSITORY.md §6), which the
 * engine uses for {@code WORDS16} chunks (fp16/bf16 weights): the engine's own byte-planes transform
 * alone ({@code planesSplit}, {@code planesJoin}), then with zstd ({@code planesCompress},
 * {@code planesDecompress}). The transform is package-private in the engine, so it is called through
 * a method handle (the bench runs on the class path, where the engine is in the unnamed module).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
public class CompressionBenchmark {

    @Param({"TEXT", "WEIGHTS", "RANDOM"})
    public SampleData content;

    @Param({"1", "3"})
    public int level;

    private static final MethodHandle SPLIT = bytePlanes("split");
    private static final MethodHandle JOIN = bytePlanes("join");

    private byte[] data;
    private byte[] planes;
    private byte[] planesCompressed;
    private byte[] compressedBuffer;
    private byte[] compressed;
    private byte[] restored;

    @Setup
    public void setUp() {
        data = content.bytes(1 << 20, 7);
        compressedBuffer = new byte[(int) Zstd.compressBound(data.length)];
        compressed = Zstd.compress(data, level);
        restored = new byte[data.length];
        planes = new byte[data.length];
        split(data, planes);
        planesCompressed = Zstd.compress(planes, level);
        System.out.printf("%n[zstd level %d on %s: %d -> %d bytes, ratio %.3f; byte planes: %d bytes, ratio %.3f]%n", level, content,
                data.length, compressed.length, (double) data.length / compressed.length, planesCompressed.length,
                (double) data.length / planesCompressed.length);
    }

    private static MethodHandle bytePlanes(String name) {
        try {
            Class<?> c = Class.forName("dev.cairn.engine.repository.internal.BytePlanes");
            return MethodHandles.privateLookupIn(c, MethodHandles.lookup())
                    .findStatic(c, name, MethodType.methodType(void.class, byte[].class, int.class, byte[].class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the engine's BytePlanes." + name + " is not reachable", e);
        }
    }

    private static void split(byte[] from, byte[] to) {
        try {
            SPLIT.invokeExact(from, from.length, to);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static void join(byte[] from, byte[] to) {
        try {
            JOIN.invokeExact(from, from.length, to);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Benchmark
    public long compress() {
        return Zstd.compressByteArray(compressedBuffer, 0, compressedBuffer.length, data, 0, data.length, level);
    }

    @Benchmark
    public long decompress() {
        return Zstd.decompressByteArray(restored, 0, restored.length, compressed, 0, compressed.length);
    }

    /** The engine's transform alone, into a reused buffer as the engine does. */
    @Benchmark
    public byte[] planesSplit() {
        split(data, planes);
        return planes;
    }

    @Benchmark
    public byte[] planesJoin() {
        join(planes, restored);
        return restored;
    }

    /** What the engine does per WORDS16 chunk before sealing: transform, then zstd. */
    @Benchmark
    public long planesCompress() {
        split(data, planes);
        return Zstd.compressByteArray(compressedBuffer, 0, compressedBuffer.length, planes, 0, planes.length, level);
    }

    @Benchmark
    public byte[] planesDecompress() {
        Zstd.decompressByteArray(planes, 0, planes.length, planesCompressed, 0, planesCompressed.length);
        join(planes, restored);
        return restored;
    }
}
