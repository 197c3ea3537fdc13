package dev.cairn.units.db.internal;

import dev.cairn.framework.CairnException;
import dev.cairn.framework.Issue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Turns the install-relative paths and globs of the install profile into the database files that exist
 * now. It only lists directories and reads file attributes: it never opens a file, so it is safe for
 * the side-effect-free plan and never disturbs the POSIX locks SQLite holds in this process.
 *
 * <p>Companion files ({@code -wal}, {@code -shm}, {@code -journal}) are never databases of their own,
 * even when a glob such as {@code data/*} matches them.
 */
final class DatabaseFinder {

    /**
     * A database file found under the install root.
     *
     * @param itemPath install-relative path with {@code /} separators
     * @param file     the absolute file
     */
    record Database(String itemPath, Path file) { }

    /**
     * What the paths resolved to.
     *
     * @param databases the existing database files, sorted by item path, without duplicates
     * @param issues    configured paths that matched nothing or are not regular files
     */
    record Result(List<Database> databases, List<Issue> issues) { }

    private final String unitId;
    private final Set<String> companionSuffixes;

    DatabaseFinder(String unitId, Set<String> companionSuffixes) {
        this.unitId = unitId;
        this.companionSuffixes = companionSuffixes;
    }

    /**
     * Resolves {@code paths} under {@code installRoot}, leaving out what {@code excludes} match.
     *
     * @throws CairnException of kind {@link CairnException.Kind#CONFIG} for a path that is absolute or leaves the install
     */
    Result find(Path installRoot, List<String> paths, List<String> excludes) {
        Path root = installRoot.toAbsolutePath().normalize();
        List<PathMatcher> excluded = excludes.stream().map(DatabaseFinder::glob).toList();
        TreeMap<String, Database> found = new TreeMap<>();
        List<Issue> issues = new ArrayList<>();
        for (String entry : paths) {
            String pattern = checked(entry);
            List<Path> candidates = isGlob(pattern) ? expand(root, pattern) : List.of(root.resolve(pattern));
            if (candidates.isEmpty()) {
                issues.add(Issue.warning(unitId, pattern, "no database matches this path"));
            }
            for (Path file : candidates) {
                String itemPath = itemPath(root, file);
                if (excluded.stream().anyMatch(m -> m.matches(Path.of(itemPath)))) {
                    continue;
                }
                if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    issues.add(Issue.warning(unitId, itemPath, "database does not exist"));
                } else if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    issues.add(Issue.warning(unitId, itemPath, "not a regular file (a directory or a link); skipped"));
                } else if (isGlob(pattern) && isCompanion(itemPath)) {
                    continue;
                } else {
                    found.putIfAbsent(itemPath, new Database(itemPath, file));
                }
            }
        }
        return new Result(List.copyOf(found.values()), issues);
    }

    private boolean isCompanion(String itemPath) {
        return companionSuffixes.stream().anyMatch(itemPath::endsWith);
    }

    private String checked(String entry) {
        String p = entry == null ? "" : entry.trim();
        if (p.isEmpty() || p.startsWith("/") || p.contains("\\") || p.indexOf('\0') >= 0 || Path.of(p).isAbsolute()) {
            throw new CairnException(CairnException.Kind.CONFIG,
                    "database path '" + entry + "' must be a non-empty install-relative path");
        }
        for (String segment : p.split("/")) {
            if (segment.equals("..")) {
                throw new CairnException(CairnException.Kind.CONFIG,
                        "database path '" + entry + "' must not leave the install root");
            }
        }
        return p;
    }

    private static boolean isGlob(String pattern) {
        return pattern.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /** Walks only below the part of the pattern before its first glob segment. */
    private static List<Path> expand(Path root, String pattern) {
        String[] segments = pattern.split("/");
        Path base = root;
        int depth = 0;
        while (depth < segments.length - 1 && !isGlob(segments[depth])) {
            base = base.resolve(segments[depth]);
            depth++;
        }
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        PathMatcher matcher = glob(pattern);
        boolean recursive = pattern.contains("**");
        int maxDepth = recursive ? Integer.MAX_VALUE : segments.length - depth;
        try (Stream<Path> walk = Files.walk(base, maxDepth)) {
            return walk.filter(p -> !p.equals(root) && matcher.matches(Path.of(itemPath(root, p)))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + base, e);
        }
    }

    private static PathMatcher glob(String pattern) {
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    }

    private static String itemPath(Path root, Path file) {
        return root.relativize(file.toAbsolutePath().normalize()).toString().replace(java.io.File.separatorChar, '/');
    }
}
