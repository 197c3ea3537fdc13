package dev.cairn.engine.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;

/**
 * The sealed head {@code head.seal}: the number of events and the last hash, authenticated with the
 * audit key, so that cutting the same tail off both the database and {@code chain.log} is detected.
 * Rewritten after every append by writing a temporary file, forcing it, renaming it over the old one
 * and forcing the directory. Format (ASCII): {@code cairn-audit-head/1\ncount N\nhead HEX\nmac HEX\n}.
 */
final class HeadSeal {

    private static final String MAGIC = "cairn-audit-head/1";

    /**
     * A seal as read.
     *
     * @param count     events the seal vouches for
     * @param head      {@code h_count}, 64 hex
     * @param authentic whether its MAC checks out under the key
     */
    record State(long count, String head, boolean authentic) { }

    private final Path file;
    private final EventChain chain;

    HeadSeal(Path file, EventChain chain) {
        this.file = file;
        this.chain = chain;
    }

    Path path() {
        return file;
    }

    boolean exists() {
        return Files.exists(file);
    }

    /**
     * {@return the seal, or {@code null} when there is none}; a seal that does not parse is returned
     * as not authentic with count -1.
     */
    State read() throws IOException {
        List<String> lines;
        try {
            if (Files.size(file) > 1024) {
                return new State(-1, "", false);
            }
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException missing) {
            return null;
        }
        if (lines.size() != 4 || !lines.get(0).equals(MAGIC) || !lines.get(1).startsWith("count ")
                || !lines.get(2).startsWith("head ") || !lines.get(3).startsWith("mac ")) {
            return new State(-1, "", false);
        }
        long count;
        try {
            count = Long.parseLong(lines.get(1).substring(6));
        } catch (NumberFormatException e) {
            return new State(-1, "", false);
        }
        String head = lines.get(2).substring(5);
        byte[] headBytes = EventChain.unhex(head);
        byte[] mac = EventChain.unhex(lines.get(3).substring(4));
        boolean authentic = count >= 0 && headBytes != null && mac != null
                && MessageDigest.isEqual(mac, chain.sealMac(count, headBytes));
        return new State(count, head, authentic);
    }

    /** Seals {@code count} events ending in {@code head}, durably and atomically. */
    void write(long count, byte[] head) throws IOException {
        String text = MAGIC + "\ncount " + count + "\nhead " + EventChain.hex(head)
                + "\nmac " + EventChain.hex(chain.sealMac(count, head)) + "\n";
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory(file.getParent());
    }

    /** Forces a directory's entries to disk where the platform allows opening a directory. */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException notOnThisPlatform) {
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw notOnThisPlatform instanceof IOException io ? io : new IOException(notOnThisPlatform);
            }
        }
    }
}
