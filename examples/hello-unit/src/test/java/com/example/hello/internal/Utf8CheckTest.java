package com.example.hello.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The streaming UTF-8 check reports the exact offset of the first bad byte, across buffer boundaries. */
class Utf8CheckTest {

    @Test
    void emptyAndWellFormedFilesPass(@TempDir Path dir) throws Exception {
        assertEquals(-1, Utf8Check.firstMalformedByte(Files.write(dir.resolve("empty"), new byte[0])));
        assertEquals(-1, Utf8Check.firstMalformedByte(Files.writeString(dir.resolve("ok"), "a€𝄞ü\n")));
    }

    @Test
    void multiByteCharactersStraddlingEveryBufferBoundaryPass(@TempDir Path dir) throws Exception {
        // 3-byte characters after 0, 1 and 2 ASCII bytes: one of them crosses each 8 KiB buffer boundary
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 40_000; i++) {
            text.append("x".repeat(i % 3)).append('€');
        }
        Path file = Files.writeString(dir.resolve("long"), text);

        assertEquals(-1, Utf8Check.firstMalformedByte(file));
    }

    @Test
    void reportsTheOffsetOfABadByteFarIntoTheFile(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("ab€".repeat(4000).getBytes(StandardCharsets.UTF_8)); // 20,000 bytes
        bytes.write(0xFF);
        bytes.writeBytes("tail".getBytes(StandardCharsets.UTF_8));
        Path file = Files.write(dir.resolve("bad"), bytes.toByteArray());

        assertEquals(20_000, Utf8Check.firstMalformedByte(file));
    }

    @Test
    void reportsASequenceTruncatedByTheEndOfTheFile(@TempDir Path dir) throws Exception {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        byte[] content = {'o', 'k', euro[0], euro[1]};
        Path file = Files.write(dir.resolve("truncated"), content);

        assertEquals(2, Utf8Check.firstMalformedByte(file));
    }
}
