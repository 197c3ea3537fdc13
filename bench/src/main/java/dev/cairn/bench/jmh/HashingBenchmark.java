package dev.cairn.bench.jmh;

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

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;

/**
 * The two hashes every stored byte goes through: SHA-256 of the file (the manifest's {@code sha256})
 * and the blob id (SHA-256 unencrypted, HMAC-SHA256 under the id key when encrypted). Throughput in
 * operations per second over one chunk-sized buffer; multiply by the size for bytes per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class HashingBenchmark {

    @Param({"65536", "1048576"})
    public int size;

    private byte[] data;
    private MessageDigest sha256;
    private Mac hmac;

    @Setup
    public void setUp() throws Exception {
        data = SampleData.RANDOM.bytes(size, 1);
        sha256 = MessageDigest.getInstance("SHA-256");
        hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(SampleData.RANDOM.bytes(32, 2), "HmacSHA256"));
    }

    @Benchmark
    public byte[] sha256() {
        return sha256.digest(data);
    }

    @Benchmark
    public byte[] hmacSha256() {
        return hmac.doFinal(data);
    }
}
