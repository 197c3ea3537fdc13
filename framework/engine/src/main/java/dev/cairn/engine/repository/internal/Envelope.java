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

    /** The payload's own header: u8 compression, u32 rawLength. */
    private static final int PAYLOAD_HEADER_BYTES = 5;

    /** An opened envelope. */
    record Opened(byte[] headerFields, byte[] payload) { }

    private Envelope() {
    }

    static byte[] seal(byte[] magic, byte[] headerFields, byte[] payload, boolean compress, RepositoryKeys keys) {
        // Built in one array: the payload compressed into its place behind the header and nonce, then sealed
        // in place. An index file of 65,536 entries is a 3.3 MB payload; copying it through each step made
        // seven arrays of 2.6-3.3 MB at the end of a first backup, when its heap is fullest (docs/PERFORMANCE.md).
        int head = magic.length + 1 + headerFields.length;
        int nonceBytes = keys.encrypted() ? Crypto.NONCE_BYTES : 0;
        int inner = head + nonceBytes;
        int data = inner + PAYLOAD_HEADER_BYTES;
        int tag = keys.encrypted() ? Crypto.TAG_BYTES : 0;
        byte[] out = new byte[data + Math.max(payload.length, compress ? Compression.bound(payload.length) : 0) + tag];
        System.arraycopy(magic, 0, out, 0, magic.length);
        out[magic.length] = (byte) (keys.encrypted() ? PackFormat.FLAG_ENCRYPTED : 0);
        System.arraycopy(headerFields, 0, out, magic.length + 1, headerFields.length);
        int compressed = compress ? Compression.compressMetadataIntoIfPays(payload, 0, payload.length, out, data) : -1;
        int dataLength = compressed < 0 ? payload.length : compressed;
        if (compressed < 0) {
            System.arraycopy(payload, 0, out, data, payload.length);
        }
        out[inner] = (byte) (compressed < 0 ? Compression.NONE : Compression.ZSTD);
        ByteWriter.putU32(out, inner + 1, payload.length);
        int innerLength = PAYLOAD_HEADER_BYTES + dataLength;
        if (keys.encrypted()) {
            byte[] nonce = Crypto.random(Crypto.NONCE_BYTES);
            System.arraycopy(nonce, 0, out, head, Crypto.NONCE_BYTES);
            Crypto.sealInto(keys.metaKey(), nonce, Arrays.copyOf(out, head), out, inner, innerLength, out, inner);
        }
        int length = inner + innerLength + tag;
        return length == out.length ? out : Arrays.copyOf(out, length);
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
