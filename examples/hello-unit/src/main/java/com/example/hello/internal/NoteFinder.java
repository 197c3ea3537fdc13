package com.example.hello.internal;

import dev.cairn.framework.CairnException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Resolves a unit's configured paths inside an install root. A configured path is install-relative
 * and is one of: a file, a directory (every regular file below it), or a glob ({@code notes/*.txt},
 * {@code notes/**.md}; {@code *} stays within one directory, {@code **} crosses directories). Exclude
 * globs are matched against the install-relative path. Symbolic links are never followed nor
 * taken, and a configured path that leads out of the install root through a linked parent directory
 * is left out. Only reads the file system.
 */
final class NoteFinder {

    /**
     * A note found in the install.
     *
     * @param path     install-relative path with {@code /} separators
     * @param absolute the file
     */
    record Note(String path, Path absolute) { }

    /**
     * What the configured paths resolved to.
     *
     * @param notes     the matching regular files, sorted by path, each once
     * @param unmatched the configured paths that matched no regular file
     * @param escaping  the configured paths left out because they lead out of the install root
     */
    record Result(List<Note> notes, List<String> unmatched, List<String> escaping) {
        Result {
            notes = List.copyOf(notes);
            unmatched = List.copyOf(unmatched);
            escaping = List.copyOf(escaping);
        }
    }

    private final String unitId;
    private final Path installRoot;

    NoteFinder(String unitId, Path installRoot) {
        this.unitId = unitId;
        this.installRoot = installRoot;
    }

    /**
     * Resolves {@code paths} minus {@code excludes}.
     *
     * @throws CairnException of kind {@link CairnException.Kind#CONFIG} when a path or exclude is not
     *                        install-relative, and {@link CairnException.Kind#IO} when a directory cannot be listed
     */
    Result find(List<String> paths, List<String> excludes) {
        List<PathMatcher> excluded = new ArrayList<>();
        for (String exclude : excludes) {
            excluded.add(FileSystems.getDefault().getPathMatcher("glob:" + checked(exclude, "exclude")));
        }
        SortedMap<String, Note> notes = new TreeMap<>();
        List<String> unmatched = new ArrayList<>();
        List<String> escaping = new ArrayList<>();
        for (String configured : paths) {
            String checked = checked(configured, "path");
            if (leavesInstallRoot(checked)) {
                escaping.add(configured);
                continue;
            }
            List<Note> found = resolve(checked).stream()
                    .filter(note -> excluded.stream().noneMatch(m -> m.matches(Path.of(note.path()))))
                    .toList();
            if (found.isEmpty()) {
                unmatched.add(configured);
            }
            found.forEach(note -> notes.put(note.path(), note));
        }
        return new Result(List.copyOf(notes.values()), unmatched, escaping);
    }

    /** {@return whether the directories leading to {@code configured} resolve, through links, out of the install root} */
    private boolean leavesInstallRoot(String configured) {
        Path parent = installRoot.resolve(configured).getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent == null || !parent.startsWith(installRoot)) {
            return false;
        }
        try {
            return !parent.toRealPath().startsWith(installRoot.toRealPath());
        } catch (IOException e) {
            throw new CairnException(CairnException.Kind.IO,
                    "unit " + unitId + ": cannot resolve " + relative(parent) + ": " + e.getMessage(), e);
        }
    }

    private List<Note> resolve(String configured) {
        String[] segments = configured.split("/");
        int firstGlob = 0;
        while (firstGlob < segments.length && !isGlob(segments[firstGlob])) {
            firstGlob++;
        }
        if (firstGlob == segments.length) {
            Path target = installRoot.resolve(configured);
            if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                return List.of(new Note(configured, target));
            }
            return Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) ? walk(target, null) : List.of();
        }
        Path base = installRoot.resolve(String.join("/", List.of(segments).subList(0, firstGlob)));
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        return walk(base, FileSystems.getDefault().getPathMatcher("glob:" + configured));
    }

    private List<Note> walk(Path directory, PathMatcher matcher) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
                    .map(file -> new Note(relative(file), file))
                    .filter(note -> matcher == null || matcher.matches(Path.of(note.path())))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new CairnException(CairnException.Kind.IO,
                    "unit " + unitId + ": cannot list " + relative(directory) + ": " + e.getMessage(), e);
        }
    }

    private String relative(Path file) {
        return installRoot.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    private String checked(String configured, String what) {
        boolean escapes = configured.isBlank() || configured.startsWith("/") || configured.contains("\\")
                || List.of(configured.split("/")).contains("..");
        if (escapes) {
            throw new CairnException(CairnException.Kind.CONFIG, "unit " + unitId + ": " + what + " '" + configured
                    + "' must be relative to the install root and must not contain '..'");
        }
        return configured;
    }

    private static boolean isGlob(String segment) {
        return segment.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }
}
