package dev.cairn.engine.audit;

import dev.cairn.framework.CairnException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The keyed hash chain: {@code h_0} is 32 zero bytes and
 * {@code h_n = HMAC-SHA256(key, h_(n-1) || canonical(event_n))}. The canonical form is
 * {@code "cairn-audit-event/1" 0x00}, the sequence number as 8 bytes big-endian, then six fields
 * (time, type, actor, host, snapshot id, summary, in that order) each as a 4-byte big-endian length
 * followed by its UTF-8 bytes, with length {@code 0xFFFFFFFF} and no bytes for an absent value.
 * The head seal is authenticated as {@code HMAC-SHA256(key, "cairn-audit-head/1" 0x00 || count(8) || h_count)}.
 */
final class EventChain {

    /** The hash before the first event. */
    static final byte[] GENESIS = new byte[32];

    private static final byte[] EVENT_DOMAIN = "cairn-audit-event/1\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEAD_DOMAIN = "cairn-audit-head/1\0".getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;

    EventChain(byte[] key) {
        if (key == null || key.length != 32) {
            throw new CairnException(CairnException.Kind.CONFIG,
                    "the audit key must be 32 bytes, got " + (key == null ? "none" : key.length));
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** {@return {@code h_seq} for {@code row} following {@code previous}} */
    byte[] link(byte[] previous, StoredRow row) {
        Mac mac = mac();
        mac.update(previous);
        mac.update(canonical(row));
        return mac.doFinal();
    }

    /** {@return the MAC that seals a head of {@code count} events ending in {@code head}} */
    byte[] sealMac(long count, byte[] head) {
        Mac mac = mac();
        mac.update(HEAD_DOMAIN);
        mac.update(ByteBuffer.allocate(8).putLong(count).array());
        mac.update(head);
        return mac.doFinal();
    }

    /** {@return the canonical bytes of {@code row} (its stored hash is not part of them)} */
    static byte[] canonical(StoredRow row) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(EVENT_DOMAIN);
        out.writeBytes(ByteBuffer.allocate(8).putLong(row.seq()).array());
        for (String field : new String[] {row.time(), row.type(), row.actor(), row.host(), row.snapshotId(), row.summary()}) {
            if (field == null) {
                out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
            } else {
                byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
                out.writeBytes(ByteBuffer.allocate(4).putInt(utf8.length).array());
                out.writeBytes(utf8);
            }
        }
        return out.toByteArray();
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** {@return the bytes of a 64-hex hash, or {@code null} when {@code text} is not one} */
    static byte[] unhex(String text) {
        if (text == null || text.length() != 64 || !text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return null;
        }
        return HEX.parseHex(text);
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
