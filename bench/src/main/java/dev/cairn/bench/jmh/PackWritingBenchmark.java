package dev.cairn.bench.jmh;

import dev.cairn.engine.repository.BackupWriter;
import dev.cairn.engine.repository.StoredContent;
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
import java.util.concurrent.TimeUnit;

/**
 * The whole write path through the public interface into an encrypted repository: store 32 MiB of
 * one kind of content (chunk, id, compress, encrypt, pack) and commit (flush packs, write the index
 * and the snapshot, each durably). One snapshot per invocation; fresh bytes every time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
public class PackWritingBenchmark {

    private static final int SIZE = 32 << 20;

    @Param({"TEXT", "WEIGHTS", "RANDOM"})
    public SampleData content;

    private byte[] data;
    private long generation;
    private RepositoryFixture fixture;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        data = content.bytes(SIZE, 21);
        fixture = new RepositoryFixture(true);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Benchmark
    public String storeAndCommit() throws IOException {
        long g = ++generation;
        for (int i = 0; i + 8 <= data.length; i += 4096) {
            for (int b = 0; b < 8; b++) {
                data[i + b] = (byte) (g >>> (8 * b));
            }
        }
        try (BackupWriter writer = fixture.repository().newWriter()) {
            StoredContent stored = writer.store(new ByteArrayInputStream(data), ChunkingPolicy.contentDefined(), false,
                    ProgressListener.NOOP);
            return writer.commit(RepositoryFixture.manifestOf("bench/" + g + ".bin", stored));
        }
    }
}
