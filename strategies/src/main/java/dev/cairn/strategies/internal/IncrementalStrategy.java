package dev.cairn.strategies.internal;

import dev.cairn.framework.strategy.SnapshotSummary;
import dev.cairn.framework.strategy.Strategy;
import dev.cairn.framework.strategy.StrategyContext;

import java.util.Optional;

/**
 * {@code incremental}: compares with the unit's newest snapshot, whatever strategy took it; a file
 * whose size, modification time, inode and change time are unchanged since then is taken from it
 * unread. With no earlier snapshot of the unit everything is read.
 */
public final class IncrementalStrategy implements Strategy {

    @Override
    public String id() {
        return "incremental";
    }

    @Override
    public String description() {
        return "reads only files changed since the unit's latest snapshot";
    }

    @Override
    public Optional<SnapshotSummary> baseline(StrategyContext ctx) {
        return Baselines.newest(ctx, s -> true);
    }
}
