package dev.cairn.engine.repository.internal;

import dev.cairn.engine.repository.RepositoryException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The pack file format (docs/REPOSITORY.md, "Pack files"):
 * <pre>
 * pack    = header blob* trailer footer
 * header  = "CAIRNPK1" u8 flags [encrypted: wrapNonce(12) AES-GCM(wrapKey, wrapNonce, sessionKey, "cairn-session-key-v1")(48)]
 * trailer = plain: body | encrypted: nonce(12) AES-GCM(sessionKey, nonce, body, "cairn-pack-trailer-v1")
 * body    = u32 count, count x (u8 type, u8 compression, id(32), u64 offset, u32 storedLength, u32 rawLength)
 * footer  = u32 trailerLength "CAIRNPKE"
 * </pre>
 * All integers are big-endian. The pack's name is the SHA-256 of its framing, {@code header || trailer
 * || footer}: it commits to every blob's id, place and lengths, and each blob's own bytes are
 * authenticated (encrypted) or hashed to its id (plain) when read, so the blob data is never hashed
 * a second time.
 */
final class PackFormat {

    static final byte[] MAGIC = "CAIRNPK1".getBytes(StandardCharsets.US_ASCII);
    static final byte[] END_MAGIC = "CAIRNPKE".getBytes(StandardCharsets.US_ASCII);
    static final int FLAG_ENCRYPTED = 1;
    static final int WRAPPED_KEY_BYTES = Crypto.NONCE_BYTES + Crypto.KEY_BYTES + Crypto.TAG_BYTES;
    static final int ENTRY_BYTES = 1 + 1 + 32 + 8 + 4 + 4;
    static final int FOOTER_BYTES = 4 + END_MAGIC.length;
    /** No trailer may be larger than this (about 1.3 million blobs). */
    static final int MAX_TRAILER = 64 << 20;
    static final byte[] KEY_AAD = "cairn-session-key-v1".getBytes(StandardCharsets.US_ASCII);
    static final byte[] TRAILER_AAD = "cairn-pack-trailer-v1".getBytes(StandardCharsets.US_ASCII);
    /** Where a trailer's tag goes before it is sealed in place. */
    private static final byte[] TAG_SPACE = new byte[Crypto.TAG_BYTES];

    private PackFormat() {
    }

    static int headerLength(boolean encrypted) {
        return MAGIC.length + 1 + (encrypted ? WRAPPED_KEY_BYTES : 0);
    }

    static byte[] header(RepositoryKeys keys, SessionKey session) {
        ByteWriter w = new ByteWriter(headerLength(keys.encrypted())).bytes(MAGIC).u8(keys.encrypted() ? FLAG_ENCRYPTED : 0);
        if (keys.encrypted()) {
            byte[] nonce = Crypto.random(Crypto.NONCE_BYTES);
            w.bytes(nonce).bytes(Crypto.seal(keys.wrapKey(), nonce, KEY_AAD, session.key(), 0, Crypto.KEY_BYTES));
        }
        return w.toByteArray();
    }

    /**
     * {@return the trailer and footer of a pack of {@code blobs}}, built in one array of their exact size
     * and sealed in place: a pack of database pages lists up to ~16,000 blobs, and its trailer of up to
     * 0.8 MB, copied four times, made a tenth of a first backup's large arrays.
     */
    static byte[] trailer(RepositoryKeys keys, SessionKey session, List<BlobLocation> blobs) {
        boolean encrypted = keys.encrypted();
        int bodyAt = encrypted ? Crypto.NONCE_BYTES : 0;
        int bodyLength = 4 + blobs.size() * ENTRY_BYTES;
        int trailerLength = bodyAt + bodyLength + (encrypted ? Crypto.TAG_BYTES : 0);
        byte[] nonce = encrypted ? session.nextNonce() : null;
        ByteWriter w = new ByteWriter(trailerLength + FOOTER_BYTES);
        if (encrypted) {
            w.bytes(nonce);
        }
        w.u32(blobs.size());
        for (BlobLocation b : blobs) {
            w.u8(b.type()).u8(b.compression()).bytes(b.id()).u64(b.offset()).u32(b.storedLength()).u32(b.rawLength());
        }
        if (encrypted) {
            w.bytes(TAG_SPACE);
        }
        byte[] out = w.u32(trailerLength).bytes(END_MAGIC).toByteArray();
        if (encrypted) {
            Crypto.sealInto(session.key(), nonce, TRAILER_AAD, out, bodyAt, bodyLength, out, bodyAt);
        }
        return out;
    }

    /** Reads and checks a pack's header; {@return the session key, or {@code null} when unencrypted} */
    static byte[] readHeader(FileChannel ch, RepositoryKeys keys, String where) throws IOException {
        int len = headerLength(keys.encrypted());
        if (ch.size() < len) {
            throw RepositoryException.corrupt("pack of " + ch.size() + " bytes is shorter than its header", where);
        }
        byte[] header = readFully(ch, 0, len, where);
        BoundedReader r = new BoundedReader(header, where);
        r.expect(MAGIC, "Cairn pack");
        int flags = r.u8("pack flags");
        if (flags != (keys.encrypted() ? FLAG_ENCRYPTED : 0)) {
            throw RepositoryException.corrupt("pack flags " + flags + " do not match the repository", where);
        }
        if (!keys.encrypted()) {
            return null;
        }
        byte[] nonce = r.bytes(Crypto.NONCE_BYTES, "session key nonce");
        return Crypto.open(keys.wrapKey(), nonce, KEY_AAD, header, r.position(), Crypto.KEY_BYTES + Crypto.TAG_BYTES, "pack session key", where);
    }

    /**
     * {@return the name a pack's framing hashes to: SHA-256 of {@code header || trailer || footer}}
     *
     * @throws RepositoryException CORRUPT when the file is too short or its footer is malformed
     */
    static String nameOf(Path file, RepositoryKeys keys, String where) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            int headerLen = headerLength(keys.encrypted());
            long trailerStart = trailerStart(ch, size, headerLen, where);
            java.security.MessageDigest md = Crypto.sha256();
            md.update(readFully(ch, 0, headerLen, where));
            md.update(readFully(ch, trailerStart, (int) (size - trailerStart), where));
            return Hex.of(md.digest());
        } catch (IOException e) {
            throw AtomicFiles.io("cannot read pack", file, e);
        }
    }

    /** {@return where the trailer starts, read from the footer and checked against the pack's size} */
    private static long trailerStart(FileChannel ch, long size, int headerLen, String where) throws IOException {
        if (size < headerLen + FOOTER_BYTES) {
            throw RepositoryException.corrupt("pack of " + size + " bytes has no footer", where);
        }
        byte[] footer = readFully(ch, size - FOOTER_BYTES, FOOTER_BYTES, where);
        BoundedReader fr = new BoundedReader(footer, where + " footer");
        long trailerLength = Integer.toUnsignedLong(fr.u32("trailer length"));
        fr.expect(END_MAGIC, "Cairn pack footer");
        long trailerStart = size - FOOTER_BYTES - trailerLength;
        if (trailerLength > MAX_TRAILER || trailerStart < headerLen) {
            throw RepositoryException.corrupt("pack trailer length " + trailerLength + " does not fit the pack of " + size + " bytes", where);
        }
        return trailerStart;
    }

    /**
     * Reads a pack that no index lists, for reuse: its framing must hash to its name and every blob
     * must authenticate, decompress and hash to its id.
     *
     * @return the pack's blobs
     * @throws RepositoryException CORRUPT naming what is wrong
     */
    static List<BlobLocation> readSound(Path file, String packName, RepositoryKeys keys, BlobCodec codec, String where) {
        if (!nameOf(file, keys, where).equals(packName)) {
            throw RepositoryException.corrupt("pack does not hash to its name (damaged or replaced)", where);
        }
        List<BlobLocation> blobs = readTrailer(file, packName, keys, where);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            byte[] sessionKey = readHeader(ch, keys, where);
            for (BlobLocation b : blobs) {
                String at = where + " at offset " + b.offset();
                codec.decode(b, readFully(ch, b.offset(), b.storedLength(), at), sessionKey, at);
            }
        } catch (IOException e) {
            throw AtomicFiles.io("cannot read pack", file, e);
        }
        return blobs;
    }

    /**
     * Reads a pack's own list of blobs from its trailer, checking every entry lies between the header
     * and the trailer.
     */
    static List<BlobLocation> readTrailer(Path file, String packName, RepositoryKeys keys, String where) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            byte[] sessionKey = readHeader(ch, keys, where);
            long size = ch.size();
            int headerLen = headerLength(keys.encrypted());
            long trailerStart = trailerStart(ch, size, headerLen, where);
            byte[] trailer = readFully(ch, trailerStart, (int) (size - FOOTER_BYTES - trailerStart), where);
            byte[] body;
            if (keys.encrypted()) {
                if (trailer.length < Crypto.NONCE_BYTES + Crypto.TAG_BYTES) {
                    throw RepositoryException.corrupt("encrypted pack trailer is too short", where);
                }
                body = Crypto.open(sessionKey, Arrays.copyOf(trailer, Crypto.NONCE_BYTES), TRAILER_AAD, trailer,
                        Crypto.NONCE_BYTES, trailer.length - Crypto.NONCE_BYTES, "pack trailer", where);
            } else {
                body = trailer;
            }
            BoundedReader r = new BoundedReader(body, where + " trailer");
            int count = r.length("blob count", (body.length - 4) / ENTRY_BYTES);
            List<BlobLocation> blobs = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                blobs.add(readEntry(r, packName, headerLen, trailerStart));
            }
            r.expectEnd("pack trailer");
            return blobs;
        } catch (IOException e) {
            throw AtomicFiles.io("cannot read pack", file, e);
        }
    }

    /** Reads one 50-byte entry and checks it lies within {@code [dataStart, dataEnd)}. */
    static BlobLocation readEntry(BoundedReader r, String packName, long dataStart, long dataEnd) {
        int type = r.u8("blob type");
        int compression = r.u8("compression");
        byte[] id = r.bytes(32, "blob id");
        long offset = r.u64("blob offset");
        int rawLength = 0;
        long stored = Integer.toUnsignedLong(r.u32("stored length"));
        rawLength = r.length("raw length", ChunkerParams.MAX_BLOB);
        if (!BlobCodec.knownType(type) || !BlobCodec.knownCompression(compression)) {
            throw r.corrupt("unknown blob type " + type + " or compression " + compression);
        }
        if (offset < dataStart || stored > BlobCodec.maxStoredLength(rawLength) || offset + stored > dataEnd) {
            throw r.corrupt("blob at " + offset + " (" + stored + " bytes) lies outside the pack's data " + dataStart + ".." + dataEnd);
        }
        return new BlobLocation(id, packName, type, compression, offset, (int) stored, rawLength);
    }

    static byte[] readFully(FileChannel ch, long position, int length, String where) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        long pos = position;
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos);
            if (r < 0) {
                throw RepositoryException.corrupt("pack ends before offset " + (position + length), where);
            }
            pos += r;
        }
        return buf.array();
    }
}
