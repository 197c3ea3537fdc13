package dev.cairn.engine.retention;

import java.util.List;

/**
 * The outcome of {@link RetentionPlanner#plan}: one decision per snapshot, newest first.
 *
 * @param decisions every snapshot with its decision
 */
public record RetentionPlan(List<RetentionDecision> decisions) {

    public RetentionPlan {
        decisions = List.copyOf(decisions);
    }

    /** {@return the snapshots kept, newest first} */
    public List<SnapshotInfo> kept() {
        return decisions.stream().filter(RetentionDecision::keep).map(RetentionDecision::snapshot).toList();
    }

    /** {@return the snapshots to forget, newest first} */
    public List<SnapshotInfo> forgotten() {
        return decisions.stream().filter(d -> !d.keep()).map(RetentionDecision::snapshot).toList();
    }

    /** {@return the decision for {@code snapshotId}} */
    public RetentionDecision decisionFor(String snapshotId) {
        return decisions.stream().filter(d -> d.snapshot().id().equals(snapshotId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no decision for snapshot " + snapshotId));
    }
}
