package dev.cairn.framework.unit;

import java.io.IOException;
import java.io.InputStream;

/** Opens the bytes of a file item. Each call opens a fresh stream positioned at the start. */
@FunctionalInterface
public interface ContentSource {

    /**
     * {@return a new stream over the content; the caller closes it}
     *
     * @throws java.nio.file.NoSuchFileException when the source vanished
     * @throws IOException when it cannot be read
     */
    InputStream open() throws IOException;
}
