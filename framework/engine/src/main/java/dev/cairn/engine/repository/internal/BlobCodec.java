package dev.cairn.engine.repository.internal;

import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.framework.unit.ChunkingPolicy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Turns a chunk into its stored form and back. Stored form: the plaintext, zstd-compressed when that
 * pays (for chunks of {@link ChunkingPolicy.Layout#WORDS16} files: zstd over the {@link BytePlanes}
 * form, code {@link Compression#PLANES16_ZSTD}, or the plaintext when that does not pay); in encrypted repositories then {@code nonce(12) || AES-256-GCM(sessionKey, nonce, form, aad)}
 * with {@code aad = "cairn-blob-v1" || u8 type || u8 compression || u32 rawLength || id(32)}.
 * Decoding checks the plaintext against its id.
 */
final class BlobCodec {

    static final int TYPE_DATA = 1;
    private static final byte[] AAD_PREFIX = "cairn-blob-v1".getBytes(StandardCharsets.US_ASCII);

    /**
     * A chunk ready to be appended to a pack: {@code stored[offset, offset+length)}. The array is the
     * encoding thread's reusable buffer (or the caller's plaintext): append it before that thread
     * encodes again.
     */
    record Encoded(byte[] id, int compression, int rawLength, byte[] stored, int offset, int length) {

        /** {@return a copy of the stored form, for a caller that keeps it past the next encode} */
        byte[] copy() {
            return Arrays.copyOfRange(stored, offset, offset + length);
        }
    }

    private final RepositoryKeys keys;
    private final ThreadLocal<javax.crypto.Mac> idMac;
    private final ThreadLocal<MessageDigest> sha256 = ThreadLocal.withInitial(Crypto::sha256);
    /** Each encoding thread's output buffer, grown to the largest blob it has encoded. */
    private final ThreadBuffer encodeBuffer = new ThreadBuffer();

    BlobCodec(RepositoryKeys keys) {
        this.keys = keys;
        this.idMac = keys.encrypted() ? ThreadLocal.withInitial(() -> Crypto.hmac(keys.idKey())) : null;
    }

    /** {@return the blob id: SHA-256 of the plaintext, or HMAC-SHA256 under the id key when encrypted} */
    byte[] id(byte[] plain, int off, int len) {
        if (keys.encrypted()) {
            javax.crypto.Mac mac = idMac.get();
            Courtesy.sliced(plain, off, len, mac::update);
            return mac.doFinal();
        }
        MessageDigest md = sha256.get();
        Courtesy.sliced(plain, off, len, md::update);
        return md.digest();
    }

    /** Encodes a whole array: {@link #encode(byte[], byte[], int, int, SessionKey, ChunkingPolicy.Layout)}. */
    Encoded encode(byte[] id, byte[] plain, SessionKey session, ChunkingPolicy.Layout layout) {
        return encode(id, plain, 0, plain.length, session, layout);
    }

    /**
     * Encodes {@code plain[off, off+len)} into this thread's buffer: compressed when that pays, then
     * sealed in place behind its nonce, so a blob costs no allocation beyond the first few.
     * {@link ChunkingPolicy.Layout#WORDS16} tries only the planes form, never plain zstd: on 16-bit
     * words plain zstd saves little, and trying both would double the compression time.
     */
    Encoded encode(byte[] id, byte[] plain, int off, int len, SessionKey session, ChunkingPolicy.Layout layout) {
        boolean words = layout == ChunkingPolicy.Layout.WORDS16;
        int head = keys.encrypted() ? Crypto.NONCE_BYTES : 0;
        byte[] buf = encodeBuffer.atLeast(head + Math.max(Compression.bound(len), len) + Crypto.TAG_BYTES);
        int compressed = words ? Compression.compressPlanesIntoIfPays(plain, off, len, buf, head)
                : Compression.compressIntoIfPays(plain, off, len, buf, head);
        int compression = compressed < 0 ? Compression.NONE : words ? Compression.PLANES16_ZSTD : Compression.ZSTD;
        if (!keys.encrypted()) {
            return compressed < 0
                    ? new Encoded(id, compression, len, plain, off, len)
                    : new Encoded(id, compression, len, buf, 0, compressed);
        }
        byte[] nonce = session.nextNonce();
        System.arraycopy(nonce, 0, buf, 0, Crypto.NONCE_BYTES);
        byte[] aad = aad(TYPE_DATA, compression, len, id);
        int sealed = compressed < 0
                ? Crypto.sealInto(session.key(), nonce, aad, plain, off, len, buf, head)
                : Crypto.sealInto(session.key(), nonce, aad, buf, head, compressed, buf, head);
        return new Encoded(id, compression, len, buf, 0, head + sealed);
    }

    /** {@return the largest stored length a blob of {@code rawLength} bytes can have} */
    static long maxStoredLength(int rawLength) {
        return rawLength + (rawLength >> 7) + 1024 + Crypto.NONCE_BYTES + Crypto.TAG_BYTES;
    }

    /**
     * Decodes a stored blob.
     *
     * @param sessionKey the pack's session key, or {@code null} when unencrypted
     * @throws RepositoryException CORRUPT when it does not authenticate, decompress or hash to its id
     */
    byte[] decode(BlobLocation loc, byte[] stored, byte[] sessionKey, String where) {
        return decode(loc, stored, sessionKey, where, true);
    }

    /**
     * Decodes one stored blob.
     *
     * @param rehash whether to hash the plaintext against its id even when AES-GCM has already
     *               authenticated it under that id (the id is part of the associated data). Verify
     *               re-hashes; a restore relies on the authentication and then on each file's SHA-256.
     *               Unencrypted blobs are always re-hashed: the id is their only check.
     */
    byte[] decode(BlobLocation loc, byte[] stored, byte[] sessionKey, String where, boolean rehash) {
        if (loc.type() != TYPE_DATA || !knownCompression(loc.compression())) {
            throw RepositoryException.corrupt("unknown blob type " + loc.type() + " or compression " + loc.compression(), where);
        }
        if (loc.rawLength() < 0 || loc.rawLength() > ChunkerParams.MAX_BLOB) {
            throw RepositoryException.corrupt("blob length " + loc.rawLength() + " outside 0.." + ChunkerParams.MAX_BLOB, where);
        }
        byte[] form;
        int off = 0;
        int len = stored.length;
        if (keys.encrypted()) {
            if (stored.length < Crypto.NONCE_BYTES + Crypto.TAG_BYTES) {
                throw RepositoryException.corrupt("encrypted blob of " + stored.length + " bytes is too short", where);
            }
            byte[] nonce = Arrays.copyOf(stored, Crypto.NONCE_BYTES);
            form = Crypto.open(sessionKey, nonce, aad(loc.type(), loc.compression(), loc.rawLength(), loc.id()),
                    stored, Crypto.NONCE_BYTES, stored.length - Crypto.NONCE_BYTES, "blob", where);
            len = form.length;
        } else {
            form = stored;
        }
        byte[] plain;
        if (loc.compression() == Compression.ZSTD) {
            plain = Compression.decompress(form, off, len, loc.rawLength(), where);
        } else if (loc.compression() == Compression.PLANES16_ZSTD) {
            plain = Compression.decompressPlanes(form, off, len, loc.rawLength(), where);
        } else {
            if (len != loc.rawLength()) {
                throw RepositoryException.corrupt("uncompressed blob has " + len + " bytes, expected " + loc.rawLength(), where);
            }
            plain = form;
        }
        if ((rehash || !keys.encrypted()) && !MessageDigest.isEqual(id(plain, 0, plain.length), loc.id())) {
            throw RepositoryException.corrupt("blob content does not match its id " + Hex.of(loc.id()), where);
        }
        return plain;
    }

    /** {@return whether {@code compression} is a blob compression code this reader knows} */
    static boolean knownCompression(int compression) {
        return compression == Compression.NONE || compression == Compression.ZSTD || compression == Compression.PLANES16_ZSTD;
    }

    /** {@return the layout that re-encodes a blob stored with {@code compression} the same way (prune)} */
    static ChunkingPolicy.Layout layoutOf(int compression) {
        return compression == Compression.PLANES16_ZSTD ? ChunkingPolicy.Layout.WORDS16 : ChunkingPolicy.Layout.BYTES;
    }

    static byte[] aad(int type, int compression, int rawLength, byte[] id) {
        return new ByteWriter(AAD_PREFIX.length + 38).bytes(AAD_PREFIX).u8(type).u8(compression).u32(rawLength).bytes(id).toByteArray();
    }
}
