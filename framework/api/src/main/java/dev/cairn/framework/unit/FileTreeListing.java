package dev.cairn.framework.unit;

import dev.cairn.framework.CairnException;
import dev.cairn.framework.Issue;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The entries a unit's configured paths select, found without side effects: the shared first step
 * of {@link FileTreeSupport#plan} and {@link FileTreeSupport#backup}, so both always agree.
 *
 * @param entries the selected entries by install-relative path, parents before children
 * @param issues  problems met while looking, in the order met
 */
record FileTreeListing(SortedMap<String, Entry> entries, List<Issue> issues) {

    /** Orders paths segment by segment, so a directory comes right before its contents. */
    static final Comparator<String> PATH_ORDER = (a, b) -> {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return x == '/' ? -1 : y == '/' ? 1 : Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    };

    /** The kinds of entries a listing holds. */
    enum Kind { FILE, DIRECTORY, SYMLINK }

    /**
     * One selected entry.
     *
     * @param path the install-relative path
     * @param file the file on disk
     * @param kind what it was when listed
     * @param size its size when listed (0 unless a file)
     */
    record Entry(String path, Path file, Kind kind, long size) { }

    /**
     * Lists what the context's paths select.
     *
     * @throws CairnException of kind {@link CairnException.Kind#CONFIG} when a path or exclude is
     *                        malformed or escapes the install root, or the install root is not a directory
     */
    static FileTreeListing of(UnitContext ctx) {
        return new Lister(ctx).list();
    }

    /** Walks the configured paths of one context; single use. */
    private static final class Lister {
        private final UnitContext ctx;
        private final Path root;
        private final Path realRoot;
        private final Excludes excludes;
        private final SortedMap<String, Entry> entries = new TreeMap<>(PATH_ORDER);
        private final List<Issue> issues = new ArrayList<>();

        Lister(UnitContext ctx) {
            this.ctx = ctx;
            this.root = ctx.installRoot().toAbsolutePath().normalize();
            if (!Files.isDirectory(root)) {
                throw new CairnException(CairnException.Kind.CONFIG, "install root " + root + " is not a directory");
            }
            try {
                this.realRoot = root.toRealPath();
            } catch (IOException e) {
                throw new CairnException(CairnException.Kind.IO, "cannot resolve install root " + root + ": " + e.getMessage(), e);
            }
            this.excludes = new Excludes(ctx.excludes());
        }

        FileTreeListing list() {
            for (String configured : ctx.paths()) {
                ctx.cancellation().throwIfCancelled();
                if (PathGlob.isGlob(configured)) {
                    listGlob(configured);
                } else {
                    listLiteral(configured);
                }
            }
            return new FileTreeListing(Collections.unmodifiableSortedMap(entries), List.copyOf(issues));
        }

        private void listLiteral(String configured) {
            String rel = normalize(configured);
            Path start = rel.isEmpty() ? root : root.resolve(rel);
            checkInsideRoot(configured, start.equals(root) ? root : start.getParent());
            if (!Files.exists(start, LinkOption.NOFOLLOW_LINKS)) {
                issues.add(Issue.warning(ctx.unitId(), rel.isEmpty() ? "." : rel,
                        "configured path does not exist; nothing backed up for it"));
                return;
            }
            if (rel.isEmpty()) {
                walk(root, rel, null);   // the install root itself: its contents, not an entry for it
            } else if (!excludes.excludesOrAncestor(rel)) {
                if (Files.isSymbolicLink(start)) {
                    issues.add(new Issue(Issue.Severity.INFO, ctx.unitId(), rel,
                            "configured path is a symbolic link; the link is stored, its target is not followed"));
                }
                walk(start, rel, null);
            }
        }

        private void listGlob(String configured) {
            PathGlob glob = PathGlob.compile(normalizeGlob(configured));
            String base = glob.literalPrefix();
            Path start = base.isEmpty() ? root : root.resolve(base);
            checkInsideRoot(configured, start);
            int before = entries.size();
            if (Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS) && (base.isEmpty() || !excludes.excludesOrAncestor(base))) {
                walk(start, base, glob);
            }
            if (entries.size() == before) {
                issues.add(new Issue(Issue.Severity.INFO, ctx.unitId(), configured, "pattern matches nothing"));
            }
        }

        /**
         * Walks {@code start} (whose install-relative path is {@code rel}, empty for the root) without
         * following links. With a glob, only matching entries are taken, a matching directory with its
         * whole tree; without, everything is.
         */
        private void walk(Path start, String rel, PathGlob glob) {
            try {
                Files.walkFileTree(start, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE,
                        new SimpleFileVisitor<>() {
                            /** Depth below the nearest directory a glob matched; 0 when none is open. */
                            private int insideMatch;

                            @Override
                            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                                ctx.cancellation().throwIfCancelled();
                                String path = pathOf(dir);
                                if (path.isEmpty()) {
                                    return FileVisitResult.CONTINUE;
                                }
                                if (excludes.excludes(path) || !representable(path)) {
                                    return FileVisitResult.SKIP_SUBTREE;
                                }
                                if (insideMatch > 0 || glob == null || glob.matches(path)) {
                                    if (glob != null) {
                                        insideMatch++;
                                    }
                                    entries.put(path, new Entry(path, dir, Kind.DIRECTORY, 0));
                                }
                                return FileVisitResult.CONTINUE;
                            }

                            @Override
                            public FileVisitResult postVisitDirectory(Path dir, IOException failure) {
                                if (insideMatch > 0) {
                                    insideMatch--;
                                }
                                if (failure != null) {
                                    listFailed(dir, failure);
                                }
                                return FileVisitResult.CONTINUE;
                            }

                            @Override
                            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                                String path = pathOf(file);
                                if (path.isEmpty() || excludes.excludes(path) || !representable(path)) {
                                    return FileVisitResult.CONTINUE;
                                }
                                if (glob != null && insideMatch == 0 && !glob.matches(path)) {
                                    return FileVisitResult.CONTINUE;
                                }
                                if (attrs.isSymbolicLink()) {
                                    entries.put(path, new Entry(path, file, Kind.SYMLINK, 0));
                                } else if (attrs.isRegularFile()) {
                                    entries.put(path, new Entry(path, file, Kind.FILE, attrs.size()));
                                } else if (attrs.isDirectory()) {
                                    // a directory walkFileTree could not open: keep it, its contents are unknown
                                    entries.put(path, new Entry(path, file, Kind.DIRECTORY, 0));
                                } else {
                                    issues.add(Issue.warning(ctx.unitId(), path,
                                            "not a regular file, directory or symbolic link (socket, FIFO or device); skipped"));
                                }
                                return FileVisitResult.CONTINUE;
                            }

                            @Override
                            public FileVisitResult visitFileFailed(Path file, IOException failure) {
                                String path = pathOf(file);
                                if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS) && !path.isEmpty()
                                        && !excludes.excludes(path) && representable(path)
                                        && (glob == null || insideMatch > 0 || glob.matches(path))) {
                                    entries.put(path, new Entry(path, file, Kind.DIRECTORY, 0));
                                }
                                listFailed(file, failure);
                                return FileVisitResult.CONTINUE;
                            }

                            private String pathOf(Path p) {
                                String below = start.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                                if (rel.isEmpty()) {
                                    return below;
                                }
                                return below.isEmpty() ? rel : rel + "/" + below;
                            }
                        });
            } catch (IOException e) {
                listFailed(start, e);
            }
        }

        private void listFailed(Path file, IOException failure) {
            String path = root.relativize(file.toAbsolutePath().normalize()).toString();
            if (failure instanceof NoSuchFileException) {
                issues.add(Issue.warning(ctx.unitId(), path, "vanished while being listed; skipped"));
            } else {
                issues.add(Issue.warning(ctx.unitId(), path, "cannot be listed: " + describe(failure)));
            }
        }

        private boolean representable(String path) {
            try {
                Item.checkPath(path);
                return true;
            } catch (IllegalArgumentException e) {
                issues.add(Issue.warning(ctx.unitId(), null,
                        "a file name cannot be stored as an install-relative path and was skipped: " + e.getMessage()));
                return false;
            }
        }

        /**
         * Rejects a configured path when the existing part of {@code mustBeInside} (the directory the
         * entries are reached through) leads out of the install root through a symbolic link.
         */
        private void checkInsideRoot(String configured, Path mustBeInside) {
            Path existing = mustBeInside;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return;
            }
            try {
                if (!existing.toRealPath().startsWith(realRoot)) {
                    throw new CairnException(CairnException.Kind.CONFIG, "path '" + configured + "' of unit "
                            + ctx.unitId() + " leads out of the install root " + root + " through a symbolic link");
                }
            } catch (IOException e) {
                issues.add(Issue.warning(ctx.unitId(), configured, "cannot be resolved: " + describe(e)));
            }
        }

        /** {@return {@code configured} as a clean install-relative path; empty for the root itself} */
        private String normalize(String configured) {
            if (configured.isBlank()) {
                throw escapes(configured, "it is blank");
            }
            String slashed = configured;
            if (slashed.startsWith("/") || slashed.matches("^[A-Za-z]:.*")) {
                throw escapes(configured, "it is absolute; paths are relative to the install root");
            }
            List<String> out = new ArrayList<>();
            for (String segment : slashed.split("/")) {
                if (segment.isEmpty() || segment.equals(".")) {
                    continue;
                }
                if (segment.equals("..")) {
                    if (out.isEmpty()) {
                        throw escapes(configured, "it leads out of the install root");
                    }
                    out.remove(out.size() - 1);
                } else {
                    out.add(segment);
                }
            }
            return String.join("/", out);
        }

        /** {@return a glob with {@code ./} and repeated slashes removed; {@code ..} is refused} */
        private String normalizeGlob(String configured) {
            if (configured.startsWith("/")) {
                throw escapes(configured, "it is absolute; paths are relative to the install root");
            }
            List<String> out = new ArrayList<>();
            for (String segment : configured.split("/")) {
                if (segment.equals("..")) {
                    throw escapes(configured, "'..' is not allowed in a pattern");
                }
                if (!segment.isEmpty() && !segment.equals(".")) {
                    out.add(segment);
                }
            }
            return String.join("/", out);
        }

        private CairnException escapes(String configured, String why) {
            return new CairnException(CairnException.Kind.CONFIG,
                    "path '" + configured + "' of unit " + ctx.unitId() + " is not usable: " + why);
        }
    }

    /**
     * The context's exclude globs. A pattern with a {@code /} is matched against the whole
     * install-relative path; one without is matched against the name of every entry at any depth
     * ({@code *.tmp}, {@code cache}). An excluded directory is skipped with everything below it.
     */
    static final class Excludes {
        private final List<PathGlob> whole = new ArrayList<>();
        private final List<PathGlob> names = new ArrayList<>();

        Excludes(List<String> patterns) {
            for (String p : patterns) {
                String trimmed = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
                PathGlob glob = PathGlob.compile(trimmed);
                (trimmed.contains("/") ? whole : names).add(glob);
            }
        }

        /** {@return whether {@code path} or one of the directories above it is excluded} */
        boolean excludesOrAncestor(String path) {
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                if (excludes(path.substring(0, slash))) {
                    return true;
                }
            }
            return excludes(path);
        }

        /** {@return whether {@code path} itself is excluded} */
        boolean excludes(String path) {
            for (PathGlob g : whole) {
                if (g.matches(path)) {
                    return true;
                }
            }
            if (!names.isEmpty()) {
                String name = path.substring(path.lastIndexOf('/') + 1);
                for (PathGlob g : names) {
                    if (g.matches(name)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    static String describe(Throwable e) {
        String kind = e.getClass().getSimpleName();
        return e.getMessage() == null ? kind : kind + ": " + e.getMessage();
    }
}
