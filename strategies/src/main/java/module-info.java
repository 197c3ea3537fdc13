/**
 * Cairn's first-party backup strategies: {@code full}, {@code incremental} and {@code differential}.
 * Every snapshot stays complete and restorable on its own; a strategy only chooses the baseline a
 * backup is compared with, and so which unchanged files may be taken from it without being read.
 *
 * @provides dev.cairn.framework.strategy.Strategy the three strategies
 */
module dev.cairn.strategies {
    requires dev.cairn.framework;

    provides dev.cairn.framework.strategy.Strategy with
            dev.cairn.strategies.internal.FullStrategy,
            dev.cairn.strategies.internal.IncrementalStrategy,
            dev.cairn.strategies.internal.DifferentialStrategy;
}
