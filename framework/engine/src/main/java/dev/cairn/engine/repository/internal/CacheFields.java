package dev.cairn.engine.repository.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * Strings and lists in the binary entries of the local caches ({@link ItemsCodec}, {@link FactsCodec}).
 * A string is a u32 tag, {@code 0xFFFFFFFF} for absent, {@code 0xFFFFFFFE} followed by the 32 bytes of a
 * 64-digit lowercase hex id (hashes and ids, half the size of their text), else the length of the UTF-8
 * bytes that follow. A list is a u32 count ({@code 0xFFFFFFFF} for absent) and its elements.
 */
final class CacheFields {

    private static final int ABSENT = -1;
    private static final int HEX_ID = -2;
    private static final int ID_BYTES = 32;
    private static final HexFormat HEX = HexFormat.of();

    private CacheFields() {
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
     * {@return the next list, or {@code null} when absent, its elements read by {@code element}}; a count
     * whose elements cannot fit the bytes left at {@code minBytes} an element is refused before allocating
     */
    static <T> List<T> readList(BoundedReader r, String what, int minBytes, Function<BoundedReader, T> element) {
        int n = r.u32(what);
        if (n == ABSENT) {
            return null;
        }
        if (n < 0 || n > r.remaining() / minBytes) {
            throw r.corrupt(what + " " + Integer.toUnsignedString(n) + " cannot fit the " + r.remaining() + " bytes left");
        }
        List<T> list = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            list.add(element.apply(r));
        }
        return list;
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
