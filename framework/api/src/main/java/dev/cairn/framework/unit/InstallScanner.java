package dev.cairn.framework.unit;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Looks through an install root for {@link BackupUnit#suggest}: walks it read-only without following
 * symbolic links, skipping unreadable directories and version-control or dependency caches
 * ({@code .git, .hg, .svn, node_modules, __pycache__}), and collects the paths a {@link Filter} picks.
 *
 * <p>The walk is bounded: it goes at most {@code maxDepth} levels deep and stops after
 * {@value #MAX_VISITED} entries, so {@code cairn init} stays quick on a large install.
 */
public final class InstallScanner {

    /** The most entries one scan looks at. */
    public static final int MAX_VISITED = 200_000;

    private static final Set<String> SKIPPED_NAMES = Set.of(".git", ".hg", ".svn", "node_modules", "__pycache__");

    /** What to do with a directory met by a scan. */
    public enum DirectoryDecision {
        /** Suggest the directory as a whole; its contents are not looked at. */
        SUGGEST,
        /** Look inside it. */
        DESCEND,
        /** Leave it and its contents out. */
        SKIP
    }

    /** Picks what a scan suggests. */
    public interface Filter {

        /**
         * {@return what to do with a directory; by default {@link DirectoryDecision#DESCEND}}
         *
         * @param path  install-relative path
         * @param attrs its attributes
         */
        default DirectoryDecision directory(String path, BasicFileAttributes attrs) {
            return DirectoryDecision.DESCEND;
        }

        /**
         * {@return whether to suggest a regular file}
         *
         * @param path  install-relative path
         * @param attrs its attributes
         */
        boolean file(String path, BasicFileAttributes attrs);
    }

    private InstallScanner() {
    }

    /**
     * Scans {@code installRoot}.
     *
     * @param installRoot the install's root; when it is not a directory the result is empty
     * @param maxDepth    how many levels below the root to look at (1 = the root's own entries)
     * @param filter      picks the suggestions
     * @return the suggested install-relative paths, sorted, never overlapping (nothing below a
     *         suggested directory is suggested)
     */
    public static List<String> scan(Path installRoot, int maxDepth, Filter filter) {
        Objects.requireNonNull(filter, "filter");
        Path root = installRoot.toAbsolutePath().normalize();
        List<String> found = new ArrayList<>();
        if (!Files.isDirectory(root) || maxDepth < 1) {
            return found;
        }
        try {
            Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), maxDepth, new SimpleFileVisitor<>() {
                private int visited;

                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(root)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (++visited > MAX_VISITED) {
                        return FileVisitResult.TERMINATE;
                    }
                    if (SKIPPED_NAMES.contains(dir.getFileName().toString())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    String path = relative(root, dir);
                    return switch (filter.directory(path, attrs)) {
                        case SUGGEST -> {
                            found.add(path);
                            yield FileVisitResult.SKIP_SUBTREE;
                        }
                        case DESCEND -> FileVisitResult.CONTINUE;
                        case SKIP -> FileVisitResult.SKIP_SUBTREE;
                    };
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (++visited > MAX_VISITED) {
                        return FileVisitResult.TERMINATE;
                    }
                    String path = relative(root, file);
                    if (attrs.isDirectory()) {
                        // a directory at the depth limit: offered to the filter, never entered
                        if (!SKIPPED_NAMES.contains(file.getFileName().toString())
                                && filter.directory(path, attrs) == DirectoryDecision.SUGGEST) {
                            found.add(path);
                        }
                    } else if (attrs.isRegularFile() && filter.file(path, attrs)) {
                        found.add(path);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException failure) {
                    return FileVisitResult.CONTINUE;   // unreadable: nothing to suggest from it
                }
            });
        } catch (IOException e) {
            // the visitor swallows per-entry failures; what is left is a failure at the root: suggest what was found
        }
        found.removeIf(p -> {
            try {
                Item.checkPath(p);
                return false;
            } catch (IllegalArgumentException notRepresentable) {
                return true;
            }
        });
        found.sort(FileTreeWalker.PATH_ORDER);
        return List.copyOf(found);
    }

    private static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
    }
}
