package dev.cairn.engine.repository.internal;

import dev.cairn.engine.repository.RepositoryException;
import org.bouncycastle.crypto.digests.SHA256Digest;

import java.security.MessageDigest;

/**
 * The SHA-256 of a whole file as it streams through the writer. The resumable variant (Bouncy
 * Castle's {@link SHA256Digest}) can export its state after the last byte so an append-only file's
 * hash can later be continued without reading the old part again.
 */
interface FileHasher {

    void update(byte[] b, int off, int len);

    /** {@return the hex digest of everything so far (the hasher stays usable)} */
    String hex();

    /** {@return the serialized state, or {@code null} when not resumable} */
    byte[] state();

    static FileHasher plain() {
        MessageDigest md = Crypto.sha256();
        return new FileHasher() {
            @Override
            public void update(byte[] b, int off, int len) {
                md.update(b, off, len);
            }

            @Override
            public String hex() {
                try {
                    return Hex.of(((MessageDigest) md.clone()).digest());
                } catch (CloneNotSupportedException e) {
                    throw new IllegalStateException("SHA-256 digests are cloneable", e);
                }
            }

            @Override
            public byte[] state() {
                return null;
            }
        };
    }

    static FileHasher resumable() {
        return resumable(new SHA256Digest());
    }

    /**
     * Continues from a saved state.
     *
     * @throws RepositoryException CORRUPT when the state cannot be restored
     */
    static FileHasher resume(byte[] state) {
        if (state == null || state.length > 1024) {
            throw RepositoryException.corrupt("resumable SHA-256 state is missing or too long", "hash_state");
        }
        try {
            return resumable(new SHA256Digest(state));
        } catch (RuntimeException e) {
            throw RepositoryException.corrupt("resumable SHA-256 state cannot be restored: " + e.getMessage(), "hash_state");
        }
    }

    private static FileHasher resumable(SHA256Digest digest) {
        return new FileHasher() {
            @Override
            public void update(byte[] b, int off, int len) {
                digest.update(b, off, len);
            }

            @Override
            public String hex() {
                byte[] out = new byte[32];
                new SHA256Digest(digest).doFinal(out, 0);
                return Hex.of(out);
            }

            @Override
            public byte[] state() {
                return digest.getEncodedState();
            }
        };
    }
}
