package dev.cairn.engine.archiver;

import dev.cairn.engine.snapshot.Manifest;
import dev.cairn.framework.Issue;
import dev.cairn.framework.unit.UnitPlan;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How a backup ended.
 *
 * @param snapshotId   the new snapshot's id, or {@code null} for a dry run
 * @param manifest     the committed manifest, or {@code null} for a dry run
 * @param plans        the units' plans (always filled)
 * @param issues       every issue met
 * @param filesRead    files whose content was read
 * @param filesReused  files taken from the baseline unread
 * @param bytesRead    content bytes read
 * @param bytesReused  content bytes taken from the baseline unread
 * @param elapsed      wall time
 */
public record BackupResult(String snapshotId, Manifest manifest, Map<String, UnitPlan> plans, List<Issue> issues,
                           long filesRead, long filesReused, long bytesRead, long bytesReused, Duration elapsed) {

    public BackupResult {
        plans = Map.copyOf(plans);
        issues = List.copyOf(issues);
    }

    /** {@return whether some unit failed or some item could not be backed up} */
    public boolean partial() {
        boolean unitFailed = manifest != null && manifest.units().stream().anyMatch(u -> "failed".equals(u.outcome()));
        return unitFailed || issues.stream().anyMatch(i -> i.severity() == Issue.Severity.ERROR);
    }
}
