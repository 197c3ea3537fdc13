package dev.cairn.units.logs.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Decompresses a gzip file to its end, discarding the output: every member's header, deflate data,
 * CRC-32 and length are checked. Memory use is one buffer whatever the file's size.
 */
final class GzipCheck {

    private GzipCheck() {
    }

    /**
     * {@return what is wrong with the gzip file, or empty when it decompresses cleanly}
     *
     * @throws IOException when the file itself cannot be opened
     */
    static Optional<String> check(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            try (GZIPInputStream gz = new GZIPInputStream(raw, 64 * 1024)) {
                byte[] buffer = new byte[64 * 1024];
                while (gz.read(buffer) >= 0) {
                    // decompressing to the end is the check
                }
                return Optional.empty();
            } catch (java.io.EOFException e) {
                return Optional.of("gzip data is truncated");
            } catch (java.util.zip.ZipException e) {
                return Optional.of("gzip data is corrupt: " + e.getMessage());
            }
        }
    }
}
