package dev.cairn.engine.repository.internal;

/**
 * The 256 random 64-bit values of the FastCDC rolling "gear" hash, derived from a per-repository seed:
 * {@code gear[4k+j]} is the big-endian 64-bit word {@code j} of {@code HMAC-SHA256(seed, u32be(k))}.
 * In encrypted repositories the seed comes from the master key, so chunk boundaries reveal nothing
 * about content to someone without the key.
 */
final class GearTable {

    private GearTable() {
    }

    static long[] derive(byte[] seed) {
        long[] gear = new long[256];
        javax.crypto.Mac mac = Crypto.hmac(seed);
        for (int k = 0; k < 64; k++) {
            byte[] block = mac.doFinal(new byte[] {(byte) (k >>> 24), (byte) (k >>> 16), (byte) (k >>> 8), (byte) k});
            for (int j = 0; j < 4; j++) {
                long v = 0;
                for (int b = 0; b < 8; b++) {
                    v = (v << 8) | (block[j * 8 + b] & 0xff);
                }
                gear[k * 4 + j] = v;
            }
        }
        return gear;
    }
}
