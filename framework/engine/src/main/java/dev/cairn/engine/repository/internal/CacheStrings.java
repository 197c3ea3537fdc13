package dev.cairn.engine.repository.internal;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Strings in the binary entries of the local caches ({@link ItemsCodec}, {@link FactsCodec}): a u32 tag,
 * {@code 0xFFFFFFFF} for absent, {@code 0xFFFFFFFE} followed by the 32 bytes of a 64-digit lowercase hex
 * id (hashes and ids, half the size of their text), else the length of the UTF-8 bytes that follow.
 */
final class CacheStrings {

    private static final int ABSENT = -1;
    private static final int HEX_ID = -2;
    private static final int ID_BYTES = 32;
    private static final HexFormat HEX = HexFormat.of();

    private CacheStrings() {
    }

    static void write(ByteWriter w, String s) {
        if (s == null) {
            w.u32(ABSENT);
        } else if (isLowercaseHexId(s)) {
            w.u32(HEX_ID).bytes(HEX.parseHex(s));
        } else {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            w.u32(utf8.length).bytes(utf8);
        }
    }

    /** {@return the next string, or {@code null} when absent} */
    static String read(BoundedReader r, String what) {
        int tag = r.u32(what);
        if (tag == ABSENT) {
            return null;
        }
        if (tag == HEX_ID) {
            return HEX.formatHex(r.bytes(ID_BYTES, what));
        }
        if (tag < 0) {
            throw r.corrupt(what + " has the unknown tag " + Integer.toUnsignedString(tag));
        }
        return r.utf8(tag, what);
    }

    /** {@return the next string, refusing an absent one} */
    static String readPresent(BoundedReader r, String what) {
        String s = read(r, what);
        if (s == null) {
            throw r.corrupt(what + " is absent");
        }
        return s;
    }

    /** Writes a list's size, {@code 0xFFFFFFFF} for an absent list. */
    static void writeCount(ByteWriter w, java.util.Collection<?> list) {
        w.u32(list == null ? ABSENT : list.size());
    }

    /**
     * {@return a list's size, or -1 for an absent list, refusing one whose elements cannot fit the bytes
     * left at {@code minBytes} an element}
     */
    static int readCount(BoundedReader r, String what, int minBytes) {
        int n = r.u32(what);
        if (n == ABSENT) {
            return -1;
        }
        if (n < 0 || n > r.remaining() / minBytes) {
            throw r.corrupt(what + " " + Integer.toUnsignedString(n) + " cannot fit the " + r.remaining() + " bytes left");
        }
        return n;
    }

    private static boolean isLowercaseHexId(String s) {
        if (s.length() != 2 * ID_BYTES) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
