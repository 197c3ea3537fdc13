package dev.cairn.engine.repository.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The byte-planes transform of 16-bit words (compression code
 * {@link Compression#PLANES16_ZSTD}). For {@code n} bytes holding {@code w = n / 2} words, the planes
 * form is the bytes at even offsets (the low bytes of little-endian words), then the bytes at odd
 * offsets (the high bytes), then, when {@code n} is odd, the trailing byte unchanged:
 * <pre>
 * planes[i]     = plain[2i]        for 0 &lt;= i &lt; w
 * planes[w + i] = plain[2i + 1]    for 0 &lt;= i &lt; w
 * planes[n - 1] = plain[n - 1]     when n is odd
 * </pre>
 * The high bytes of fp16/bf16 weights (sign, exponent, top of the mantissa) repeat a few values, so
 * gathering them lets zstd find what interleaving with the noisy low bytes hides.
 */
final class BytePlanes {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private BytePlanes() {
    }

    /** Writes the planes form of {@code plain[0, n)} into {@code planes[0, n)}. */
    static void split(byte[] plain, int n, byte[] planes) {
        split(plain, 0, n, planes);
    }

    /**
     * Writes the planes form of {@code plain[off, off+n)} into {@code planes[0, n)}: four words at a
     * time through 64-bit lanes (a byte-at-a-time loop is the slowest part of a restore of weights),
     * then the rest one word at a time.
     */
    static void split(byte[] plain, int off, int n, byte[] planes) {
        int w = n >>> 1;
        int i = 0;
        for (; i + 4 <= w; i += 4) {
            long x = (long) LONG.get(plain, off + 2 * i);
            INT.set(planes, i, gather(x));
            INT.set(planes, w + i, gather(x >>> 8));
        }
        for (int j = off + 2 * i; i < w; i++, j += 2) {
            planes[i] = plain[j];
            planes[w + i] = plain[j + 1];
        }
        if ((n & 1) != 0) {
            planes[n - 1] = plain[off + n - 1];
        }
    }

    /** Writes the plain bytes of the planes form {@code planes[0, n)} into {@code plain[0, n)}. */
    static void join(byte[] planes, int n, byte[] plain) {
        int w = n >>> 1;
        int i = 0;
        for (; i + 4 <= w; i += 4) {
            long low = spread((int) INT.get(planes, i));
            long high = spread((int) INT.get(planes, w + i));
            LONG.set(plain, 2 * i, low | (high << 8));
        }
        for (int j = 2 * i; i < w; i++, j += 2) {
            plain[j] = planes[i];
            plain[j + 1] = planes[w + i];
        }
        if ((n & 1) != 0) {
            plain[n - 1] = planes[n - 1];
        }
    }

    /** {@return bytes 0, 2, 4 and 6 of {@code x} as the four bytes of an int} */
    static int gather(long x) {
        long v = x & 0x00FF00FF00FF00FFL;
        v = (v | (v >>> 8)) & 0x0000FFFF0000FFFFL;
        v = (v | (v >>> 16)) & 0x00000000FFFFFFFFL;
        return (int) v;
    }

    /** {@return the four bytes of {@code x} at bytes 0, 2, 4 and 6 of a long, zeros between} */
    static long spread(int x) {
        long v = x & 0xFFFFFFFFL;
        v = (v | (v << 16)) & 0x0000FFFF0000FFFFL;
        v = (v | (v << 8)) & 0x00FF00FF00FF00FFL;
        return v;
    }
}
