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

    /** A chunk ready to be appended to a pack. */
    record Encoded(byte[] id, int compression, int rawLength, byte[] stored) { }

    private final RepositoryKeys keys;
    private final ThreadLocal<javax.crypto.Mac> idMac;
    private final ThreadLocal<MessageDigest> sha256 = ThreadLocal.withInitial(Crypto::sha256);

    BlobCodec(RepositoryKeys keys) {
        this.keys = keys;
        this.idMac = keys.encrypted() ? ThreadLocal.withInitial(() -> Crypto.hmac(keys.idKey())) : null;
    }

    /** {@return the blob id: SHA-256 of the plaintext, or HMAC-SHA256 under the id key when encrypted} */
    byte[] id(byte[] plain, int off, int len) {
        if (keys.encrypted()) {
            javax.crypto.Mac mac = idMac.get();
            mac.update(plain, off, len);
            return mac.doFinal();
        }
        MessageDigest md = sha256.get();
        md.update(plain, off, len);
        return md.digest();
    }

    /**
     * Encodes a chunk. {@link ChunkingPolicy.Layout#WORDS16} tries only the planes form, never plain
     * zstd: on 16-bit words plain zstd saves little, and trying both would double the compression time.
     */
    Encoded encode(byte[] id, byte[] plain, SessionKey session, ChunkingPolicy.Layout layout) {
        boolean words = layout == ChunkingPolicy.Layout.WORDS16;
        byte[] compressed = words ? Compression.compressPlanesIfPays(plain) : Compression.compressIfPays(plain);
        int compression = compressed == null ? Compression.NONE : words ? Compression.PLANES16_ZSTD : Compression.ZSTD;
        byte[] form = compressed == null ? plain : compressed;
        if (!keys.encrypted()) {
            return new Encoded(id, compression, plain.length, form);
        }
        byte[] nonce = session.nextNonce();
        byte[] sealed = Crypto.seal(session.key(), nonce, aad(TYPE_DATA, compression, plain.length, id), form, 0, form.length);
        byte[] stored = new byte[Crypto.NONCE_BYTES + sealed.length];
        System.arraycopy(nonce, 0, stored, 0, Crypto.NONCE_BYTES);
        System.arraycopy(sealed, 0, stored, Crypto.NONCE_BYTES, sealed.length);
        return new Encoded(id, compression, plain.length, stored);
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
