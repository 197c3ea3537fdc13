package dev.cairn.framework.unit;

import java.util.Objects;

/**
 * One entry a unit streams into its {@link ItemSink}: a file with content, a directory, or a
 * symbolic link. Paths are install-relative with {@code /} separators and never contain
 * {@code ..}, a leading {@code /} or empty segments.
 */
public sealed interface Item permits Item.File, Item.Directory, Item.Symlink {

    /** {@return the install-relative path} */
    String path();

    /** {@return the metadata recorded and restored} */
    FileMetadata metadata();

    /**
     * A regular file.
     *
     * @param path       install-relative path
     * @param metadata   metadata taken before reading; strategies compare it with the baseline's to decide
     *                   whether the content may be taken unread, so it must change whenever the content may
     *                   have (its size may differ from the content's, e.g. a database plus its {@code -wal}
     *                   stored as one consistent copy; the manifest then keeps it as {@code source_size})
     * @param content    opens the bytes to store; may differ from the live file (e.g. a consistent database copy)
     * @param chunking   how to cut this file, or {@code null} for the unit's default
     * @param appendOnly whether the file only grows (a log): the engine may read only the new tail
     *                   when the previously stored end is still the same
     */
    record File(String path, FileMetadata metadata, ContentSource content, ChunkingPolicy chunking, boolean appendOnly)
            implements Item {
        public File {
            checkPath(path);
            Objects.requireNonNull(metadata, "metadata");
            Objects.requireNonNull(content, "content");
        }

        /** {@return a file item with the unit's default chunking} */
        public static File of(String path, FileMetadata metadata, ContentSource content) {
            return new File(path, metadata, content, null, false);
        }
    }

    /** A directory (recorded so empty directories and their modes are restored). */
    record Directory(String path, FileMetadata metadata) implements Item {
        public Directory {
            checkPath(path);
            Objects.requireNonNull(metadata, "metadata");
        }
    }

    /** A symbolic link; its target is stored verbatim and never followed. */
    record Symlink(String path, String target, FileMetadata metadata) implements Item {
        public Symlink {
            checkPath(path);
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(metadata, "metadata");
        }
    }

    /**
     * Checks that {@code path} is a clean install-relative path.
     *
     * @throws IllegalArgumentException when it is not
     */
    static void checkPath(String path) {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("\\")
                || path.contains("//") || path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a clean install-relative path: '" + path + "'");
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new IllegalArgumentException("path must not contain '.' or '..' segments: '" + path + "'");
            }
        }
    }
}
