package com.example.hello.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks that a file is well-formed UTF-8, streaming it so a large file costs no more memory than a small one. */
final class Utf8Check {

    private static final int BUFFER_BYTES = 8192;

    private Utf8Check() {
    }

    /**
     * {@return the byte offset of the first malformed or truncated UTF-8 sequence in {@code file}, or
     * -1 when the whole file is well-formed}
     *
     * @throws IOException when the file cannot be read
     */
    static long firstMalformedByte(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(BUFFER_BYTES);
        CharBuffer out = CharBuffer.allocate(BUFFER_BYTES);
        long consumedBefore = 0; // bytes of the file that precede in's position 0
        boolean endOfInput = false;
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            while (!endOfInput) {
                endOfInput = channel.read(in) < 0;
                in.flip();
                CoderResult result;
                do {
                    result = decoder.decode(in, out, endOfInput);
                    if (result.isError()) {
                        return consumedBefore + in.position();
                    }
                    out.clear();
                } while (result.isOverflow());
                consumedBefore += in.position();
                in.compact();
            }
        }
        return -1;
    }
}
