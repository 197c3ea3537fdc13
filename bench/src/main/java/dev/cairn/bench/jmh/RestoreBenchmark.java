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
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The restore path: read back 64 MiB stored in an encrypted repository through
 * {@code Repository.openContent} (locate, read, authenticate and decrypt, decompress), checking the bytes
 * once at setup. The pack files are in the page cache after the first read: this is the CPU cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
public class RestoreBenchmark {

    private static final int SIZE = 64 << 20;

    @Param({"TEXT", "WEIGHTS"})
    public SampleData content;

    private RepositoryFixture fixture;
    private StoredContent stored;
    private final byte[] buffer = new byte[1 << 20];

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        byte[] data = content.bytes(SIZE, 31);
        fixture = new RepositoryFixture(true);
        try (BackupWriter writer = fixture.repository().newWriter()) {
            stored = writer.store(new ByteArrayInputStream(data), ChunkingPolicy.contentDefined(), false, ProgressListener.NOOP);
            writer.commit(RepositoryFixture.manifestOf("bench/restore.bin", stored));
        }
        try (InputStream in = fixture.repository().openContent(stored.chunks())) {
            if (!Arrays.equals(in.readAllBytes(), data)) {
                throw new IllegalStateException("the repository returned other bytes than were stored");
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Benchmark
    public long readAll() throws IOException {
        long total = 0;
        try (InputStream in = fixture.repository().openContent(stored.chunks())) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
            }
        }
        return total;
    }
}
