package dev.cairn.strategies.internal;

import dev.cairn.framework.strategy.SnapshotSummary;
import dev.cairn.framework.strategy.StrategyContext;

import java.util.Comparator;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Picks the newest snapshot of a unit's history that fits a condition. The history is meant to hold
 * only snapshots of the unit, newest first; both are checked again here so a caller's mistake never
 * makes a strategy compare with another unit's data or with an older snapshot.
 */
final class Baselines {

    /** Newest first; among snapshots taken at the same instant, the one listed first wins. */
    private static final Comparator<SnapshotSummary> NEWEST_FIRST = Comparator.comparing(SnapshotSummary::created).reversed();

    private Baselines() {
    }

    /** {@return the newest snapshot containing the context's unit that also satisfies {@code fits}} */
    static Optional<SnapshotSummary> newest(StrategyContext ctx, Predicate<SnapshotSummary> fits) {
        return ctx.history().stream()
                .filter(s -> s.units().contains(ctx.unitId()))
                .filter(fits)
                .min(NEWEST_FIRST);
    }
}
