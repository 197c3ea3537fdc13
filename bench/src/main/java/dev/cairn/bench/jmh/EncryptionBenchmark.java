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

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * AES-256-GCM per blob as the repository design uses it (JDK provider, 12-byte counter nonces,
 * 16-byte tag, the blob id and type as AAD): encrypt and decrypt one blob. {@link #encryptIn16KiBSlices}
 * feeds the same blob through {@code update} in 16 KiB slices: on JDK 25 here a single {@code doFinal}
 * over a 1 MiB blob runs at tens of MB/s while 16 KiB slices run at GB/s (see docs/PERFORMANCE.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class EncryptionBenchmark {

    private static final int SLICE = 16 << 10;

    @Param({"65536", "1048576"})
    public int size;

    private SecretKeySpec key;
    private byte[] plaintext;
    private byte[] ciphertext;
    private byte[] output;
    private byte[] aad;
    private byte[] fixedNonce;
    private long counter;
    private Cipher cipher;

    @Setup
    public void setUp() throws Exception {
        key = new SecretKeySpec(SampleData.RANDOM.bytes(32, 3), "AES");
        plaintext = SampleData.RANDOM.bytes(size, 4);
        aad = SampleData.RANDOM.bytes(33, 5);
        output = new byte[size + 16];
        cipher = Cipher.getInstance("AES/GCM/NoPadding");
        fixedNonce = new byte[12];
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, fixedNonce));
        cipher.updateAAD(aad);
        ciphertext = cipher.doFinal(plaintext);
    }

    @Benchmark
    public int encrypt() throws Exception {
        byte[] nonce = ByteBuffer.allocate(12).putInt(7).putLong(++counter).array();
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        cipher.updateAAD(aad);
        return cipher.doFinal(plaintext, 0, plaintext.length, output, 0);
    }

    @Benchmark
    public int encryptIn16KiBSlices() throws Exception {
        byte[] nonce = ByteBuffer.allocate(12).putInt(7).putLong(++counter).array();
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        cipher.updateAAD(aad);
        int written = 0;
        int offset = 0;
        while (plaintext.length - offset > SLICE) {
            written += cipher.update(plaintext, offset, SLICE, output, written);
            offset += SLICE;
        }
        return written + cipher.doFinal(plaintext, offset, plaintext.length - offset, output, written);
    }

    @Benchmark
    public int decrypt() throws Exception {
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, fixedNonce));
        cipher.updateAAD(aad);
        return cipher.doFinal(ciphertext, 0, ciphertext.length, output, 0);
    }
}
