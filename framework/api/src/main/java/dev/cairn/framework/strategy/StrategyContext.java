package dev.cairn.framework.strategy;

import dev.cairn.framework.ConfigView;

import java.util.List;

/**
 * What a strategy sees when choosing a baseline.
 *
 * @param unitId  the unit being backed up
 * @param history the snapshots that contain this unit, newest first
 * @param config  the strategy's options
 */
public record StrategyContext(String unitId, List<SnapshotSummary> history, ConfigView config) {

    public StrategyContext {
        history = List.copyOf(history);
    }
}
