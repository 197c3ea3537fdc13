package dev.cairn.strategies.internal;

import dev.cairn.framework.strategy.SnapshotSummary;
import dev.cairn.framework.strategy.Strategy;
import dev.cairn.framework.strategy.StrategyContext;

import java.util.Optional;

/**
 * {@code differential}: compares with the unit's newest snapshot taken by the {@code full} strategy,
 * so each differential backup re-reads everything changed since that full backup (and stays
 * independent of other differential backups). A file whose size, modification time, inode and change
 * time are unchanged since the full backup is taken from it unread. With no full snapshot of the unit
 * there is no baseline and everything is read; the snapshot is still recorded as differential, so
 * take a {@code full} backup to start a differential series.
 */
public final class DifferentialStrategy implements Strategy {

    @Override
    public String id() {
        return "differential";
    }

    @Override
    public String description() {
        return "reads only files changed since the unit's latest full snapshot";
    }

    @Override
    public Optional<SnapshotSummary> baseline(StrategyContext ctx) {
        return Baselines.newest(ctx, s -> FullStrategy.ID.equals(s.strategy()));
    }
}
