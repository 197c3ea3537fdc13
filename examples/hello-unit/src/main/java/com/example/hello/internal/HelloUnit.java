package com.example.hello.internal;

import dev.cairn.framework.Issue;
import dev.cairn.framework.unit.BackupContext;
import dev.cairn.framework.unit.BackupUnit;
import dev.cairn.framework.unit.FileMetadata;
import dev.cairn.framework.unit.Item;
import dev.cairn.framework.unit.RestoreContext;
import dev.cairn.framework.unit.SmokeTestResult;
import dev.cairn.framework.unit.UnitContext;
import dev.cairn.framework.unit.UnitOutcome;
import dev.cairn.framework.unit.UnitPlan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code hello} unit, Cairn's example third-party plugin: it backs up the UTF-8 text notes that
 * its configured paths name (files, directories or globs such as {@code notes/*.txt}) and, on restore,
 * refuses staged notes that are not well-formed UTF-8.
 *
 * <p>A profile entry looks like {@code {"id": "hello", "paths": ["notes/*.txt"]}}; the unit has no options.
 */
public final class HelloUnit implements BackupUnit {

    /** The unit's id. */
    public static final String ID = "hello";

    /** The directory {@link #suggest(Path)} looks for. */
    static final String NOTES_DIRECTORY = "notes";

    /** Creates the unit; {@link java.util.ServiceLoader} calls this. */
    public HelloUnit() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "UTF-8 text notes under the configured paths (example third-party plugin)";
    }

    @Override
    public UnitPlan plan(UnitContext ctx) {
        NoteFinder.Result found = find(ctx);
        List<UnitPlan.PlannedItem> items = new ArrayList<>();
        List<Issue> issues = new ArrayList<>(pathIssues(ctx, found));
        for (NoteFinder.Note note : found.notes()) {
            try {
                items.add(new UnitPlan.PlannedItem(note.path(), UnitPlan.PlannedItem.Type.FILE,
                        Files.size(note.absolute())));
            } catch (IOException e) {
                issues.add(Issue.warning(ctx.unitId(), note.path(), "cannot read its size: " + e.getMessage()));
            }
        }
        return new UnitPlan(items, issues);
    }

    @Override
    public UnitOutcome backup(BackupContext ctx) {
        ctx.cancellation().throwIfCancelled();
        NoteFinder.Result found = find(ctx);
        pathIssues(ctx, found).forEach(ctx.sink()::report);
        if (found.notes().isEmpty()) {
            return UnitOutcome.skipped("no note matches " + ctx.paths());
        }
        long stored = 0;
        for (NoteFinder.Note note : found.notes()) {
            ctx.cancellation().throwIfCancelled();
            FileMetadata metadata;
            try {
                metadata = FileMetadata.read(note.absolute());
            } catch (NoSuchFileException vanished) {
                ctx.sink().report(Issue.warning(ctx.unitId(), note.path(), "vanished before it was read"));
                continue;
            } catch (IOException e) {
                ctx.sink().report(Issue.error(ctx.unitId(), note.path(), "cannot read its metadata: " + e.getMessage()));
                continue;
            }
            ctx.progress().itemStarted(note.path(), metadata.size());
            Path file = note.absolute();
            try {
                ctx.sink().accept(Item.File.of(note.path(), metadata,
                        () -> Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)));
            } catch (IOException e) {
                return UnitOutcome.failed("could not store " + note.path() + ": " + e.getMessage(), e);
            }
            ctx.progress().itemFinished(note.path());
            stored++;
        }
        return UnitOutcome.succeeded(stored);
    }

    /** Fails when a staged note is missing or not well-formed UTF-8, naming the note and the byte offset. */
    @Override
    public SmokeTestResult smokeTest(RestoreContext ctx) {
        for (String item : ctx.items()) {
            Path staged = ctx.staged(item);
            try {
                long offset = Utf8Check.firstMalformedByte(staged);
                if (offset >= 0) {
                    return SmokeTestResult.failed("note " + item + " is not valid UTF-8 (byte " + offset + ")");
                }
            } catch (IOException e) {
                return SmokeTestResult.failed("note " + item + " cannot be read from staging: " + e);
            }
        }
        return SmokeTestResult.passed();
    }

    /** Suggests {@code notes/*.txt} when the install has a {@code notes} directory holding {@code .txt} files. */
    @Override
    public List<String> suggest(Path installRoot) {
        Path notes = installRoot.resolve(NOTES_DIRECTORY);
        if (!Files.isDirectory(notes, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(notes)) {
            boolean hasText = entries.anyMatch(p -> p.getFileName().toString().endsWith(".txt")
                    && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS));
            return hasText ? List.of(NOTES_DIRECTORY + "/*.txt") : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static NoteFinder.Result find(UnitContext ctx) {
        return new NoteFinder(ctx.unitId(), ctx.installRoot()).find(ctx.paths(), ctx.excludes());
    }

    private static List<Issue> pathIssues(UnitContext ctx, NoteFinder.Result found) {
        List<Issue> issues = new ArrayList<>();
        found.unmatched().forEach(path ->
                issues.add(Issue.warning(ctx.unitId(), null, "configured path '" + path + "' matches no file")));
        found.escaping().forEach(path -> issues.add(Issue.warning(ctx.unitId(), null,
                "configured path '" + path + "' leads out of the install root through a symbolic link; skipped")));
        return issues;
    }
}
