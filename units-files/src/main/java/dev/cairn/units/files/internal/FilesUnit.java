package dev.cairn.units.files.internal;

import dev.cairn.framework.unit.BackupContext;
import dev.cairn.framework.unit.BackupUnit;
import dev.cairn.framework.unit.ChunkingPolicy;
import dev.cairn.framework.unit.FileTreeSupport;
import dev.cairn.framework.unit.InstallScanner;
import dev.cairn.framework.unit.Item;
import dev.cairn.framework.unit.UnitContext;
import dev.cairn.framework.unit.UnitOutcome;
import dev.cairn.framework.unit.UnitPlan;

import java.nio.file.Path;
import java.util.List;

/**
 * The {@code files} unit: generic files under its configured paths (uploads, transcripts,
 * certificates, binaries) with their modes (a {@code 0600} key stays {@code 0600} after a restore),
 * symbolic links and empty directories; see {@link FileTreeSupport} for what is selected and how files
 * that change or vanish are handled.
 *
 * <p>Options: {@code chunking} = {@code default} | {@code large} | {@code fixed:<bytes>}
 * ({@link ChunkingOption}), applied to every file of the unit. The restore smoke test is the default
 * one: generic files have no syntax to check, and the engine verifies every restored hash.
 */
public final class FilesUnit implements BackupUnit {

    @Override
    public String id() {
        return "files";
    }

    @Override
    public String description() {
        return "generic files (uploads, transcripts, certificates, binaries) with modes and links; chunking per install";
    }

    @Override
    public UnitPlan plan(UnitContext ctx) {
        ChunkingOption.read(ctx.config());   // a bad option fails the dry run as it would fail the backup
        return FileTreeSupport.standard().plan(ctx);
    }

    @Override
    public UnitOutcome backup(BackupContext ctx) {
        ChunkingPolicy chunking = ChunkingOption.read(ctx.config()).orElse(null);
        if (chunking == null) {
            return FileTreeSupport.standard().backup(ctx);
        }
        return FileTreeSupport.withFileItems((path, metadata, content) -> new Item.File(path, metadata, content, chunking, false))
                .backup(ctx);
    }

    @Override
    public List<String> suggest(Path installRoot) {
        return InstallScanner.scan(installRoot, FileSuggestions.MAX_DEPTH, new FileSuggestions());
    }
}
