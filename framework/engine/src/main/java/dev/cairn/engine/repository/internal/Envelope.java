package dev.cairn.engine.repository.internal;

import dev.cairn.engine.repository.RepositoryException;

import java.util.Arrays;

/**
 * The container of index and snapshot files:
 * <pre>
 * file    = magic(8) u8 flags header-fields content
 * content = plain: payload | encrypted: nonce(12) AES-256-GCM(metaKey, nonce, payload, aad = magic || flags || header-fields)
 * payload = u8 compression (0 none, 1 zstd) u32 rawLength data
 * </pre>
 * The header fields (for snapshots: the snapshot id and creation time) are readable without the key
 * and bound to the content as associated data.
 */
final class Envelope {

    /** An opened envelope. */
    record Opened(byte[] headerFields, byte[] payload) { }

    private Envelope() {
    }

    static byte[] seal(byte[] magic, byte[] headerFields, byte[] payload, boolean compress, RepositoryKeys keys) {
        byte[] compressed = compress ? Compression.compressIfPays(payload) : null;
        byte[] data = compressed == null ? payload : compressed;
        byte[] inner = new ByteWriter(data.length + 5).u8(compressed == null ? Compression.NONE : Compression.ZSTD)
                .u32(payload.length).bytes(data).toByteArray();
        ByteWriter w = new ByteWriter(inner.length + 64).bytes(magic).u8(keys.encrypted() ? PackFormat.FLAG_ENCRYPTED : 0).bytes(headerFields);
        if (keys.encrypted()) {
            byte[] aad = w.toByteArray();
            byte[] nonce = Crypto.random(Crypto.NONCE_BYTES);
            w.bytes(nonce).bytes(Crypto.seal(keys.metaKey(), nonce, aad, inner, 0, inner.length));
        } else {
            w.bytes(inner);
        }
        return w.toByteArray();
    }

    /** {@return the header fields only, checking magic and flags (no authentication)} */
    static byte[] headerFields(byte[] file, byte[] magic, int headerFieldsLength, RepositoryKeys keys, String what, String where) {
        BoundedReader r = new BoundedReader(file, where);
        r.expect(magic, what);
        int flags = r.u8("flags");
        if (flags != (keys.encrypted() ? PackFormat.FLAG_ENCRYPTED : 0)) {
            throw r.corrupt(what + " flags " + flags + " do not match the repository");
        }
        return r.bytes(headerFieldsLength, what + " header");
    }

    static Opened open(byte[] file, byte[] magic, int headerFieldsLength, int maxRaw, RepositoryKeys keys, String what, String where) {
        byte[] fields = headerFields(file, magic, headerFieldsLength, keys, what, where);
        int contentStart = magic.length + 1 + headerFieldsLength;
        byte[] inner;
        if (keys.encrypted()) {
            if (file.length - contentStart < Crypto.NONCE_BYTES + Crypto.TAG_BYTES) {
                throw RepositoryException.corrupt(what + " is truncated", where);
            }
            byte[] aad = Arrays.copyOf(file, contentStart);
            byte[] nonce = Arrays.copyOfRange(file, contentStart, contentStart + Crypto.NONCE_BYTES);
            inner = Crypto.open(keys.metaKey(), nonce, aad, file, contentStart + Crypto.NONCE_BYTES,
                    file.length - contentStart - Crypto.NONCE_BYTES, what, where);
        } else {
            inner = Arrays.copyOfRange(file, contentStart, file.length);
        }
        BoundedReader r = new BoundedReader(inner, where);
        int compression = r.u8("compression");
        int rawLength = r.length("payload length", maxRaw);
        byte[] payload;
        if (compression == Compression.ZSTD) {
            payload = Compression.decompressStreaming(inner, r.position(), r.remaining(), rawLength, where);
        } else if (compression == Compression.NONE) {
            if (r.remaining() != rawLength) {
                throw r.corrupt(what + " payload has " + r.remaining() + " bytes, expected " + rawLength);
            }
            payload = r.bytes(rawLength, "payload");
        } else {
            throw r.corrupt("unknown compression " + compression);
        }
        return new Opened(fields, payload);
    }
}
