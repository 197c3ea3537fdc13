package dev.cairn.units.logs.internal;

import dev.cairn.framework.unit.BackupContext;
import dev.cairn.framework.unit.BackupUnit;
import dev.cairn.framework.unit.FileTreeSupport;
import dev.cairn.framework.unit.InstallScanner;
import dev.cairn.framework.unit.Item;
import dev.cairn.framework.unit.RestoreContext;
import dev.cairn.framework.unit.SmokeTestResult;
import dev.cairn.framework.unit.UnitContext;
import dev.cairn.framework.unit.UnitOutcome;
import dev.cairn.framework.unit.UnitPlan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code logs} unit: active and rotated logs under its configured paths, with modes, symbolic
 * links and empty directories (see {@link FileTreeSupport} for what is selected and how files that
 * change or vanish are handled; a growing log is the usual "changed while read").
 *
 * <p>An active log ({@link LogNames#isActive}: {@code app.log}, {@code access_log}, {@code catalina.out})
 * is streamed with {@link Item.File#appendOnly()} set, so the engine may read only its new tail when the
 * end it stored last time is unchanged; rotated, compressed and other files are read whole. The smoke
 * test decompresses every staged {@code .gz} file; other compressions are restored byte-exact (the
 * engine verifies their hashes) but not decompressed.
 */
public final class LogsUnit implements BackupUnit {

    private static final FileTreeSupport FILES = FileTreeSupport.withFileItems((path, metadata, content) ->
            new Item.File(path, metadata, content, null, LogNames.isActive(LogNames.fileName(path))));

    @Override
    public String id() {
        return "logs";
    }

    @Override
    public String description() {
        return "active and rotated logs; active logs are read from their previous end when it is unchanged";
    }

    @Override
    public UnitPlan plan(UnitContext ctx) {
        return FILES.plan(ctx);
    }

    @Override
    public UnitOutcome backup(BackupContext ctx) {
        return FILES.backup(ctx);
    }

    @Override
    public SmokeTestResult smokeTest(RestoreContext ctx) {
        List<String> problems = new ArrayList<>();
        for (String item : ctx.items()) {
            Path staged = ctx.staged(item);
            if (!LogNames.isGzip(LogNames.fileName(item)) || !Files.isRegularFile(staged, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                GzipCheck.check(staged).ifPresent(problem -> problems.add(item + ": " + problem));
            } catch (IOException e) {
                problems.add(item + ": cannot be read: " + e.getMessage());
            }
        }
        return problems.isEmpty() ? SmokeTestResult.passed() : SmokeTestResult.failed(String.join("; ", problems));
    }

    @Override
    public List<String> suggest(Path installRoot) {
        return InstallScanner.scan(installRoot, LogSuggestions.MAX_DEPTH, new LogSuggestions());
    }
}
