package dev.cairn.engine.restorer;

import dev.cairn.framework.Issue;

import java.util.List;

/**
 * How a restore ended (a failure throws instead).
 *
 * @param plan          what was done
 * @param filesWritten  files written and verified
 * @param bytesWritten  their bytes
 * @param issues        warnings (e.g. a unit whose plugin is not installed, so its smoke test did not run)
 */
public record RestoreResult(RecoveryPlan plan, long filesWritten, long bytesWritten, List<Issue> issues) {

    public RestoreResult {
        issues = List.copyOf(issues);
    }
}
