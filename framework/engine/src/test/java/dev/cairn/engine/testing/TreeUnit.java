package dev.cairn.engine.testing;

import dev.cairn.framework.unit.BackupContext;
import dev.cairn.framework.unit.BackupUnit;
import dev.cairn.framework.unit.ChunkingPolicy;
import dev.cairn.framework.unit.FileTreeSupport;
import dev.cairn.framework.unit.Item;
import dev.cairn.framework.unit.RestoreContext;
import dev.cairn.framework.unit.SmokeTestResult;
import dev.cairn.framework.unit.UnitContext;
import dev.cairn.framework.unit.UnitOutcome;
import dev.cairn.framework.unit.UnitPlan;

import java.util.Set;
import java.util.function.Function;

/**
 * A file-based unit built on the framework's real {@link FileTreeSupport}: it backs up its configured
 * paths, optionally marks every file append-only, declares companion suffixes and runs a given smoke test.
 */
public final class TreeUnit implements BackupUnit {

    private final String id;
    private final boolean appendOnly;
    private final Set<String> companions;
    private final Function<RestoreContext, SmokeTestResult> smokeTest;
    private final ChunkingPolicy chunking;

    private TreeUnit(String id, boolean appendOnly, Set<String> companions, Function<RestoreContext, SmokeTestResult> smokeTest,
                     ChunkingPolicy chunking) {
        this.id = id;
        this.appendOnly = appendOnly;
        this.companions = companions;
        this.smokeTest = smokeTest;
        this.chunking = chunking;
    }

    /** {@return a plain unit with {@code id}} */
    public static TreeUnit of(String id) {
        return new TreeUnit(id, false, Set.of(), ctx -> SmokeTestResult.passed(), ChunkingPolicy.contentDefined());
    }

    /** {@return a copy whose files are append-only (logs)} */
    public TreeUnit appendOnly() {
        return new TreeUnit(id, true, companions, smokeTest, chunking);
    }

    /** {@return a copy with companion suffixes} */
    public TreeUnit withCompanions(String... suffixes) {
        return new TreeUnit(id, appendOnly, Set.of(suffixes), smokeTest, chunking);
    }

    /** {@return a copy with a smoke test} */
    public TreeUnit withSmokeTest(Function<RestoreContext, SmokeTestResult> test) {
        return new TreeUnit(id, appendOnly, companions, test, chunking);
    }

    /** {@return a copy with another default chunking} */
    public TreeUnit withChunking(ChunkingPolicy policy) {
        return new TreeUnit(id, appendOnly, companions, smokeTest, policy);
    }

    @Override
    public ChunkingPolicy chunking() {
        return chunking;
    }

    private FileTreeSupport support() {
        return appendOnly
                ? FileTreeSupport.withFileItems((path, metadata, content) -> new Item.File(path, metadata, content, null, true))
                : FileTreeSupport.standard();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public UnitPlan plan(UnitContext ctx) {
        return support().plan(ctx);
    }

    @Override
    public UnitOutcome backup(BackupContext ctx) {
        return support().backup(ctx);
    }

    @Override
    public Set<String> companionSuffixes() {
        return companions;
    }

    @Override
    public SmokeTestResult smokeTest(RestoreContext ctx) {
        return smokeTest.apply(ctx);
    }
}
