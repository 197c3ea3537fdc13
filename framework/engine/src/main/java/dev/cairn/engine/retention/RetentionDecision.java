package dev.cairn.engine.retention;

import java.util.List;
import java.util.Objects;

/**
 * What retention decided for one snapshot.
 *
 * @param snapshot the snapshot
 * @param keep     whether it is kept
 * @param reasons  why it is kept, e.g. {@code "db: daily 2026-11-20"}, {@code "last verified"}; empty when forgotten
 */
public record RetentionDecision(SnapshotInfo snapshot, boolean keep, List<String> reasons) {

    public RetentionDecision {
        Objects.requireNonNull(snapshot, "snapshot");
        reasons = List.copyOf(reasons);
    }
}
