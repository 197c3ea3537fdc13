package dev.cairn.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Describes every entry below a directory (not following links): type, permissions, and for files
 * the size, SHA-256 and modification time, for links the target. Directory modification times are
 * left out on purpose: renaming an entry in or out of a directory changes its time, so no
 * rename-based restore or rollback can keep it.
 */
public final class TreeFingerprint {

    private TreeFingerprint() {
    }

    /** {@return install-relative path to description, sorted} */
    public static Map<String, String> of(Path root) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.equals(root)).forEach(p -> out.put(root.relativize(p).toString(), describe(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String describe(Path p) {
        try {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isSymbolicLink()) {
                return "link -> " + Files.readSymbolicLink(p);
            }
            String perms = PosixFilePermissions.toString(a.permissions());
            if (a.isDirectory()) {
                return "dir " + perms;
            }
            return "file " + perms + " " + a.size() + " " + sha256(p) + " mtime " + a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return the SHA-256 of a file, hex} */
    public static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
