package dev.cairn.engine.repository.internal;

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

    private BytePlanes() {
    }

    /** Writes the planes form of {@code plain[0, n)} into {@code planes[0, n)}. */
    static void split(byte[] plain, int n, byte[] planes) {
        split(plain, 0, n, planes);
    }

    /** Writes the planes form of {@code plain[off, off+n)} into {@code planes[0, n)}. */
    static void split(byte[] plain, int off, int n, byte[] planes) {
        int w = n >>> 1;
        for (int i = 0, j = off; i < w; i++, j += 2) {
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
        for (int i = 0, j = 0; i < w; i++, j += 2) {
            plain[j] = planes[i];
            plain[j + 1] = planes[w + i];
        }
        if ((n & 1) != 0) {
            plain[n - 1] = planes[n - 1];
        }
    }
}
