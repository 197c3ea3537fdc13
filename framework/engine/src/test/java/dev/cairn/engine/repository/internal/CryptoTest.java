package dev.cairn.engine.repository.internal;

import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.framework.CairnException;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** AES-256-GCM as the format uses it, including {@code open}'s sliced path for large inputs. */
class CryptoTest {

    private static final byte[] AAD = "cairn-test-aad".getBytes(StandardCharsets.US_ASCII);
    private static final int[] SIZES = {0, 1, 100, Crypto.OPEN_SLICE - 1, Crypto.OPEN_SLICE, Crypto.OPEN_SLICE + 1,
            3 * Crypto.OPEN_SLICE + 5, Crypto.SEGMENT + 17, 1 << 20};

    private static byte[] bytes(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** The JDK's own AES-GCM, one call: the reference the sliced paths must agree with. */
    private static byte[] jdkSeal(byte[] key, byte[] nonce, byte[] plain) throws Exception {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        c.updateAAD(AAD);
        return c.doFinal(plain);
    }

    @Test
    void sealAndOpenAgreeWithTheJdkAtEverySize() throws Exception {
        byte[] key = Crypto.random(Crypto.KEY_BYTES);
        for (int size : SIZES) {
            byte[] plain = bytes(size, size);
            byte[] nonce = Crypto.counterNonce(size + 1);
            byte[] sealed = Crypto.seal(key, nonce, AAD, plain, 0, plain.length);
            assertArrayEquals(jdkSeal(key, nonce, plain), sealed, "seal, size " + size);
            byte[] framed = new byte[sealed.length + 7];
            System.arraycopy(sealed, 0, framed, 3, sealed.length);
            assertArrayEquals(plain, Crypto.open(key, nonce, AAD, framed, 3, sealed.length, "blob", "test"), "open, size " + size);
            assertArrayEquals(plain, Crypto.open(key, nonce, AAD, framed, 3, sealed.length, "blob", "test"), "open again, size " + size);
        }
    }

    @Test
    void anyDamageIsRefusedOnEveryPath() {
        byte[] key = Crypto.random(Crypto.KEY_BYTES);
        for (int size : SIZES) {
            byte[] plain = bytes(size, size);
            byte[] nonce = Crypto.counterNonce(1000 + size);
            byte[] sealed = Crypto.seal(key, nonce, AAD, plain, 0, plain.length);
            for (int at : new int[] {0, sealed.length / 2, sealed.length - 1}) {
                byte[] bad = sealed.clone();
                bad[at] ^= 0x01;
                RepositoryException e = assertThrows(RepositoryException.class,
                        () -> Crypto.open(key, nonce, AAD, bad, 0, bad.length, "blob", "test"), "flip at " + at + ", size " + size);
                assertEquals(CairnException.Kind.CORRUPT, e.kind());
            }
            byte[] otherAad = "other".getBytes(StandardCharsets.US_ASCII);
            assertThrows(RepositoryException.class, () -> Crypto.open(key, nonce, otherAad, sealed, 0, sealed.length, "blob", "test"));
            assertThrows(RepositoryException.class,
                    () -> Crypto.open(key, Crypto.counterNonce(999), AAD, sealed, 0, sealed.length, "blob", "test"));
        }
    }

    @Test
    void openInPlaceLeavesThePlaintextWhereTheCiphertextWasAndTheBytesAroundIt() throws Exception {
        byte[] key = Crypto.random(Crypto.KEY_BYTES);
        for (int size : SIZES) {
            byte[] plain = bytes(size + 7, size);
            byte[] nonce = Crypto.counterNonce(2000 + size);
            byte[] sealed = jdkSeal(key, nonce, plain);
            byte[] framed = bytes(-size, sealed.length + 9);
            byte[] before = framed.clone();
            System.arraycopy(sealed, 0, framed, 5, sealed.length);
            assertEquals(size, Crypto.openInPlace(key, nonce, AAD, framed, 5, sealed.length, "blob", "test"));
            assertArrayEquals(plain, java.util.Arrays.copyOfRange(framed, 5, 5 + size), "plaintext, size " + size);
            assertArrayEquals(java.util.Arrays.copyOfRange(sealed, size, sealed.length),
                    java.util.Arrays.copyOfRange(framed, 5 + size, 5 + sealed.length), "the tag's bytes stay, size " + size);
            assertArrayEquals(java.util.Arrays.copyOfRange(before, 0, 5), java.util.Arrays.copyOfRange(framed, 0, 5));
            assertArrayEquals(java.util.Arrays.copyOfRange(before, 5 + sealed.length, before.length),
                    java.util.Arrays.copyOfRange(framed, 5 + sealed.length, framed.length));
        }
    }

    @Test
    void aDamagedBlobOpenedInPlaceIsWipedNotLeftHalfDecrypted() throws Exception {
        byte[] key = Crypto.random(Crypto.KEY_BYTES);
        int size = 3 * Crypto.OPEN_SLICE + 5;
        byte[] nonce = Crypto.counterNonce(3000);
        byte[] sealed = jdkSeal(key, nonce, bytes(3000, size));
        sealed[size / 2] ^= 0x01;
        assertThrows(RepositoryException.class, () -> Crypto.openInPlace(key, nonce, AAD, sealed, 0, sealed.length, "blob", "test"));
        assertArrayEquals(new byte[size], java.util.Arrays.copyOf(sealed, size));
    }
}
