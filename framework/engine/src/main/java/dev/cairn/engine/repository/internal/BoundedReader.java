package dev.cairn.engine.repository.internal;

import dev.cairn.engine.repository.RepositoryException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads big-endian fields from repository bytes that are treated as hostile: every read is checked
 * against the bytes that remain, and every length field against a caller-given bound, before
 * anything is allocated. Failures are {@link RepositoryException#corrupt corruption errors} naming
 * the file and the offset.
 */
final class BoundedReader {

    private final byte[] bytes;
    private final int end;
    private final String where;
    private int pos;

    BoundedReader(byte[] bytes, String where) {
        this(bytes, 0, bytes.length, where);
    }

    BoundedReader(byte[] bytes, int offset, int length, String where) {
        this.bytes = bytes;
        this.pos = offset;
        this.end = offset + length;
        this.where = where;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return end - pos;
    }

    private void need(int n, String what) {
        if (n < 0 || end - pos < n) {
            throw corrupt("truncated: " + what + " needs " + n + " bytes, " + (end - pos) + " left");
        }
    }

    RepositoryException corrupt(String message) {
        return RepositoryException.corrupt(message, where + " at offset " + pos);
    }

    int u8(String what) {
        need(1, what);
        return bytes[pos++] & 0xff;
    }

    int u32(String what) {
        need(4, what);
        int v = ((bytes[pos] & 0xff) << 24) | ((bytes[pos + 1] & 0xff) << 16) | ((bytes[pos + 2] & 0xff) << 8) | (bytes[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    /** Reads an unsigned 32-bit length and checks {@code 0 <= value <= max}. */
    int length(String what, long max) {
        long v = Integer.toUnsignedLong(u32(what));
        if (v > max) {
            pos -= 4;
            throw corrupt(what + " " + v + " exceeds the limit " + max);
        }
        return (int) v;
    }

    long u64(String what) {
        need(8, what);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (bytes[pos + i] & 0xff);
        }
        pos += 8;
        return v;
    }

    byte[] bytes(int n, String what) {
        need(n, what);
        byte[] out = Arrays.copyOfRange(bytes, pos, pos + n);
        pos += n;
        return out;
    }

    /** {@return the next {@code n} bytes decoded as UTF-8} */
    String utf8(int n, String what) {
        need(n, what);
        String s = new String(bytes, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** Checks that the next bytes equal {@code expected} (a magic number). */
    void expect(byte[] expected, String what) {
        need(expected.length, what);
        if (!Arrays.equals(bytes, pos, pos + expected.length, expected, 0, expected.length)) {
            throw corrupt("not a " + what + " (bad magic " + new String(bytes, pos, expected.length, StandardCharsets.ISO_8859_1).replaceAll("[^ -~]", "?") + ")");
        }
        pos += expected.length;
    }

    void expectEnd(String what) {
        if (pos != end) {
            throw corrupt((end - pos) + " unexpected bytes after " + what);
        }
    }
}
