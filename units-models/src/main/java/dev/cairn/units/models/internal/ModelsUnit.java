package dev.cairn.units.models.internal;

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
 * The {@code models} unit: model files under its configured paths (files and directories, with
 * their modes and symbolic links; see {@link FileTreeSupport} for the selection and for files that
 * change or vanish).
 *
 * <p>Chunking is content-defined with fine chunks ({@link ChunkingPolicy#fine()}: a quarter of the
 * repository's size, 256 KiB on average), not large ones: a fine-tuned copy that differs from its base in
 * a few scattered MiB then costs little more than those MiB (the benchmark's copy with four changed 1 MiB
 * regions: ~5 MB less stored than with 1 MiB chunks, docs/PERFORMANCE.md). Each file's
 * {@link ChunkingPolicy.Layout} comes from {@link WeightLayouts}: files of 16-bit weights are
 * {@code WORDS16}, which the engine stores as compressed byte planes. Option {@code layout} =
 * {@code auto} (default) | {@code words16} | {@code bytes} ({@link LayoutOption}) overrides the
 * decision for every file of the unit. The layout never changes what is restored: the bytes come back
 * identical. The restore smoke test is the default one (the engine verifies every restored hash).
 */
public final class ModelsUnit implements BackupUnit {

    @Override
    public String id() {
        return "models";
    }

    @Override
    public String description() {
        return "AI model files (safetensors, GGUF, ONNX, checkpoints, raw fp16/bf16 dumps); 16-bit weights stored as byte planes";
    }

    @Override
    public ChunkingPolicy chunking() {
        return ChunkingPolicy.fine();
    }

    @Override
    public UnitPlan plan(UnitContext ctx) {
        LayoutOption.read(ctx.config());   // a bad option fails the dry run as it would fail the backup
        return FileTreeSupport.standard().plan(ctx);
    }

    @Override
    public UnitOutcome backup(BackupContext ctx) {
        WeightLayouts layouts = new WeightLayouts(LayoutOption.read(ctx.config()), ctx.installRoot());
        ChunkingPolicy chunking = chunking();
        return FileTreeSupport.withFileItems((path, metadata, content) ->
                new Item.File(path, metadata, content, chunking.withLayout(layouts.layoutOf(path)), false)).backup(ctx);
    }

    @Override
    public List<String> suggest(Path installRoot) {
        return InstallScanner.scan(installRoot, ModelSuggestions.MAX_DEPTH, new ModelSuggestions());
    }
}
