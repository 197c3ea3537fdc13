package dev.cairn.engine.repository.internal;

import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.framework.CairnException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Durable publication: every repository file is written to a temporary file ({@code .tmp-*}) in the
 * target's directory, forced to disk, atomically renamed into place, and then the directory is forced.
 * Any failure deletes the temporary file, publishes nothing and throws a {@link RepositoryException}
 * of kind IO.
 */
final class AtomicFiles {

    static final String TEMP_PREFIX = ".tmp-";

    private AtomicFiles() {
    }

    static Path tempFile(Path dir) {
        return dir.resolve(TEMP_PREFIX + Hex.of(Crypto.random(12)));
    }

    /** Publishes {@code content} as {@code target}; fails when {@code target} exists and {@code replace} is false. */
    static void publish(Path target, byte[] content, boolean replace) {
        Path dir = target.getParent();
        Path temp = tempFile(dir);
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            move(temp, target, replace);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw io("cannot publish " + target.getFileName(), target, e);
        }
    }

    /** Publishes content-addressed {@code content} as {@code target} unless a file of that name (and so that content) exists. */
    static void publishIfAbsent(Path target, byte[] content) {
        if (!Files.exists(target)) {
            publish(target, content, true);
        }
    }

    /** Renames a finished, forced temporary file into place and forces the target's directory. */
    static void move(Path temp, Path target, boolean replace) throws IOException {
        if (!replace && Files.exists(target)) {
            throw new java.nio.file.FileAlreadyExistsException(target.toString());
        }
        if (replace) {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
        fsyncDir(target.getParent());
    }

    /** Forces a directory's entries to disk (where the platform allows opening a directory). */
    static void fsyncDir(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows")) {
                throw e;
            }
        }
    }

    /** Deletes a file and forces its directory. */
    static void deleteDurably(Path file) {
        try {
            Files.deleteIfExists(file);
            fsyncDir(file.getParent());
        } catch (IOException e) {
            throw io("cannot delete " + file.getFileName(), file, e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort: a leftover .tmp-* file is harmless and removed by prune
        }
    }

    static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw io("cannot create directory", dir, e);
        }
    }

    static RepositoryException io(String message, Path where, IOException cause) {
        return new RepositoryException(CairnException.Kind.IO, message + ": " + cause, String.valueOf(where), cause);
    }
}
