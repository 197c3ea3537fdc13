package dev.cairn.engine.retention;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What retention needs to know about a snapshot.
 *
 * @param id       the snapshot id
 * @param created  when the backup started
 * @param units    the units it holds
 * @param strategy the strategy that took it (shown in the plan; not used by the rules)
 */
public record SnapshotInfo(String id, Instant created, Set<String> units, String strategy) {

    public SnapshotInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(created, "created");
        units = Set.copyOf(units);
        Objects.requireNonNull(strategy, "strategy");
    }
}
