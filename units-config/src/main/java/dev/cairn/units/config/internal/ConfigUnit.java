package dev.cairn.units.config.internal;

import dev.cairn.framework.Issue;
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
import java.util.Optional;

/**
 * The {@code config} unit: settings, policies and {@code .env} files under its configured paths,
 * with modes, symbolic links and empty directories (see {@link FileTreeSupport} for what is selected
 * and how changing files are handled).
 *
 * <p>While backing up, a config file of at most {@value ConfigSuggestions#MAX_BYTES} bytes whose syntax
 * is already broken is reported as a warning, since restoring it would fail the smoke test. The smoke
 * test parses every staged file whose name gives a checked format (JSON, JSON Lines, YAML, properties,
 * {@code .env}, XML) and fails naming each broken file with the line and the parse error.
 *
 * <p>Options: {@code strict-json} ({@code false}): reject comments and trailing commas in JSON.
 */
public final class ConfigUnit implements BackupUnit {

    private static final String STRICT_JSON = "strict-json";
    /** At most this many broken files are named in a smoke-test failure. */
    private static final int MAX_NAMED = 10;

    @Override
    public String id() {
        return "config";
    }

    @Override
    public String description() {
        return "settings, policies and .env files; restore checks JSON, YAML, properties, .env and XML syntax";
    }

    @Override
    public UnitPlan plan(UnitContext ctx) {
        strictJson(ctx);
        return FileTreeSupport.standard().plan(ctx);
    }

    @Override
    public UnitOutcome backup(BackupContext ctx) {
        SyntaxChecker checker = new SyntaxChecker(strictJson(ctx));
        return FileTreeSupport.withFileItems((path, metadata, content) -> {
            warnIfBroken(ctx, checker, path, metadata.size());
            return Item.File.of(path, metadata, content);
        }).backup(ctx);
    }

    /** Reports a live config file whose syntax is already broken: restoring it would fail the smoke test. */
    private static void warnIfBroken(BackupContext ctx, SyntaxChecker checker, String path, long size) {
        Optional<ConfigFormat> format = ConfigFormat.of(path.substring(path.lastIndexOf('/') + 1));
        if (format.isEmpty() || size > ConfigSuggestions.MAX_BYTES) {
            return;
        }
        try {
            checker.check(ctx.installRoot().resolve(path), format.get()).ifPresent(problem -> ctx.sink().report(
                    Issue.warning(ctx.unitId(), path, problem + "; a restore of this snapshot will fail the config smoke test")));
        } catch (IOException e) {
            // not readable now: the file tree support reports it when the content is read
        }
    }

    @Override
    public SmokeTestResult smokeTest(RestoreContext ctx) {
        SyntaxChecker checker = new SyntaxChecker(ctx.config().getBoolean(STRICT_JSON, false));
        List<String> problems = new ArrayList<>();
        for (String item : ctx.items()) {
            Path staged = ctx.staged(item);
            Optional<ConfigFormat> format = ConfigFormat.of(item.substring(item.lastIndexOf('/') + 1));
            if (format.isEmpty() || !Files.isRegularFile(staged, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                checker.check(staged, format.get()).ifPresent(problem -> problems.add(item + ": " + problem));
            } catch (IOException e) {
                problems.add(item + ": cannot be read: " + e.getMessage());
            }
        }
        if (problems.isEmpty()) {
            return SmokeTestResult.passed();
        }
        String named = String.join("; ", problems.subList(0, Math.min(MAX_NAMED, problems.size())));
        return SmokeTestResult.failed(problems.size() == 1 ? named
                : problems.size() + " config files are broken: " + named
                        + (problems.size() > MAX_NAMED ? "; and " + (problems.size() - MAX_NAMED) + " more" : ""));
    }

    @Override
    public List<String> suggest(Path installRoot) {
        return InstallScanner.scan(installRoot, ConfigSuggestions.MAX_DEPTH, new ConfigSuggestions());
    }

    private static boolean strictJson(UnitContext ctx) {
        return ctx.config().getBoolean(STRICT_JSON, false);
    }
}
