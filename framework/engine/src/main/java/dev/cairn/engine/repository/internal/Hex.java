package dev.cairn.engine.repository.internal;

import java.util.HexFormat;

/** Lower-case hex for ids and names. */
final class Hex {

    private static final HexFormat HEX = HexFormat.of();

    private Hex() {
    }

    static String of(byte[] b) {
        return HEX.formatHex(b);
    }

    /** {@return whether {@code s} is exactly 64 lower-case hex characters} */
    static boolean isId(String s) {
        if (s == null || s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** {@return the 32 bytes of a 64-hex id} @throws IllegalArgumentException when it is not one */
    static byte[] id(String s) {
        if (!isId(s)) {
            throw new IllegalArgumentException("not a 64-character lower-case hex id: " + s);
        }
        return HEX.parseHex(s);
    }
}
