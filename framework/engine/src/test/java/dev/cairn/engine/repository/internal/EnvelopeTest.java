package dev.cairn.engine.repository.internal;

import com.github.luben.zstd.Zstd;
import dev.cairn.engine.repository.Backups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class EnvelopeTest {

    private static final byte[] MAGIC = "CAIRNTST".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FIELDS = {1, 2, 3, 4, 5};

    /** Text that compresses, followed by noise that does not. */
    private static byte[] payload() {
        byte[] text = "entry entry entry ".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
        byte[] noise = Backups.random(11, 50_000);
        byte[] p = Arrays.copyOf(text, text.length + noise.length);
        System.arraycopy(noise, 0, p, text.length, noise.length);
        return p;
    }

    @Test
    void anUnencryptedEnvelopeIsLaidOutAsDocumented() {
        byte[] payload = payload();
        byte[] file = Envelope.seal(MAGIC, FIELDS, payload, true, TestKeys.random(false));
        ByteBuffer b = ByteBuffer.wrap(file);
        byte[] magic = new byte[MAGIC.length];
        b.get(magic);
        assertArrayEquals(MAGIC, magic);
        assertEquals(0, b.get(), "flags");
        byte[] fields = new byte[FIELDS.length];
        b.get(fields);
        assertArrayEquals(FIELDS, fields);
        assertEquals(Compression.ZSTD, b.get(), "compression");
        assertEquals(payload.length, b.getInt(), "raw length");
        byte[] frame = Arrays.copyOfRange(file, b.position(), file.length);
        assertArrayEquals(payload, Zstd.decompress(frame, payload.length), "the rest of the file is exactly one zstd frame of the payload");
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void sealedEnvelopesOpenToTheirPayloadCompressedOrNot(boolean encrypted) {
        RepositoryKeys keys = TestKeys.random(encrypted);
        for (byte[] payload : new byte[][] {payload(), Backups.random(12, 10_000), new byte[0]}) {
            for (boolean compress : new boolean[] {true, false}) {
                byte[] file = Envelope.seal(MAGIC, FIELDS, payload, compress, keys);
                Envelope.Opened opened = Envelope.open(file, MAGIC, FIELDS.length, 1 << 24, keys, "test file", "test/x");
                assertArrayEquals(FIELDS, opened.headerFields());
                assertArrayEquals(payload, opened.payload());
                int overhead = MAGIC.length + 1 + FIELDS.length + 5 + (encrypted ? Crypto.NONCE_BYTES + Crypto.TAG_BYTES : 0);
                if (!compress || payload.length < 64) {
                    assertEquals(overhead + payload.length, file.length, "stored as is");
                }
            }
        }
    }
}
