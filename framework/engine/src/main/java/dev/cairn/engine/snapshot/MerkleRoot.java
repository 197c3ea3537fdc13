package dev.cairn.engine.snapshot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The Merkle root of a snapshot's items. Leaves are {@code SHA-256(0x00 || leafText)} with
 * {@code leafText = type \n path \n size \n sha256 \n mode \n target} (UTF-8; size and mode in decimal,
 * mode may be -1; an absent sha256 or target is the empty string), taken in ascending order of path bytes; an inner node is
 * {@code SHA-256(0x01 || left || right)}; a node without a partner is carried up unchanged; the root
 * of no items is {@code SHA-256("")}. The same definition is written down in docs/REPOSITORY.md so an
 * independent reader can reproduce it.
 */
public final class MerkleRoot {

    private MerkleRoot() {
    }

    /** {@return the root hash (64 hex) of {@code items}} */
    public static String of(List<ManifestItem> items) {
        // Each path's bytes are made once (not twice per comparison), and one digest serves every node.
        record Keyed(byte[] path, ManifestItem item) { }
        List<Keyed> sorted = new ArrayList<>(items.size());
        for (ManifestItem item : items) {
            sorted.add(new Keyed(item.path().getBytes(StandardCharsets.UTF_8), item));
        }
        sorted.sort((x, y) -> java.util.Arrays.compareUnsigned(x.path(), y.path()));
        MessageDigest md = sha256();
        List<byte[]> level = new ArrayList<>(sorted.size());
        for (Keyed k : sorted) {
            level.add(leaf(k.item(), md));
        }
        if (level.isEmpty()) {
            return HexFormat.of().formatHex(md.digest());
        }
        while (level.size() > 1) {
            List<byte[]> next = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i < level.size(); i += 2) {
                if (i + 1 == level.size()) {
                    next.add(level.get(i));
                } else {
                    md.update((byte) 1);
                    md.update(level.get(i));
                    md.update(level.get(i + 1));
                    next.add(md.digest());
                }
            }
            level = next;
        }
        return HexFormat.of().formatHex(level.get(0));
    }

    private static byte[] leaf(ManifestItem item, MessageDigest md) {
        String text = item.type() + "\n" + item.path() + "\n" + item.size() + "\n"
                + (item.sha256() == null ? "" : item.sha256()) + "\n" + item.mode() + "\n"
                + (item.target() == null ? "" : item.target());
        md.update((byte) 0);
        md.update(text.getBytes(StandardCharsets.UTF_8));
        return md.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
