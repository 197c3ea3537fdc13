package dev.cairn.framework.strategy;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What a strategy knows of an earlier snapshot.
 *
 * @param id       the snapshot id
 * @param created  when it was taken
 * @param strategy the id of the strategy that took it
 * @param units    the units it contains (that succeeded)
 */
public record SnapshotSummary(String id, Instant created, String strategy, Set<String> units) {

    public SnapshotSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(strategy, "strategy");
        units = Set.copyOf(units);
    }
}
