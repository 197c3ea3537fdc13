package dev.cairn.engine.testing;

import dev.cairn.framework.strategy.SnapshotSummary;
import dev.cairn.framework.strategy.Strategy;
import dev.cairn.framework.strategy.StrategyContext;
import dev.cairn.framework.unit.FileMetadata;

import java.util.Optional;

/** Strategies for tests: {@code full} (no baseline), {@code latest} (the unit's newest snapshot, metadata rule) and {@code trusting} (newest snapshot, every file reused). */
public final class TestStrategy implements Strategy {

    private final String id;
    private final boolean baseline;
    private final boolean reuseAlways;

    private TestStrategy(String id, boolean baseline, boolean reuseAlways) {
        this.id = id;
        this.baseline = baseline;
        this.reuseAlways = reuseAlways;
    }

    /** {@return a strategy that reads everything} */
    public static TestStrategy full() {
        return new TestStrategy("full", false, false);
    }

    /** {@return a strategy comparing with the unit's newest snapshot by the default metadata rule} */
    public static TestStrategy latest() {
        return new TestStrategy("latest", true, false);
    }

    /** {@return a strategy comparing with the newest snapshot whose {@code mayReuse} always says yes} */
    public static TestStrategy trusting() {
        return new TestStrategy("trusting", true, true);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Optional<SnapshotSummary> baseline(StrategyContext ctx) {
        return baseline ? ctx.history().stream().findFirst() : Optional.empty();
    }

    @Override
    public boolean mayReuse(FileMetadata before, FileMetadata now) {
        return reuseAlways || Strategy.super.mayReuse(before, now);
    }
}
