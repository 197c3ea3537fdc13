package dev.cairn.units.db.internal;

import dev.cairn.framework.unit.ContentSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A database item's content: the consistent copy, made when the engine first opens the item and opened
 * again, not made again, on later opens. The engine opens a database twice when the repository has no
 * page dictionary yet (once to sample pages across it, once to store it); a second copy would cost a
 * second pass through SQLite over the whole database and could differ from the first. A copy that failed
 * fails every later open with the same exception.
 */
final class CopyOnFirstOpen implements ContentSource {

    /** Makes the copy. */
    @FunctionalInterface
    interface Copier {
        /** {@return the copy's path} */
        Path copy() throws IOException;
    }

    private final Copier copier;
    private Path copy;
    private IOException failure;

    CopyOnFirstOpen(Copier copier) {
        this.copier = copier;
    }

    @Override
    public synchronized InputStream open() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (copy == null) {
            try {
                copy = copier.copy();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
        return Files.newInputStream(copy);
    }
}
