package dev.cairn.engine.repository.internal;

import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.framework.unit.ChunkingPolicy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Turns a chunk into its stored form and back. Stored form: the plaintext, zstd-compressed when that
 * pays (for chunks of {@link ChunkingPolicy.Layout#WORDS16} files: zstd over the {@link BytePlanes}
 * form, code {@link Compression#PLANES16_ZSTD}; for chunks of {@link ChunkingPolicy.Layout#PAGES}
 * files with a {@link PageDictionary}: code {@link Compression#ZSTD_DICT}; the plaintext when
 * compression does not pay); in encrypted repositories then {@code nonce(12) || AES-256-GCM(sessionKey, nonce, form, aad)}
 * with {@code aad = "cairn-blob-v1" || u8 type || u8 compression || u32 rawLength || id(32)}.
 * Decoding checks the plaintext against its id. Blobs are of type {@link #TYPE_DATA} (chunks),
 * {@link #TYPE_DICTIONARY} (page dictionaries) or {@link #TYPE_CHUNK_LIST} (a long file's chunk list).
 */
final class BlobCodec {

    static final int TYPE_DATA = 1;
    /** A {@link PageDictionary}: stored like a chunk, never referenced by a snapshot, never pruned. */
    static final int TYPE_DICTIONARY = 2;
    /** A {@link ChunkList} segment: referenced by a snapshot's item, pruned like a chunk. */
    static final int TYPE_CHUNK_LIST = 3;
    private static final byte[] AAD_PREFIX = "cairn-blob-v1".getBytes(StandardCharsets.US_ASCII);

    /**
     * A chunk ready to be appended to a pack: {@code stored[offset, offset+length)}. The array is the
     * encoding thread's reusable buffer (or the caller's plaintext): append it before that thread
     * encodes again.
     */
    record Encoded(byte[] id, int type, int compression, int rawLength, byte[] stored, int offset, int length) {

        /** {@return a copy of the stored form, for a caller that keeps it past the next encode} */
        byte[] copy() {
            return Arrays.copyOfRange(stored, offset, offset + length);
        }
    }

    private final RepositoryKeys keys;
    /** The repository's page dictionaries by id ({@code null} result: none with that id). */
    private final IntFunction<PageDictionary> dictionaries;
    private final ThreadLocal<javax.crypto.Mac> idMac;
    private final ThreadLocal<MessageDigest> sha256 = ThreadLocal.withInitial(Crypto::sha256);
    /** Each encoding thread's output buffer, grown to the largest blob it has encoded. */
    private final ThreadBuffer encodeBuffer = new ThreadBuffer();

    /** A codec for a repository without page dictionaries (a {@link Compression#ZSTD_DICT} blob is then CORRUPT). */
    BlobCodec(RepositoryKeys keys) {
        this(keys, dictId -> null);
    }

    BlobCodec(RepositoryKeys keys, IntFunction<PageDictionary> dictionaries) {
        this.keys = keys;
        this.dictionaries = dictionaries;
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

    /** Encodes a whole array as a data blob, without a page dictionary. */
    Encoded encode(byte[] id, byte[] plain, SessionKey session, ChunkingPolicy.Layout layout) {
        return encode(id, plain, 0, plain.length, session, layout, null);
    }

    /** Encodes a page dictionary's plaintext as a {@link #TYPE_DICTIONARY} blob (zstd when that pays). */
    Encoded encodeDictionary(byte[] id, PageDictionary dictionary, SessionKey session) {
        byte[] plain = dictionary.plaintext();
        return encode(TYPE_DICTIONARY, id, plain, 0, plain.length, session, ChunkingPolicy.Layout.BYTES, null);
    }

    /** Encodes one chunk-list blob's plaintext ({@link ChunkList#blobPlaintexts}) as a {@link #TYPE_CHUNK_LIST} blob. */
    Encoded encodeChunkList(byte[] id, byte[] plain, SessionKey session) {
        return encode(TYPE_CHUNK_LIST, id, plain, 0, plain.length, session, ChunkingPolicy.Layout.BYTES, null);
    }

    /**
     * Encodes {@code plain[off, off+len)} into this thread's buffer: compressed when that pays, then
     * sealed in place behind its nonce, so a blob costs no allocation beyond the first few.
     * {@link ChunkingPolicy.Layout#WORDS16} tries only the planes form, never plain zstd: on 16-bit
     * words plain zstd saves little, and trying both would double the compression time.
     * {@link ChunkingPolicy.Layout#PAGES} with a {@code dictionary} tries only the dictionary;
     * {@link ChunkingPolicy.Layout#BYTES} with one tries the dictionary, then plain zstd when that did not pay
     * (random data: zstd gives up on it several times faster alone than with a dictionary, but a small chunk
     * is most often text, which the dictionary compresses better).
     *
     * @param dictionary the page dictionary for a {@link ChunkingPolicy.Layout#PAGES} chunk, the small-chunk
     *                   dictionary for a small {@link ChunkingPolicy.Layout#BYTES} one, or {@code null}
     */
    Encoded encode(byte[] id, byte[] plain, int off, int len, SessionKey session, ChunkingPolicy.Layout layout,
                   PageDictionary dictionary) {
        return encode(TYPE_DATA, id, plain, off, len, session, layout, dictionary);
    }

    private Encoded encode(int type, byte[] id, byte[] plain, int off, int len, SessionKey session, ChunkingPolicy.Layout layout,
                           PageDictionary dictionary) {
        boolean words = layout == ChunkingPolicy.Layout.WORDS16;
        boolean paged = !words && dictionary != null;
        int head = keys.encrypted() ? Crypto.NONCE_BYTES : 0;
        byte[] buf = encodeBuffer.atLeast(head + Math.max(Compression.bound(len) + Compression.DICTIONARY_REF_BYTES, len) + Crypto.TAG_BYTES);
        int compressed = words ? Compression.compressPlanesIntoIfPays(plain, off, len, buf, head)
                : paged ? Compression.compressWithDictionaryIntoIfPays(plain, off, len, buf, head, dictionary)
                : Compression.compressIntoIfPays(plain, off, len, buf, head);
        if (compressed < 0 && paged && layout == ChunkingPolicy.Layout.BYTES) {
            paged = false;
            compressed = Compression.compressIntoIfPays(plain, off, len, buf, head);
        }
        int compression = compressed < 0 ? Compression.NONE
                : words ? Compression.PLANES16_ZSTD : paged ? Compression.ZSTD_DICT : Compression.ZSTD;
        if (!keys.encrypted()) {
            return compressed < 0
                    ? new Encoded(id, type, compression, len, plain, off, len)
                    : new Encoded(id, type, compression, len, buf, 0, compressed);
        }
        byte[] nonce = session.nextNonce();
        System.arraycopy(nonce, 0, buf, 0, Crypto.NONCE_BYTES);
        byte[] aad = aad(type, compression, len, id);
        int sealed = compressed < 0
                ? Crypto.sealInto(session.key(), nonce, aad, plain, off, len, buf, head)
                : Crypto.sealInto(session.key(), nonce, aad, buf, head, compressed, buf, head);
        return new Encoded(id, type, compression, len, buf, 0, head + sealed);
    }

    /**
     * Re-encodes a stored blob for another pack (prune): checks it as {@link #decode} does, then seals
     * its compressed form unchanged under {@code session}, so no blob is compressed again and a
     * dictionary-compressed blob keeps naming its dictionary.
     *
     * @param sessionKey the key of the pack it is read from, or {@code null} when unencrypted
     */
    Encoded reseal(BlobLocation loc, byte[] stored, byte[] sessionKey, SessionKey session, String where) {
        Form form = open(loc, stored, 0, stored.length, sessionKey, where);
        plaintextOf(loc, form, true, where);
        if (!keys.encrypted()) {
            return new Encoded(loc.id(), loc.type(), loc.compression(), loc.rawLength(), form.bytes(), form.off(), form.len());
        }
        int head = Crypto.NONCE_BYTES;
        byte[] out = new byte[head + form.len() + Crypto.TAG_BYTES];
        byte[] nonce = session.nextNonce();
        System.arraycopy(nonce, 0, out, 0, head);
        int sealed = Crypto.sealInto(session.key(), nonce, aad(loc.type(), loc.compression(), loc.rawLength(), loc.id()),
                form.bytes(), form.off(), form.len(), out, head);
        return new Encoded(loc.id(), loc.type(), loc.compression(), loc.rawLength(), out, 0, head + sealed);
    }

    /** {@return the largest stored length a blob of {@code rawLength} bytes can have} */
    static long maxStoredLength(int rawLength) {
        return rawLength + (rawLength >> 7) + 1024 + Compression.DICTIONARY_REF_BYTES + Crypto.NONCE_BYTES + Crypto.TAG_BYTES;
    }

    /**
     * Decodes a stored blob. {@code stored} is decrypted in place (its contents are not kept).
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
        return decode(loc, stored, 0, stored.length, sessionKey, where, rehash);
    }

    /**
     * Decodes one stored blob held in {@code bytes[off, off+len)}, e.g. one of several adjacent blobs read
     * at once; that range is decrypted in place, the rest of {@code bytes} is not touched.
     *
     * @see #decode(BlobLocation, byte[], byte[], String, boolean)
     */
    byte[] decode(BlobLocation loc, byte[] bytes, int off, int len, byte[] sessionKey, String where, boolean rehash) {
        return plaintextOf(loc, open(loc, bytes, off, len, sessionKey, where), rehash, where);
    }

    /** A blob's (compressed) form: {@code bytes[off, off+len)}. */
    private record Form(byte[] bytes, int off, int len) { }

    /**
     * Checks a blob's location and, when encrypted, authenticates and decrypts {@code bytes[off, off+len)}
     * in place: {@return its compressed form, within that range}
     */
    private Form open(BlobLocation loc, byte[] bytes, int off, int len, byte[] sessionKey, String where) {
        if (!knownType(loc.type()) || !knownCompression(loc.compression())) {
            throw RepositoryException.corrupt("unknown blob type " + loc.type() + " or compression " + loc.compression(), where);
        }
        if (loc.rawLength() < 0 || loc.rawLength() > ChunkerParams.MAX_BLOB) {
            throw RepositoryException.corrupt("blob length " + loc.rawLength() + " outside 0.." + ChunkerParams.MAX_BLOB, where);
        }
        if (!keys.encrypted()) {
            return new Form(bytes, off, len);
        }
        if (len < Crypto.NONCE_BYTES + Crypto.TAG_BYTES) {
            throw RepositoryException.corrupt("encrypted blob of " + len + " bytes is too short", where);
        }
        byte[] nonce = Arrays.copyOfRange(bytes, off, off + Crypto.NONCE_BYTES);
        int n = Crypto.openInPlace(sessionKey, nonce, aad(loc.type(), loc.compression(), loc.rawLength(), loc.id()),
                bytes, off + Crypto.NONCE_BYTES, len - Crypto.NONCE_BYTES, "blob", where);
        return new Form(bytes, off + Crypto.NONCE_BYTES, n);
    }

    /** Decompresses a blob's form and, when asked (always when unencrypted), checks it against the id. */
    private byte[] plaintextOf(BlobLocation loc, Form form, boolean rehash, String where) {
        byte[] bytes = form.bytes();
        int off = form.off();
        int len = form.len();
        byte[] plain;
        if (loc.compression() == Compression.ZSTD) {
            plain = Compression.decompress(bytes, off, len, loc.rawLength(), where);
        } else if (loc.compression() == Compression.PLANES16_ZSTD) {
            plain = Compression.decompressPlanes(bytes, off, len, loc.rawLength(), where);
        } else if (loc.compression() == Compression.ZSTD_DICT) {
            plain = Compression.decompressWithDictionary(bytes, off, len, loc.rawLength(), dictionaries, where);
        } else {
            if (len != loc.rawLength()) {
                throw RepositoryException.corrupt("uncompressed blob has " + len + " bytes, expected " + loc.rawLength(), where);
            }
            plain = off == 0 && len == bytes.length ? bytes : Arrays.copyOfRange(bytes, off, off + len);
        }
        if ((rehash || !keys.encrypted()) && !MessageDigest.isEqual(id(plain, 0, plain.length), loc.id())) {
            throw RepositoryException.corrupt("blob content does not match its id " + Hex.of(loc.id()), where);
        }
        return plain;
    }

    /** {@return whether {@code type} is a blob type this reader knows} */
    static boolean knownType(int type) {
        return type == TYPE_DATA || type == TYPE_DICTIONARY || type == TYPE_CHUNK_LIST;
    }

    /** {@return whether {@code compression} is a blob compression code this reader knows} */
    static boolean knownCompression(int compression) {
        return compression == Compression.NONE || compression == Compression.ZSTD || compression == Compression.PLANES16_ZSTD
                || compression == Compression.ZSTD_DICT;
    }

    static byte[] aad(int type, int compression, int rawLength, byte[] id) {
        return new ByteWriter(AAD_PREFIX.length + 38).bytes(AAD_PREFIX).u8(type).u8(compression).u32(rawLength).bytes(id).toByteArray();
    }
}
