package dev.cairn.engine.testing;

import dev.cairn.framework.unit.BackupContext;
import dev.cairn.framework.unit.BackupUnit;
import dev.cairn.framework.unit.UnitContext;
import dev.cairn.framework.unit.UnitOutcome;
import dev.cairn.framework.unit.UnitPlan;

import java.io.IOException;
import java.util.List;

/** A unit whose backup is a given script, for the cases a file walker does not produce by itself. */
public final class ScriptedUnit implements BackupUnit {

    /** What the unit does in its backup phase. */
    @FunctionalInterface
    public interface Script {
        /** Streams items into {@code ctx.sink()}. */
        UnitOutcome run(BackupContext ctx) throws IOException;
    }

    private final String id;
    private final Script script;

    public ScriptedUnit(String id, Script script) {
        this.id = id;
        this.script = script;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public UnitPlan plan(UnitContext ctx) {
        return new UnitPlan(List.of(), List.of());
    }

    @Override
    public UnitOutcome backup(BackupContext ctx) {
        try {
            return script.run(ctx);
        } catch (IOException e) {
            return UnitOutcome.failed("could not store: " + e.getMessage(), e);
        }
    }
}
