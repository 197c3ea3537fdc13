package dev.cairn.engine.repository.internal;

import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.framework.CairnException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The primitives of the format: SHA-256, HMAC-SHA256 and AES-256-GCM (12-byte nonce, 16-byte tag).
 * Large inputs are encrypted in {@value #SEGMENT}-byte {@code update} calls so the JIT-compiled
 * AES-GCM path is reached after a few blobs rather than after hundreds of MiB of one huge call.
 */
final class Crypto {

    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    static final int SEGMENT = 64 * 1024;
    /** Slice of {@link #open}'s large-input path (see {@code openInSlices}). */
    static final int OPEN_SLICE = 16 * 1024;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is required by every Java platform", e);
        }
    });

    /** The calling thread's scratch array for {@code openInSlices}: one slice, or one slice and a tag. */
    private static final ThreadLocal<byte[]> SLICE = ThreadLocal.withInitial(() -> new byte[OPEN_SLICE + TAG_BYTES]);

    private static final ThreadLocal<Cipher> CTR = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/CTR/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR is required by every Java platform", e);
        }
    });

    private Crypto() {
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    static byte[] sha256(byte[] data) {
        return sha256().digest(data);
    }

    static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    static byte[] hmac(byte[] key, byte[] data) {
        return hmac(key).doFinal(data);
    }

    /** {@return the subkey {@code HMAC-SHA256(master, "cairn/v1/" + label)}} */
    static byte[] subkey(byte[] master, String label) {
        return hmac(master, ("cairn/v1/" + label).getBytes(StandardCharsets.US_ASCII));
    }

    /** {@return a nonce made of 4 zero bytes and the big-endian counter} */
    static byte[] counterNonce(long counter) {
        byte[] n = new byte[NONCE_BYTES];
        for (int i = 0; i < 8; i++) {
            n[4 + i] = (byte) (counter >>> (56 - 8 * i));
        }
        return n;
    }

    /** {@return {@code ciphertext || tag} of {@code plain[off, off+len)}} */
    static byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plain, int off, int len) {
        byte[] out = new byte[len + TAG_BYTES];
        sealInto(key, nonce, aad, plain, off, len, out, 0);
        return out;
    }

    /**
     * Writes {@code ciphertext || tag} of {@code plain[off, off+len)} to {@code out} at {@code outOff}
     * ({@code len + TAG_BYTES} bytes). The input may be the output itself at the same offset (in place).
     *
     * @return the number of bytes written
     */
    static int sealInto(byte[] key, byte[] nonce, byte[] aad, byte[] plain, int off, int len, byte[] out, int outOff) {
        Cipher c = GCM.get();
        try {
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
            c.updateAAD(aad);
            int written = 0;
            int p = off;
            int stop = off + len;
            while (stop - p > SEGMENT) {
                written += c.update(plain, p, SEGMENT, out, outOff + written);
                p += SEGMENT;
            }
            written += c.doFinal(plain, p, stop - p, out, outOff + written);
            if (written != len + TAG_BYTES) {
                throw new IllegalStateException("AES-GCM wrote " + written + " bytes, expected " + (len + TAG_BYTES));
            }
            return written;
        } catch (ShortBufferException e) {
            throw new IllegalStateException("AES-GCM output buffer too small", e);
        } catch (GeneralSecurityException e) {
            throw new CairnException(CairnException.Kind.INTERNAL, "AES-GCM encryption failed", e);
        }
    }

    /**
     * Decrypts and authenticates.
     *
     * @throws RepositoryException CORRUPT naming {@code where} when the tag does not verify
     */
    static byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed, int off, int len, String what, String where) {
        if (len < TAG_BYTES) {
            throw RepositoryException.corrupt(what + " is shorter than an authentication tag", where);
        }
        byte[] plain = new byte[len - TAG_BYTES];
        openInto(key, nonce, aad, sealed, off, len, plain, 0, what, where);
        return plain;
    }

    /**
     * Decrypts and authenticates {@code sealed[off, off+len)} in place: on return the plaintext is
     * {@code sealed[off, off+n)}, n being the returned length (the tag's bytes are left as they were). A
     * restore reads every blob this way, so it allocates no second array per blob.
     *
     * @throws RepositoryException CORRUPT naming {@code where} when the tag does not verify (the plaintext
     *                             is then wiped)
     */
    static int openInPlace(byte[] key, byte[] nonce, byte[] aad, byte[] sealed, int off, int len, String what, String where) {
        if (len < TAG_BYTES) {
            throw RepositoryException.corrupt(what + " is shorter than an authentication tag", where);
        }
        openInto(key, nonce, aad, sealed, off, len, sealed, off, what, where);
        return len - TAG_BYTES;
    }

    /** Decrypts {@code sealed[off, off+len)} into {@code out} at {@code outOff} (which may be the same place). */
    private static void openInto(byte[] key, byte[] nonce, byte[] aad, byte[] sealed, int off, int len, byte[] out, int outOff,
                                 String what, String where) {
        if (len - TAG_BYTES > OPEN_SLICE) {
            openInSlices(key, nonce, aad, sealed, off, len, out, outOff, what, where);
            return;
        }
        Cipher c = GCM.get();
        try {
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
            c.updateAAD(aad);
            int n = c.doFinal(sealed, off, len, out, outOff);
            if (n != len - TAG_BYTES) {
                throw new IllegalStateException("AES-GCM wrote " + n + " bytes, expected " + (len - TAG_BYTES));
            }
        } catch (AEADBadTagException e) {
            throw RepositoryException.corrupt(what + " does not authenticate (damaged, or not the data stored under this name)", where);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("AES output buffer too small", e);
        } catch (GeneralSecurityException e) {
            throw new RepositoryException(CairnException.Kind.CORRUPT, what + " cannot be decrypted: " + e.getMessage(), where, e);
        }
    }

    /**
     * {@link #openInto} for inputs larger than {@value #OPEN_SLICE} bytes, with the same result. The JDK's
     * AES-GCM decryption takes the whole input in one call, and a call that large runs the slow,
     * not yet compiled GHASH for the first seconds of a process (docs/PERFORMANCE.md: 20-100 MB/s),
     * which a restore or a manifest read lives in. So the ciphertext is decrypted with AES-CTR from
     * GCM's first counter block ({@code nonce || 00000002}), and the tag is recomputed by GCM
     * encryption of the recovered plaintext (which yields the same ciphertext); both in
     * {@value #OPEN_SLICE}-byte calls, which reach the compiled paths at once. The plaintext stands only
     * when the recomputed tag equals the stored one (else it is wiped). The tag is read before the
     * plaintext is written, so {@code out} may be {@code sealed} at the same offset.
     */
    private static void openInSlices(byte[] key, byte[] nonce, byte[] aad, byte[] sealed, int off, int len, byte[] out, int outOff,
                                     String what, String where) {
        int n = len - TAG_BYTES;
        byte[] tag = Arrays.copyOfRange(sealed, off + n, off + len);
        SecretKeySpec spec = new SecretKeySpec(key, "AES");
        try {
            Cipher ctr = CTR.get();
            byte[] counter = new byte[16];
            System.arraycopy(nonce, 0, counter, 0, NONCE_BYTES);
            counter[15] = 2;
            ctr.init(Cipher.DECRYPT_MODE, spec, new IvParameterSpec(counter));
            // Each slice is decrypted into the thread's scratch array and copied to its place: the JDK
            // copies the input of an in-place update first, a new array per slice (1.2 GB in a restore).
            byte[] scratch = SLICE.get();
            int written = 0;
            for (int p = 0; p < n; p += OPEN_SLICE) {
                int k = ctr.update(sealed, off + p, Math.min(OPEN_SLICE, n - p), scratch, 0);
                System.arraycopy(scratch, 0, out, outOff + written, k);
                written += k;
            }
            int k = ctr.doFinal(scratch, 0);
            System.arraycopy(scratch, 0, out, outOff + written, k);
            written += k;
            if (written != n) {
                throw new IllegalStateException("AES-CTR wrote " + written + " bytes, expected " + n);
            }
            // A fresh instance: the JDK refuses to encrypt twice under one key and nonce with the same
            // Cipher object, and this check-only encryption may repeat a nonce (the same blob read twice).
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, spec, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            gcm.updateAAD(aad);
            for (int p = 0; p < n; p += OPEN_SLICE) {
                gcm.update(out, outOff + p, Math.min(OPEN_SLICE, n - p), scratch, 0);
            }
            byte[] last = gcm.doFinal();
            if (!MessageDigest.isEqual(Arrays.copyOfRange(last, last.length - TAG_BYTES, last.length), tag)) {
                Arrays.fill(out, outOff, outOff + n, (byte) 0);
                throw RepositoryException.corrupt(what + " does not authenticate (damaged, or not the data stored under this name)", where);
            }
        } catch (ShortBufferException e) {
            throw new IllegalStateException("AES output buffer too small", e);
        } catch (GeneralSecurityException e) {
            throw new RepositoryException(CairnException.Kind.CORRUPT, what + " cannot be decrypted: " + e.getMessage(), where, e);
        }
    }

    /** Overwrites a secret. */
    static void wipe(byte[] secret) {
        if (secret != null) {
            java.util.Arrays.fill(secret, (byte) 0);
        }
    }

    static void wipe(char[] secret) {
        if (secret != null) {
            java.util.Arrays.fill(secret, '\0');
        }
    }
}
