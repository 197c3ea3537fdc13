package dev.cairn.framework.unit;

import dev.cairn.framework.CairnException;
import dev.cairn.framework.Issue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the entries a unit's configured paths select and hands them to a {@link Visitor} one at a
 * time, in {@link #PATH_ORDER}: the shared walk of {@link FileTreeSupport#plan} and
 * {@link FileTreeSupport#backup}, so both always agree.
 *
 * <p>The walk is one depth-first pass over the install tree with each directory's names sorted, so an
 * entry selected by several configured paths is visited once, and memory stays proportional to the
 * depth times the width of the directories on the current path, never to the size of the tree. It
 * goes only into directories that are selected, lie on the way to a configured path, or lie below a
 * glob's literal prefix. Symbolic links are never followed, except for a link that is a proper parent
 * of a configured path or glob prefix (such as {@code current -> releases/2} for {@code current/config}),
 * which {@link #of} has checked stays inside the install root.
 */
final class FileTreeWalker {

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

    /** The kinds of entries a walk selects. */
    enum Kind { FILE, DIRECTORY, SYMLINK }

    /** Receives the walk's entries and issues. */
    interface Visitor {

        /**
         * One selected entry.
         *
         * @param path the install-relative path
         * @param file the entry on disk
         * @param stat its metadata and kind (never {@code null}) as the walk's one stat of it saw them
         */
        void entry(String path, Path file, FileMetadata.Stat stat) throws IOException;

        /** A problem met while looking. */
        void issue(Issue issue);
    }

    private final UnitContext ctx;
    private final Path root;
    private final Excludes excludes;
    private final boolean wholeRoot;
    /** Configured literal paths, normalized; the root itself is {@link #wholeRoot}. */
    private final Set<String> literals = new HashSet<>();
    /** Configured literal paths that exist, in configuration order, with whether each is a link. */
    private final Map<String, Boolean> existingLiterals = new LinkedHashMap<>();
    private final List<String> missingLiterals = new ArrayList<>();
    private final List<PathGlob> globs = new ArrayList<>();
    /** Proper parents of configured paths and globs' literal prefixes, and those prefixes themselves. */
    private final Set<String> approach = new HashSet<>();

    private FileTreeWalker(UnitContext ctx) {
        this.ctx = ctx;
        this.root = ctx.installRoot().toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new CairnException(CairnException.Kind.CONFIG, "install root " + root + " is not a directory");
        }
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            throw new CairnException(CairnException.Kind.IO, "cannot resolve install root " + root + ": " + e.getMessage(), e);
        }
        this.excludes = new Excludes(ctx.excludes());
        boolean whole = false;
        for (String configured : ctx.paths()) {
            if (PathGlob.isGlob(configured)) {
                PathGlob glob = PathGlob.compile(normalizeGlob(configured));
                String base = glob.literalPrefix();
                checkInsideRoot(configured, base.isEmpty() ? root : root.resolve(base), realRoot);
                globs.add(glob);
                addApproach(base, true);
            } else {
                String rel = normalize(configured);
                if (rel.isEmpty()) {
                    whole = true;
                    continue;
                }
                Path start = root.resolve(rel);
                checkInsideRoot(configured, start.getParent(), realRoot);
                literals.add(rel);
                addApproach(rel, false);
                if (Files.exists(start, LinkOption.NOFOLLOW_LINKS)) {
                    existingLiterals.putIfAbsent(rel, Files.isSymbolicLink(start));
                } else if (!missingLiterals.contains(rel)) {
                    missingLiterals.add(rel);
                }
            }
        }
        this.wholeRoot = whole;
    }

    /**
     * Checks the context's paths and excludes.
     *
     * @throws CairnException of kind {@link CairnException.Kind#CONFIG} when a path or exclude is
     *                        malformed or leads out of the install root, or the install root is not a directory
     */
    static FileTreeWalker of(UnitContext ctx) {
        return new FileTreeWalker(ctx);
    }

    /** Walks the selection; an exception from the visitor ends the walk and propagates. */
    void walk(Visitor visitor) throws IOException {
        String unit = ctx.unitId();
        for (String missing : missingLiterals) {
            visitor.issue(Issue.warning(unit, missing, "configured path does not exist; nothing backed up for it"));
        }
        existingLiterals.forEach((path, isLink) -> {
            if (isLink) {
                visitor.issue(new Issue(Issue.Severity.INFO, unit, path,
                        "configured path is a symbolic link; the link is stored, its target is not followed"));
            }
        });
        int[] globMatches = new int[globs.size()];
        Deque<Frame> stack = new ArrayDeque<>();
        Frame top = open(root, "", wholeRoot, visitor);
        if (top != null) {
            stack.push(top);
        }
        while (!stack.isEmpty()) {
            Frame frame = stack.peek();
            if (frame.next == frame.names.size()) {
                stack.pop();
                continue;
            }
            ctx.cancellation().throwIfCancelled();
            String name = frame.names.get(frame.next++);
            String path = frame.rel.isEmpty() ? name : frame.rel + "/" + name;
            Path file = frame.dir.resolve(name);
            boolean selected = frame.selected || literals.contains(path) || matchesGlob(path, globMatches);
            boolean onTheWay = !selected && (approach.contains(path) || belowGlobPrefix(path));
            if ((!selected && !onTheWay) || excludes.excludes(path)) {
                continue;
            }
            if (!representable(path, visitor)) {
                continue;
            }
            FileMetadata.Stat stat;
            try {
                stat = FileMetadata.stat(file);
            } catch (IOException e) {
                listFailed(path, e, visitor);
                continue;
            }
            Kind kind = stat.kind();
            if (selected) {
                if (kind == null) {
                    visitor.issue(Issue.warning(unit, path,
                            "not a regular file, directory or symbolic link (socket, FIFO or device); skipped"));
                    continue;
                }
                visitor.entry(path, file, stat);
                if (kind == Kind.DIRECTORY) {
                    push(stack, file, path, true, visitor);
                }
            } else if (kind == Kind.DIRECTORY || (kind == Kind.SYMLINK && approach.contains(path) && Files.isDirectory(file))) {
                push(stack, file, path, false, visitor);
            }
        }
        for (int i = 0; i < globs.size(); i++) {
            if (globMatches[i] == 0) {
                visitor.issue(new Issue(Issue.Severity.INFO, unit, globs.get(i).pattern(), "pattern matches nothing"));
            }
        }
    }

    /** A directory being walked: its sorted names and how far the walk got. */
    private static final class Frame {
        final Path dir;
        final String rel;
        final boolean selected;
        final List<String> names;
        int next;

        Frame(Path dir, String rel, boolean selected, List<String> names) {
            this.dir = dir;
            this.rel = rel;
            this.selected = selected;
            this.names = names;
        }
    }

    private void push(Deque<Frame> stack, Path dir, String rel, boolean selected, Visitor visitor) {
        Frame frame = open(dir, rel, selected, visitor);
        if (frame != null) {
            stack.push(frame);
        }
    }

    /** Lists a directory's names, sorted; reports and returns {@code null} when it cannot be listed. */
    private Frame open(Path dir, String rel, boolean selected, Visitor visitor) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                names.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            listFailed(rel.isEmpty() ? "." : rel, e, visitor);
            return null;
        }
        names.sort(null);   // plain name order within a directory is the segment-by-segment path order
        return new Frame(dir, rel, selected, names);
    }

    private boolean matchesGlob(String path, int[] matches) {
        boolean any = false;
        for (int i = 0; i < globs.size(); i++) {
            if (globs.get(i).matches(path)) {
                matches[i]++;
                any = true;
            }
        }
        return any;
    }

    private boolean belowGlobPrefix(String path) {
        for (PathGlob g : globs) {
            String base = g.literalPrefix();
            if (base.isEmpty() || path.startsWith(base + "/")) {
                return true;
            }
        }
        return false;
    }

    private void addApproach(String path, boolean includingItself) {
        if (includingItself && !path.isEmpty()) {
            approach.add(path);
        }
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            approach.add(path.substring(0, slash));
        }
    }

    private void listFailed(String path, IOException failure, Visitor visitor) {
        visitor.issue(Issue.warning(ctx.unitId(), path, failure instanceof NoSuchFileException
                ? "vanished while being listed; skipped" : "cannot be listed: " + describe(failure)));
    }

    private boolean representable(String path, Visitor visitor) {
        try {
            Item.checkPath(path);
            return true;
        } catch (IllegalArgumentException e) {
            visitor.issue(Issue.warning(ctx.unitId(), null,
                    "a file name cannot be stored as an install-relative path and was skipped: " + e.getMessage()));
            return false;
        }
    }

    /**
     * Rejects a configured path when the existing part of {@code mustBeInside} (the directory its
     * entries are reached through) leads out of the install root through a symbolic link.
     */
    private void checkInsideRoot(String configured, Path mustBeInside, Path realRoot) {
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
            throw new CairnException(CairnException.Kind.CONFIG, "path '" + configured + "' of unit " + ctx.unitId()
                    + " cannot be resolved inside the install root: " + describe(e), e);
        }
    }

    /** {@return {@code configured} as a clean install-relative path; empty for the root itself} */
    private String normalize(String configured) {
        if (configured.isBlank()) {
            throw unusable(configured, "it is blank");
        }
        if (configured.startsWith("/") || configured.matches("^[A-Za-z]:.*")) {
            throw unusable(configured, "it is absolute; paths are relative to the install root");
        }
        List<String> out = new ArrayList<>();
        for (String segment : configured.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (out.isEmpty()) {
                    throw unusable(configured, "it leads out of the install root");
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
            throw unusable(configured, "it is absolute; paths are relative to the install root");
        }
        List<String> out = new ArrayList<>();
        for (String segment : configured.split("/")) {
            if (segment.equals("..")) {
                throw unusable(configured, "'..' is not allowed in a pattern");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                out.add(segment);
            }
        }
        return String.join("/", out);
    }

    private CairnException unusable(String configured, String why) {
        return new CairnException(CairnException.Kind.CONFIG,
                "path '" + configured + "' of unit " + ctx.unitId() + " is not usable: " + why);
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
