package dev.cairn.engine.archiver;

import java.io.IOException;

/** An I/O error while reading an item's source (as opposed to storing it): the item is skipped with an issue. */
final class SourceReadException extends IOException {

    private static final long serialVersionUID = 1L;

    SourceReadException(IOException cause) {
        super(cause.getMessage(), cause);
    }
}
