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

import java.util.concurrent.TimeUnit;

/**
 * zstd (zstd-jni) on one 1 MiB blob of each kind of content, at the levels a backup would pick:
 * compress, decompress, and the ratio as an auxiliary result (printed once per trial).
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

    private byte[] data;
    private byte[] compressedBuffer;
    private byte[] compressed;
    private byte[] restored;

    @Setup
    public void setUp() {
        data = content.bytes(1 << 20, 7);
        compressedBuffer = new byte[(int) Zstd.compressBound(data.length)];
        compressed = Zstd.compress(data, level);
        restored = new byte[data.length];
        System.out.printf("%n[zstd level %d on %s: %d -> %d bytes, ratio %.2f]%n", level, content, data.length,
                compressed.length, (double) data.length / compressed.length);
    }

    @Benchmark
    public long compress() {
        return Zstd.compressByteArray(compressedBuffer, 0, compressedBuffer.length, data, 0, data.length, level);
    }

    @Benchmark
    public long decompress() {
        return Zstd.decompressByteArray(restored, 0, restored.length, compressed, 0, compressed.length);
    }
}
